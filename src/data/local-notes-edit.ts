// Writing the library's local notes in the panel (data/local-notes.ts reads them). A note the
// librarian edits keeps its id and gets revision + 1; until the server has that revision, the
// kiosk's own copy wins over what the feed says (local-notes-sync.ts).
import * as v from 'valibot';
import { v7 as uuidv7 } from 'uuid';
import type { LocalizedText } from '../core/content-schema';
import { LocalNoteSchema, noteIsShown } from '../core/local-notes';
import { firstIssue } from '../core/wire-schema';
import { peruDay } from '../core/peru-day';
import { database, guideOf } from './db';
import { type LocalNoteRow, patronDatabase } from './patron-db';
import { guardedWrite } from './storage-health';

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
      const parsed = v.safeParse(LocalNoteSchema, note);
      if (!parsed.success) return { ok: false, problem: 'invalid', detail: firstIssue(parsed.issues) };
      if (!noteIsShown(parsed.output, peruDay(now))) return { ok: false, problem: 'expires', detail: note.expires };
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

export interface GuideChoice {
  id: string;
  title: LocalizedText;
}

/** Every guide in the catalogue, by id, with its title (the screen sorts by the shown language). */
export async function guideChoices(): Promise<GuideChoice[]> {
  return (await database().guides.toArray()).map((row) => ({ id: row.id, title: guideOf(row).title }));
}
