// The library's local notes on this kiosk (core/local-notes.ts): the ones its librarians wrote
// here, waiting to be sent or sent, and the ones the server publishes for the library (written
// on its other kiosks). One table in the patron database, beside the outbox, so a catalogue
// reset never takes them. A note the librarian edits here keeps its id and gets revision + 1;
// until the server has that revision, the kiosk's own copy wins over what the feed says.
import * as v from 'valibot';
import { v7 as uuidv7 } from 'uuid';
import { type LocalNote, LocalNoteSchema, type NoteRejectCode, NOTE_REJECT_CODES, type NoteResult, type NotesFeed, noteIsShown } from '../core/local-notes';
import { firstIssue } from '../core/wire-schema';
import { peruDay } from '../core/peru-day';
import { type LocalNoteRow, patronDatabase } from './patron-db';
import { guardedWrite } from './storage-health';

export type { LocalNoteRow } from './patron-db';

/** What the librarian typed: Spanish, Quechua when they can, and the last day to show it. */
export interface NoteInput {
  /** Absent for a new note. */
  id?: string;
  guideId: string;
  es: string;
  qu?: string;
  expires: string;
}

export type NoteSaveResult = { ok: true; note: LocalNoteRow } | { ok: false; problem: 'empty' | 'expires' | 'invalid'; detail: string };

/** Validates and stores a new or edited note (revision + 1) in one strict-durability write. */
export async function saveLocalNote(input: NoteInput, now = new Date()): Promise<NoteSaveResult> {
  const db = patronDatabase();
  return guardedWrite(() =>
    db.transaction('rw', db.localNotes, async (): Promise<NoteSaveResult> => {
      const existing = input.id ? await db.localNotes.get(input.id) : undefined;
      const qu = input.qu?.trim();
      const note = {
        id: existing?.id ?? uuidv7(),
        guideId: input.guideId,
        text: { es: input.es.trim(), ...(qu ? { qu } : {}) },
        expires: input.expires,
        revision: (existing?.revision ?? 0) + 1,
        deleted: false,
        updatedAt: now.toISOString(),
      };
      if (note.text.es === '') return { ok: false, problem: 'empty', detail: 'text.es' };
      if (!/^\d{4}-\d{2}-\d{2}$/.test(note.expires) || note.expires < peruDay(now)) return { ok: false, problem: 'expires', detail: note.expires };
      const parsed = v.safeParse(LocalNoteSchema, note);
      if (!parsed.success) return { ok: false, problem: 'invalid', detail: firstIssue(parsed.issues) };
      const row: LocalNoteRow = { ...parsed.output, sentRevision: existing?.sentRevision ?? 0 };
      await db.localNotes.put(row);
      return { ok: true, note: row };
    }),
  );
}

/** Takes a note away: a new revision marked deleted, so the removal reaches the other kiosks
 * the way an edit does. The row goes once the server has it. */
export async function deleteLocalNote(id: string, now = new Date()): Promise<void> {
  const db = patronDatabase();
  await guardedWrite(() =>
    db.transaction('rw', db.localNotes, async () => {
      const row = await db.localNotes.get(id);
      if (!row || row.deleted) return;
      await db.localNotes.put({ ...row, deleted: true, revision: row.revision + 1, updatedAt: now.toISOString(), rejection: undefined });
    }),
  );
}

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

/** Forgets every note: the kiosk now belongs to another library (a new enrolment). */
export async function clearLocalNotes(): Promise<void> {
  await patronDatabase().localNotes.clear();
}
