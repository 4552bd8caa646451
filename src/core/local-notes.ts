// Local notes: what one library knows that a national guide cannot say (the office's days in
// this district, the next date the PIAS comes, "bring a copy of the water bill"). A librarian
// writes one on a kiosk, offline; it travels to the server like usage counts do (a revision
// that only grows, so a retry or the same USB file twice changes nothing), and the server
// publishes it to every kiosk of the same library and to no other. Each note has a last day;
// after it the note is not shown anywhere. See docs/protocol.md ("Local notes").
import * as v from 'valibot';
import { calendarDay, calendarTimestamp, int32, safeText, slugId, uuid } from './wire-schema';
import { MAX_NOTES_PER_LIBRARY, MAX_NOTES_PER_PUSH, NOTE_TEXT_MAX } from './local-note-rules';

export * from './local-note-rules';

const noteText = v.pipe(safeText(NOTE_TEXT_MAX), v.trim(), v.minLength(1, 'must not be empty'));

export const LocalNoteSchema = v.object({
  /** Made on the kiosk that wrote the note (UUID); the same note keeps it through every edit. */
  id: uuid,
  guideId: slugId,
  /** Spanish always; Quechua where the librarian can write it. */
  text: v.object({ es: noteText, qu: v.optional(noteText) }),
  /** The last day (in Peru) the note is shown; from the next day it is gone. */
  expires: calendarDay,
  /** Grows by one with every edit; the server keeps the highest. */
  revision: int32(1),
  /** A note the librarian took away: kept as a revision, so the removal travels like an edit. */
  deleted: v.optional(v.boolean(), false),
  /** When the note was last written, on the kiosk's clock. */
  updatedAt: calendarTimestamp,
});
export type LocalNote = v.InferOutput<typeof LocalNoteSchema>;

export const NotesRequestSchema = v.object({ notes: v.pipe(v.array(v.unknown()), v.maxLength(MAX_NOTES_PER_PUSH)) });

/** Why the server will never take a note: `invalid_note`, not a LocalNote; `expires_out_of_range`,
 * a last day already past or more than NOTE_MAX_DAYS_AHEAD ahead (on the server's clock, with a
 * day's grace); `other_library`, the note's id belongs to another library's note;
 * `too_many_notes`, the library already keeps MAX_NOTES_PER_LIBRARY notes. */
export const NOTE_REJECT_CODES = ['invalid_note', 'expires_out_of_range', 'other_library', 'too_many_notes'] as const;
export type NoteRejectCode = (typeof NOTE_REJECT_CODES)[number];

/** Per note, as usage days: `stored` (the server now holds this revision), `stale` (it held this
 * one or a newer one already; the kiosk may mark it sent), `rejected` with a code (never sent
 * again). `id` and `revision` are echoed as sent (`revision` 0 when unreadable). */
export const NotesResponseSchema = v.object({
  results: v.array(
    v.object({
      id: v.string(),
      revision: v.number(),
      status: v.picklist(['stored', 'stale', 'rejected']),
      code: v.optional(v.string()),
    }),
  ),
});
export type NotesResponse = v.InferOutput<typeof NotesResponseSchema>;
export type NoteResult = NotesResponse['results'][number];

/** GET /notes: every note of the asking kiosk's library that is not deleted and not past its
 * day (with a day's grace for kiosk clocks behind the server's). The kiosk keeps this list
 * whole and filters by its own day. */
export const NotesFeedSchema = v.object({
  library: v.string(),
  notes: v.pipe(v.array(LocalNoteSchema), v.maxLength(MAX_NOTES_PER_LIBRARY * 2)),
});
export type NotesFeed = v.InferOutput<typeof NotesFeedSchema>;
