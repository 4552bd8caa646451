// The library's local notes between this kiosk and the server (a push's answers, the library's
// feed), for the sync engine and the USB files. The feed is the whole list; the kiosk's own
// edits the server does not hold yet are kept over it.
import { type LocalNote, type NoteRejectCode, NOTE_REJECT_CODES, type NoteResult, type NotesFeed } from '../core/local-notes';
import { type LocalNoteRow, patronDatabase } from './patron-db';

/** Edits the server does not have yet, oldest first, at most `limit`. */
export async function notesToSend(limit: number): Promise<LocalNote[]> {
  const rows = await patronDatabase().localNotes.toArray();
  return rows
    .filter((row) => row.revision > row.sentRevision)
    .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt))
    .slice(0, limit)
    .map(({ sentRevision: _sent, rejection: _rejection, ...note }) => note);
}

const isRejectCode = (code: string | undefined): code is NoteRejectCode => (NOTE_REJECT_CODES as readonly string[]).includes(code ?? '');

/** Records the server's answer (a push's or a receipts file's): the revision it holds, or why it
 * never will hold this one. A removal the server has is forgotten here too. */
export async function markNotesSent(results: NoteResult[]): Promise<void> {
  const db = patronDatabase();
  await db.transaction('rw', db.localNotes, async () => {
    for (const result of results) {
      const row = await db.localNotes.get(result.id);
      if (!row || result.revision <= row.sentRevision) continue;
      const sentRevision = Math.min(result.revision, row.revision);
      if (row.deleted && sentRevision >= row.revision) {
        await db.localNotes.delete(row.id);
        continue;
      }
      const rejection = result.status === 'rejected' && result.revision === row.revision ? (isRejectCode(result.code) ? result.code : 'invalid_note') : undefined;
      await db.localNotes.put({ ...row, sentRevision, rejection });
    }
  });
}

/** Takes the library's notes as the server publishes them (GET /notes, or a receipts file): the
 * feed is the whole list, so a note missing from it was taken away or has passed. The kiosk's
 * own edits the server does not hold yet are kept, and so is a refusal the librarian must see. */
export async function applyNotesFeed(feed: NotesFeed): Promise<void> {
  const db = patronDatabase();
  await db.transaction('rw', db.localNotes, async () => {
    const local = new Map((await db.localNotes.toArray()).map((row) => [row.id, row]));
    const keep = (row: LocalNoteRow) => row.revision > row.sentRevision || row.rejection !== undefined;
    const fromFeed = feed.notes.filter((note) => {
      const mine = local.get(note.id);
      return !mine || (!keep(mine) && note.revision >= mine.revision) || note.revision > mine.revision;
    });
    const inFeed = new Set(feed.notes.map((note) => note.id));
    const gone = [...local.values()].filter((row) => !inFeed.has(row.id) && !keep(row)).map((row) => row.id);
    await db.localNotes.bulkDelete(gone);
    await db.localNotes.bulkPut(fromFeed.map((note) => ({ ...note, sentRevision: note.revision })));
  });
}
