// How the sync engine and content packs write the catalogue: a page of changes and its cursor
// in one transaction, every record validated with the schemas the server used.
import type { AudioRecord } from '../core/audio';
import type { Category, Guide, Term } from '../core/content-schema';
import type { Form } from '../core/form-schema';
import type { ChangesPage } from '../core/protocol';
import { CATALOGUE_FORMAT, isContentKind, type RecordKind, validateRecord } from '../core/records';
import { getCursor } from './catalog';
import { type AudioRow, type CategoryRow, type FormRow, type GuideRow, guideRow, type SearchChunkRow, type TermRow, database, searchChunk } from './db';
import { guardedWrite } from './storage-health';
import { slicer } from './yield-to-main';
import type { Table } from 'dexie';

export type ApplyOutcome =
  | { status: 'applied'; put: number; deleted: number; skipped: string[] }
  /** The stored cursor moved since this page was requested (another tab or the worker applied
   * it first): nothing was written. */
  | { status: 'stale' };

interface PreparedPage {
  categories: CategoryRow[];
  guides: GuideRow[];
  forms: FormRow[];
  terms: TermRow[];
  audio: AudioRow[];
  deleted: Record<'category' | 'guide' | 'form' | 'term' | 'audio', string[]>;
  /** The server's public keys: single values in meta, kept with the cursor. */
  keys: Array<{ slot: 'serverKey' | 'signingKey'; value?: unknown }>;
  skipped: string[];
  /** The search index row of this page's guides (db.ts SearchChunkRow), if any changed. */
  searchChunk?: SearchChunkRow;
}

/** Validates the page and builds its rows (search words included) before any transaction is
 * open, in slices: IndexedDB then only waits for the writes (bench/pull.ts), and the screen stays
 * responsive while a catalogue arrives (bench/lighthouse.ts). */
async function preparePage(page: ChangesPage): Promise<PreparedPage> {
  const prepared: PreparedPage = { categories: [], guides: [], forms: [], terms: [], audio: [], deleted: { category: [], guide: [], form: [], term: [], audio: [] }, keys: [], skipped: [] };
  const guides: Array<{ id: string; data: Guide }> = [];
  const slice = slicer();
  for (const change of page.changes) {
    await slice.check();
    if (change.kind === 'key') {
      const slot = change.id === 'signing' ? 'signingKey' : 'serverKey';
      if (change.op === 'delete') prepared.keys.push({ slot });
      else if (validateRecord('key', change.data).ok) prepared.keys.push({ slot, value: change.data });
      else prepared.skipped.push(`key/${change.id}`);
      continue;
    }
    // A kind this version of the app does not know (a newer server): left out, as a record it
    // cannot read; the catalogue format makes the next version pull it again. Recordings are
    // published records but no content kind (they are not files in content/).
    const kind = change.kind;
    if (kind !== 'audio' && !isContentKind(kind)) {
      prepared.skipped.push(`${kind}/${change.id}`);
      continue;
    }
    if (change.op === 'delete') {
      prepared.deleted[kind].push(change.id);
      continue;
    }
    // A record this version of the app cannot read is left out, not allowed to break the page.
    const checked = validateRecord(kind, change.data);
    if (!checked.ok) {
      prepared.skipped.push(`${change.kind}/${change.id}`);
      continue;
    }
    if (change.kind === 'category') {
      const data = checked.value as Category;
      prepared.categories.push({ id: data.id, version: change.version, order: data.order, data });
    } else if (change.kind === 'form') {
      prepared.forms.push({ id: change.id, version: change.version, data: checked.value as Form });
    } else if (change.kind === 'audio') {
      const data = checked.value as AudioRecord;
      prepared.audio.push({ id: change.id, version: change.version, guideId: data.guideId, sha256: data.sha256, data });
    } else if (change.kind === 'term') {
      prepared.terms.push({ id: change.id, version: change.version, data: checked.value as Term });
    } else {
      const data = checked.value as Guide;
      guides.push({ id: data.id, data });
      prepared.guides.push(guideRow(data, change.version));
    }
  }
  if (guides.length || prepared.deleted.guide.length || page.reset) {
    prepared.searchChunk = await indexPage(guides, prepared.deleted.guide);
  }
  return prepared;
}

/** The page's search index row, computed a slice at a time like the validation. */
async function indexPage(guides: Array<{ id: string; data: Guide }>, deleted: string[]): Promise<SearchChunkRow> {
  const slice = slicer();
  const parts = [];
  for (const guide of guides) {
    await slice.check();
    parts.push(searchChunk([guide]));
  }
  parts.push(searchChunk([], deleted));
  return { ids: parts.flatMap((p) => p.ids), words: parts.flatMap((p) => p.words), listings: parts.flatMap((p) => p.listings) };
}

// Copying a guide into IndexedDB (and Dexie noting its index keys for live queries) costs ~2 ms
// on a slow kiosk CPU: a page's rows are written a few at a time, so the screen can answer taps
// between slices (bench/lighthouse.ts). A transaction cannot wait on a timer, only on its own
// requests: the next slice goes out when the one before last is stored, keeping IndexedDB busy.
// Dexie notes every index key of a write of fewer than 50 rows, but only "the whole table" for a
// larger one: big pages (a catalogue of thousands) go 100 at a time, which is cheaper per row and
// wakes the page half as often as 50 did (bench/pull.ts). Without the words index a guide costs
// ~0.1 ms to copy here (raw puts in bench/pull.ts): 100 are ~40 ms at 4× slowdown.
const ROWS_PER_SLICE = 10;
const ROWS_PER_BIG_SLICE = 100;

/** A write of the page: a slice of rows, or a clear, key, delete, index row or cursor. */
interface Write {
  send: () => Promise<unknown>;
  /** A slice of rows waits, before the next goes out, for the one before it to be stored. */
  slice?: true;
}

function slices<Row>(table: Table<Row, string>, rows: Row[]): Write[] {
  const size = rows.length >= ROWS_PER_BIG_SLICE ? ROWS_PER_BIG_SLICE : ROWS_PER_SLICE;
  const writes: Write[] = [];
  for (let from = 0; from < rows.length; from += size) writes.push({ send: () => table.bulkPut(rows.slice(from, from + size)), slice: true });
  return writes;
}

/** Sends the page's writes in order (IndexedDB runs a transaction's requests in that order).
 * Only slices of rows wait, and only for the slice before last: the keys, clears and deletes go
 * out without a round trip of their own, so the first page's guides are not held back while the
 * transaction starts (bench/pull.ts). The only awaits are of the transaction's own requests: an
 * await of anything else would let Dexie lose the transaction (or IndexedDB commit it) before
 * the cursor is written. */
async function sendInOrder(writes: Write[]): Promise<void> {
  const sent: Array<Promise<unknown>> = [];
  // Only slices count: with the keys and clears counted, three slices could be in flight.
  const slicesInFlight: Array<Promise<unknown>> = [];
  for (const write of writes) {
    const request = write.send();
    // If one write fails the transaction aborts and all reject: the caller hears it once.
    request.catch(() => undefined);
    sent.push(request);
    if (!write.slice) continue;
    slicesInFlight.push(request);
    if (slicesInFlight.length > 1) await slicesInFlight.shift();
  }
  await Promise.all(sent);
}

/** Thrown inside the transaction to roll back a page whose cursor check failed. */
class StaleCursor extends Error {}

/** Applies one page of the change feed and moves the cursor, in one transaction: after a
 * crash either both happened or neither did, so a page is re-pulled, never skipped. */
export async function applyChangesPage(page: ChangesPage, requestedWith: string | undefined, now = new Date()): Promise<ApplyOutcome> {
  const db = database();
  const { categories, guides, forms, terms, audio, deleted, keys, skipped, searchChunk: index } = await preparePage(page);
  // The catalogue's stores by record kind: what a reset clears (with the search rows), what a
  // tombstone deletes from, and with the search rows and meta the transaction's scope.
  const stores = { category: db.categories, guide: db.guides, form: db.forms, term: db.terms, audio: db.audio } as const;
  const kinds = Object.keys(stores) as Array<keyof typeof stores>;
  const writePage = () => sendInOrder([
    ...(page.reset ? [...Object.values(stores), db.searchChunks].map((table) => ({ send: () => table.clear() })) : []),
    ...keys.map((key) => ({ send: () => (key.value === undefined ? db.meta.delete(key.slot) : db.meta.put({ key: key.slot, value: key.value })) })),
    ...slices(db.categories, categories),
    ...slices(db.guides, guides),
    ...slices(db.forms, forms),
    ...slices(db.terms, terms),
    ...slices(db.audio, audio),
    ...kinds.filter((kind) => deleted[kind].length).map((kind) => ({ send: () => stores[kind].bulkDelete(deleted[kind]) })),
    // One row for the page's search index, not forty-odd index entries per guide.
    ...(index ? [{ send: () => db.searchChunks.add(index) }] : []),
    // "Guides updated at" means the catalogue is complete up to then: it moves with the last page
    // of a pull, not with each one (which also spares the status bar a re-read per page).
    { send: () => db.meta.bulkPut([{ key: 'cursor', value: page.cursor }, { key: 'format', value: CATALOGUE_FORMAT }, ...(page.more ? [] : [{ key: 'lastPullAt', value: now.toISOString() }])]) },
  ]);
  try {
    await guardedWrite(() => db.transaction('rw', [...Object.values(stores), db.searchChunks, db.meta], async () => {
      // The writes go out with the cursor check, not after it: the transaction's first answer
      // takes 10-70 ms to come back (bench/pull.ts), and a stale page (rare: another tab moved
      // the cursor) is rolled back whole instead.
      const stored = getCursor();
      const written = writePage();
      written.catch(() => undefined);
      if ((await stored) !== requestedWith) throw new StaleCursor();
      await written;
    }));
  } catch (error) {
    if (error instanceof StaleCursor) return { status: 'stale' };
    throw error;
  }
  return {
    status: 'applied',
    put: categories.length + guides.length + forms.length + terms.length + audio.length,
    deleted: deleted.category.length + deleted.guide.length + deleted.form.length + deleted.term.length + deleted.audio.length,
    skipped,
  };
}

/** Replaces the whole catalogue with a verified content pack's records, in one transaction,
 * and continues online syncing from the pack's cursor. */
export async function replaceCatalogue(records: Array<{ kind: string; id: string; version: number; data: unknown }>, cursor: string, now = new Date()): Promise<ApplyOutcome> {
  // The pack may not replace the key packs are checked with; only an online sync may.
  const changes = records
    .filter((r) => !(r.kind === 'key' && r.id === 'signing'))
    .map((r) => ({ kind: r.kind as RecordKind, id: r.id, version: r.version, op: 'put' as const, data: r.data }));
  return applyChangesPage({ changes, cursor, more: false, reset: true }, await getCursor(), now);
}
