// Local notes (core/local-notes.ts): what one library knows about a guide, kept once per note id
// with the highest revision received. A push, a retry and a USB file all go through `receive`
// (each note read alone) and `upsert`, which holds a per-library lock for its transaction so
// the count of shown notes (MAX_NOTES_PER_LIBRARY) is checked against what is really there, and
// whose single INSERT … ON CONFLICT … WHERE never lets a lower revision, or another library,
// overwrite a note. Also what a library's kiosks read (`feed`) and the editors' listing
// (`adminList`). See docs/protocol.md ("Local notes").
import * as v from 'valibot';
import { addDays, expiresInRange, libraryKey, type LocalNote, LocalNoteSchema, MAX_NOTES_PER_LIBRARY, type NoteRejectCode, type NoteResult, noteIsShown, type NotesFeed } from '../core/local-notes';
import { peruDay } from '../core/peru-day';
import { isSafeText, uuid } from '../core/wire-schema';
import type { Db, Queryable } from './db';

/** The class of the per-library advisory lock (the second key is the library key's hash). Only
 * has to differ from the other advisory locks' keys (migrations.ts uses a one-key lock). */
const NOTES_LOCK = 728_372;

/** One note in the editors' listing: the note as its library's kiosks see it, and where from. */
export interface AdminNote {
  id: string;
  /** The library name of the kiosk that last wrote the note, and its key (core/local-notes.ts). */
  library: string;
  libraryKey: string;
  kioskId: string;
  guideId: string;
  text: { es: string; qu?: string };
  expires: string;
  /** Its last day is before today in Peru: no kiosk shows it any more. */
  expired: boolean;
  deleted: boolean;
  revision: number;
  /** When the librarian last wrote it (the kiosk's clock), and when the server received that. */
  updatedAt: string;
  receivedAt: string;
}

export interface AdminNoteFilters {
  /** A library name or key: names that differ only in case, accents or punctuation are one. */
  libraryKey?: string;
  guideId?: string;
  includeExpired?: boolean;
  includeDeleted?: boolean;
}

interface NoteRow {
  id: string;
  guide_id: string;
  text_es: string;
  text_qu: string | null;
  expires: string;
  revision: number;
  deleted: boolean;
  updated_at: Date | string;
}

const iso = (time: Date | string) => new Date(time).toISOString();
const toNote = (row: NoteRow): LocalNote => ({
  id: row.id,
  guideId: row.guide_id,
  text: row.text_qu === null ? { es: row.text_es } : { es: row.text_es, qu: row.text_qu },
  expires: row.expires,
  revision: row.revision,
  deleted: row.deleted,
  updatedAt: iso(row.updated_at),
});
const NOTE_COLUMNS = `n.id::text AS id, n.guide_id, n.text_es, n.text_qu, to_char(n.expires, 'YYYY-MM-DD') AS expires, n.revision, n.deleted, n.updated_at`;

/** How a note the server will never take is named back: its `id` and `revision` as sent when
 * they can be read (so the kiosk knows which to drop), '' and 0 when not. */
function rejected(item: unknown, code: NoteRejectCode): NoteResult {
  const sent = (item ?? {}) as { id?: unknown; revision?: unknown };
  const id = typeof sent.id === 'string' && sent.id.length <= 40 && isSafeText(sent.id) ? sent.id : '';
  const revision = Number.isSafeInteger(sent.revision) ? (sent.revision as number) : 0;
  return { id, revision, status: 'rejected', code };
}

export class NotesStore {
  constructor(private readonly db: Db) {}

  /** A push's notes (or an outbox file's), each read alone, answered in order: `stored`,
   * `stale`, or `rejected` with why. `libraryKey` is the writing kiosk's library. */
  async receive(kioskId: string, libraryKey: string, items: readonly unknown[], now = new Date()): Promise<NoteResult[]> {
    const today = peruDay(now);
    const results = new Array<NoteResult>(items.length);
    const valid: Array<{ at: number; note: LocalNote }> = [];
    items.forEach((item, at) => {
      const parsed = v.safeParse(LocalNoteSchema, item);
      if (!parsed.success) results[at] = rejected(item, 'invalid_note');
      // Taking an old note away is always allowed; a note to show must have a sensible last day.
      else if (!parsed.output.deleted && !expiresInRange(parsed.output.expires, today)) results[at] = rejected(item, 'expires_out_of_range');
      else valid.push({ at, note: parsed.output });
    });
    const stored = await this.upsert(kioskId, libraryKey, valid.map(({ note }) => note), now);
    valid.forEach(({ at }, i) => (results[at] = stored[i]!));
    return results;
  }

  /** Keeps each note's highest revision for `libraryKey`, answering each note in order. A note
   * id another library holds is `other_library` and that note is left as it is; a note that
   * would be shown when the library already shows MAX_NOTES_PER_LIBRARY is `too_many_notes`. */
  async upsert(kioskId: string, libraryKey: string, notes: readonly LocalNote[], now = new Date()): Promise<NoteResult[]> {
    if (notes.length === 0) return [];
    const today = peruDay(now);
    // The same note twice in one list: one INSERT cannot touch a row twice, so only its highest
    // revision (the first of equals) goes to the database; the others are stale.
    const best = new Map<string, LocalNote>();
    for (const note of notes) {
      const held = best.get(note.id.toLowerCase());
      if (!held || note.revision > held.revision) best.set(note.id.toLowerCase(), note);
    }
    const verdicts = await this.db.transaction(async (tx) => {
      // Pushes for one library wait for each other here, so the shown count read below is the
      // one the writes land on. Other libraries' pushes go on in parallel.
      await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [NOTES_LOCK, libraryKey]);
      const ids = JSON.stringify([...best.keys()]);
      const held = await tx.query<{ id: string; library_key: string; revision: number; deleted: boolean; expires: string }>(
        `SELECT id::text AS id, library_key, revision, deleted, to_char(expires, 'YYYY-MM-DD') AS expires
         FROM local_notes WHERE id IN (SELECT value::uuid FROM jsonb_array_elements_text($1::jsonb))`,
        [ids],
      );
      const heldById = new Map(held.map((row) => [row.id, row]));
      let shown = await countShown(tx, libraryKey, today);
      const verdict = new Map<string, 'stored' | 'stale' | NoteRejectCode>();
      const writes: LocalNote[] = [];
      for (const [id, note] of best) {
        const row = heldById.get(id);
        if (row && row.library_key !== libraryKey) verdict.set(id, 'other_library');
        else if (row && row.revision >= note.revision) verdict.set(id, 'stale');
        else {
          const adds = noteIsShown(note, today) && !(row && noteIsShown(row, today));
          if (adds && shown >= MAX_NOTES_PER_LIBRARY) {
            verdict.set(id, 'too_many_notes');
            continue;
          }
          if (adds) shown += 1;
          else if (row && noteIsShown(row, today) && !noteIsShown(note, today)) shown -= 1;
          writes.push(note);
        }
      }
      const written = await write(tx, kioskId, libraryKey, writes);
      for (const note of writes) verdict.set(note.id.toLowerCase(), 'stored');
      // A note another library stored between the read above and the write (it holds its own
      // lock) was left alone by the WHERE: say which.
      const missed = writes.filter((note) => !written.has(note.id.toLowerCase()));
      if (missed.length > 0) {
        const owners = await tx.query<{ id: string; library_key: string }>(
          `SELECT id::text AS id, library_key FROM local_notes WHERE id IN (SELECT value::uuid FROM jsonb_array_elements_text($1::jsonb))`,
          [JSON.stringify(missed.map((note) => note.id.toLowerCase()))],
        );
        for (const owner of owners) verdict.set(owner.id, owner.library_key === libraryKey ? 'stale' : 'other_library');
      }
      return verdict;
    });
    return notes.map((note) => {
      const id = note.id.toLowerCase();
      const outcome = best.get(id) === note ? verdicts.get(id)! : 'stale';
      return outcome === 'stored' || outcome === 'stale' ? { id: note.id, revision: note.revision, status: outcome } : { id: note.id, revision: note.revision, status: 'rejected', code: outcome };
    });
  }

  /** What every kiosk of a library is given: its notes not deleted and not past their day, with
   * a day's grace for a kiosk clock behind the server's (the kiosk filters by its own day). */
  async feed(libraryKey: string, now = new Date()): Promise<LocalNote[]> {
    const rows = await this.db.query<NoteRow>(
      `SELECT ${NOTE_COLUMNS} FROM local_notes n
       WHERE n.library_key = $1 AND NOT n.deleted AND n.expires >= $2::date
       ORDER BY n.guide_id, n.expires, n.id LIMIT $3`,
      [libraryKey, addDays(peruDay(now), -1), MAX_NOTES_PER_LIBRARY * 2],
    );
    return rows.map(toNote);
  }

  /** The feed a kiosk enrolled with `library` is given: GET /notes, and a USB file's receipts. */
  async libraryFeed(library: string, now = new Date()): Promise<NotesFeed> {
    return { library, notes: await this.feed(libraryKey(library), now) };
  }

  /** An editor takes a note away (wrong, or harmful): deleted at the next revision, so every
   * kiosk of its library drops it with its next feed, and a kiosk's edit of the revision it knew
   * is stale. The id and new revision, or null when no such note is shown or held. */
  async remove(id: string): Promise<{ id: string; revision: number } | null> {
    if (!v.is(uuid, id)) return null;
    const rows = await this.db.query<{ id: string; revision: number }>(
      `UPDATE local_notes SET deleted = true, revision = revision + 1, received_at = now()
       WHERE id = $1 AND NOT deleted AND revision < 2147483647 RETURNING id::text AS id, revision`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Every library's notes for the network's editors, by library and guide; shown ones only
   * unless asked for expired or deleted ones too. */
  async adminList(filters: AdminNoteFilters = {}, now = new Date()): Promise<AdminNote[]> {
    const today = peruDay(now);
    const rows = await this.db.query<NoteRow & { library_key: string; library: string; kiosk_id: string; received_at: Date | string }>(
      `SELECT ${NOTE_COLUMNS}, n.library_key, k.library, n.kiosk_id::text AS kiosk_id, n.received_at
       FROM local_notes n JOIN kiosks k ON k.id = n.kiosk_id
       WHERE ($1::text IS NULL OR n.library_key = $1) AND ($2::text IS NULL OR n.guide_id = $2)
         AND ($3::boolean OR n.expires >= $5::date) AND ($4::boolean OR NOT n.deleted)
       ORDER BY n.library_key, n.guide_id, n.expires, n.id`,
      [filters.libraryKey ?? null, filters.guideId ?? null, filters.includeExpired ?? false, filters.includeDeleted ?? false, today],
    );
    return rows.map((row) => {
      const { deleted: _deleted, ...note } = toNote(row);
      return {
        ...note, library: row.library, libraryKey: row.library_key, kioskId: row.kiosk_id,
        expired: row.expires < today, deleted: row.deleted, receivedAt: iso(row.received_at),
      };
    });
  }
}

/** Takes every note of library `from` to library `to` (an operator corrected the library name
 * of its only kiosk), inside the caller's transaction; how many. Holds both libraries' locks,
 * in one order, so no push of either library is half done meanwhile. */
export async function moveLibraryNotes(tx: Queryable, from: string, to: string): Promise<number> {
  for (const key of [from, to].sort()) await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [NOTES_LOCK, key]);
  return (await tx.query('UPDATE local_notes SET library_key = $2 WHERE library_key = $1 RETURNING id', [from, to])).length;
}

async function countShown(tx: Queryable, libraryKey: string, today: string): Promise<number> {
  const rows = await tx.query<{ n: string | number }>('SELECT count(*) AS n FROM local_notes WHERE library_key = $1 AND NOT deleted AND expires >= $2::date', [libraryKey, today]);
  return Number(rows[0]?.n ?? 0);
}

/** Writes notes not held at a higher or equal revision, for this library only; the ids written. */
async function write(tx: Queryable, kioskId: string, libraryKey: string, notes: readonly LocalNote[]): Promise<Set<string>> {
  if (notes.length === 0) return new Set();
  const rows = notes.map((note) => ({
    id: note.id, guide_id: note.guideId, text_es: note.text.es, text_qu: note.text.qu ?? null,
    expires: note.expires, revision: note.revision, deleted: note.deleted, updated_at: note.updatedAt,
  }));
  const written = await tx.query<{ id: string }>(
    `INSERT INTO local_notes (id, library_key, guide_id, text_es, text_qu, expires, revision, deleted, updated_at, kiosk_id)
     SELECT r.id, $1, r.guide_id, r.text_es, r.text_qu, r.expires, r.revision, r.deleted, r.updated_at, $2
     FROM jsonb_to_recordset($3::jsonb) AS r(id uuid, guide_id text, text_es text, text_qu text, expires date, revision integer, deleted boolean, updated_at timestamptz)
     ON CONFLICT (id) DO UPDATE SET guide_id = excluded.guide_id, text_es = excluded.text_es, text_qu = excluded.text_qu,
       expires = excluded.expires, revision = excluded.revision, deleted = excluded.deleted, updated_at = excluded.updated_at,
       kiosk_id = excluded.kiosk_id, received_at = now()
     WHERE excluded.revision > local_notes.revision AND local_notes.library_key = excluded.library_key
     RETURNING id::text AS id`,
    [libraryKey, kioskId, JSON.stringify(rows)],
  );
  return new Set(written.map((row) => row.id));
}
