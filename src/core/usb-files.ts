// The files a librarian carries on a USB stick when there is no connection for weeks, as
// schemas (the content pack, the third, is in content-pack.ts). See docs/protocol.md.
import * as v from 'valibot';
import { RecordingStatusSchema, type UsbRecording } from './recording';
import { type QueuedSubmission, SubmissionResultSchema } from './protocol';
import { type LocalNote, NotesFeedSchema, NotesResponseSchema } from './local-notes';
import { type UsageDay, UsageResponseSchema } from './usage';
import { safeText, uuid } from './wire-schema';

/** Usage days an outbox file may carry (a kiosk writes at most this many). */
export const MAX_USAGE_DAYS_IN_FILE = 1000;
/** Local notes an outbox file may carry (edits not yet acknowledged). */
export const MAX_NOTES_IN_FILE = 1000;
/** Recordings an outbox file may carry: at MAX_AUDIO_BYTES each the file would be huge, but a
 * recording is a part of a guide, a minute or two, some hundreds of KB. */
export const MAX_RECORDINGS_IN_FILE = 200;

/** The outbox as a file: what waits to be sent, sealed as it was in the outbox. The server reads
 * the envelope with this schema and each submission in it as it reads a push, one by one, so
 * one bad item is rejected alone. */
export const OutboxFileSchema = v.object({
  format: v.literal('chaski-outbox'),
  version: v.literal(1),
  kioskId: uuid,
  library: v.optional(safeText(120)),
  exportedAt: v.optional(v.string()),
  submissions: v.pipe(v.array(v.unknown()), v.maxLength(100_000)),
  /** The kiosk's usage counters not yet sent (core/usage.ts), each day read alone like a
   * submission. Files from before usage was counted have none. */
  usage: v.optional(v.pipe(v.array(v.unknown()), v.maxLength(MAX_USAGE_DAYS_IN_FILE))),
  /** The librarian's local notes not yet acknowledged (core/local-notes.ts), each read alone. */
  notes: v.optional(v.pipe(v.array(v.unknown()), v.maxLength(MAX_NOTES_IN_FILE))),
  /** Recorded guide parts not yet acknowledged, facts and bytes (core/audio.ts UsbRecording),
   * each read alone. */
  recordings: v.optional(v.pipe(v.array(v.unknown()), v.maxLength(MAX_RECORDINGS_IN_FILE))),
});
/** An outbox file as a kiosk writes it: every field filled (the server reads older or
 * hand-made files without `library` and `exportedAt` too). */
export type OutboxFile = Required<Omit<v.InferOutput<typeof OutboxFileSchema>, 'submissions' | 'usage' | 'notes' | 'recordings'>> & { submissions: QueuedSubmission[]; usage?: UsageDay[]; notes?: LocalNote[]; recordings?: UsbRecording[] };

/** The server's answer to an imported outbox file, for the kiosk to import back. Signed with the
 * server's signing key (receipts-signature.ts), kept outside its database, so a forged file
 * cannot make a kiosk drop what it has not delivered. */
export const ReceiptsFileSchema = v.object({
  format: v.literal('chaski-receipts'),
  version: v.literal(2),
  kioskId: v.string(),
  issuedAt: v.string(),
  results: v.array(SubmissionResultSchema),
  /** What became of the file's usage days, as a usage push answers (signed with the rest). */
  usage: v.optional(UsageResponseSchema.entries.results),
  /** What became of the file's local notes, as a notes push answers. */
  notes: v.optional(NotesResponseSchema.entries.results),
  /** The kiosk's library's notes as GET /notes gives them, so a kiosk that never connects gets
   * what the other kiosks of its library wrote. */
  libraryNotes: v.optional(NotesFeedSchema),
  /** Where each of the file's recordings stands, as announcing it online answers. */
  recordings: v.optional(v.array(RecordingStatusSchema)),
  signature: v.string(),
});
export type ReceiptsFile = v.InferOutput<typeof ReceiptsFileSchema>;
