// The library's local notes (data/local-notes.ts) both ways, after the submissions: the
// librarian's edits go to POST /api/v1/notes (the server keeps each note's highest revision, so
// a retry never applies an edit twice), then GET /api/v1/notes brings every note of the library,
// its other kiosks' included, and the kiosk keeps that list. Like the usage counts, any failure
// stops quietly and leaves everything for the next run; it is never a patron's concern.
import { MAX_NOTES_PER_PUSH } from '../core/local-note-rules';
import { getKioskIdentity } from '../data/kiosk-identity';
import { applyNotesFeed, markNotesSent, notesToSend } from '../data/local-notes-sync';
import { type ApiFailureKind, type ApiOptions, syncApi } from './api';

export type NotesSyncOutcome =
  /** `sent`: edits the server settled; `library`: notes the library has now. */
  | { status: 'done'; sent: number; library: number }
  | { status: 'not_enrolled' }
  | { status: 'failed'; code: ApiFailureKind | 'unexpected'; sent: number };

export async function syncNotes(options: ApiOptions = {}): Promise<NotesSyncOutcome> {
  let sent = 0;
  try {
    const identity = await getKioskIdentity();
    if (!identity) return { status: 'not_enrolled' };
    const api = syncApi(options);
    for (;;) {
      const batch = await notesToSend(MAX_NOTES_PER_PUSH);
      if (batch.length === 0) break;
      const answer = await api.sendNotes(identity.token, batch);
      if (!answer.ok) return { status: 'failed', code: answer.failure.kind, sent };
      const results = answer.value.results.filter((r) => batch.some((note) => note.id === r.id && note.revision === r.revision));
      // An answer that settles nothing would loop forever.
      if (results.length === 0) return { status: 'failed', code: 'bad_response', sent };
      await markNotesSent(results);
      sent += results.length;
    }
    // After the push, so the feed holds this kiosk's edits too.
    const feed = await api.libraryNotes(identity.token);
    if (!feed.ok) return { status: 'failed', code: feed.failure.kind, sent };
    await applyNotesFeed(feed.value);
    return { status: 'done', sent, library: feed.value.notes.length };
  } catch {
    // A closed database or a full disk: the notes stay where they are.
    return { status: 'failed', code: 'unexpected', sent };
  }
}
