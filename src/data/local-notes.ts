// The library's local notes on this kiosk (core/local-notes.ts), as screens read them: the ones
// its librarians wrote here, waiting to be sent or sent, and the ones the server publishes for
// the library (written on its other kiosks). One table in the patron database, beside the
// outbox, so a catalogue reset never takes them. Writing is in local-notes-edit.ts (the panel's
// chunk), sending and the feed in local-notes-sync.ts.
import { noteIsShown } from '../core/local-note-rules';
import { peruDay } from '../core/peru-day';
import { type LocalNoteRow, patronDatabase } from './patron-db';

export type { LocalNoteRow } from './patron-db';

const byNewest = (a: LocalNoteRow, b: LocalNoteRow) => b.updatedAt.localeCompare(a.updatedAt);

/** The notes a patron sees on a guide today (Peru's day): newest first. */
export async function notesForGuide(guideId: string, now = new Date()): Promise<LocalNoteRow[]> {
  const today = peruDay(now);
  const rows = await patronDatabase().localNotes.where('guideId').equals(guideId).toArray();
  return rows.filter((row) => !row.rejection && noteIsShown(row, today)).sort(byNewest);
}

/** Every note not taken away, for the panel: waiting, sent, refused, or past its day. */
export async function notesForPanel(): Promise<LocalNoteRow[]> {
  const rows = await patronDatabase().localNotes.toArray();
  return rows.filter((row) => !row.deleted).sort(byNewest);
}
