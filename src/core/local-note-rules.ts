// The rules of local notes that need no schema (core/local-notes.ts has the schemas): which
// library a kiosk belongs to, whether a note shows on a day, the limits. Apart so the guide
// screen and the sync engine can use them without the schemas in the first load.

/** Characters in a note, per language: a few lines, enough for an address, days and a phone. */
export const NOTE_TEXT_MAX = 600;
/** How far ahead a note's last day may be: notes must be looked at again at least this often. */
export const NOTE_MAX_DAYS_AHEAD = 731;
/** Notes one library may keep at once (not counting deleted or expired ones). */
export const MAX_NOTES_PER_LIBRARY = 500;
/** Notes in one push. */
export const MAX_NOTES_PER_PUSH = 100;

/** Which library a kiosk belongs to, from the name it was enrolled with: case, accents, spaces
 * and punctuation do not make two libraries ("Biblioteca Municipal de Nauta" and "biblioteca
 * municipal  de NAUTA." are one). */
export function libraryKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/** Whether a note is shown on `today` (Peru's YYYY-MM-DD): not deleted, its last day not past. */
export function noteIsShown(note: { expires: string; deleted?: boolean }, today: string): boolean {
  return !note.deleted && note.expires >= today;
}

/** The day `days` after `day` (YYYY-MM-DD; negative goes back). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whether a note's last day may be accepted on `today` (checked for notes not deleted: taking
 * away an old note is always allowed): not already past (a day's grace for a
 * kiosk clock behind) and at most NOTE_MAX_DAYS_AHEAD ahead (a day's grace the other way). */
export function expiresInRange(expires: string, today: string): boolean {
  return expires >= addDays(today, -1) && expires <= addDays(today, NOTE_MAX_DAYS_AHEAD + 1);
}
