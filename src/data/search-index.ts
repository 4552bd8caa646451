// The search index in memory: every index entry of the catalogue (core/search-text
// guideIndexWords) sorted once, each with the guides that have it. A keystroke then costs a binary
// search and a walk over the entries that start like the word typed, with no IndexedDB read; a
// two-letter word (hundreds of entries, thousands of guides) as much as a long one.
//
// Built from the index rows (db.ts SearchChunkRow) the first time a search needs it, and again
// when a pull or an upgrade wrote new rows: rows already read are kept, only new ones are read.
// The build gives the browser a turn every few milliseconds (yield-to-main.ts), so typing stays
// answered while a catalogue of thousands is indexed. Loaded with the search screen and the pull,
// not with the home screen.
import { getCursor } from './catalog';
import { database, ENTRY_SEPARATOR, type SearchChunkRow } from './db';
import { slicer } from './yield-to-main';

export interface SearchIndex {
  /** Guide ids, in alphabetical order: a guide's number is its place here. */
  ids: string[];
  /** Every distinct index entry, sorted (code unit order, as IndexedDB keys were). */
  keys: string[];
  /** The guides (numbers) with keys[i]. */
  postings: Uint32Array[];
  /** What a result shows of each guide (JSON of a GuideListing, db.ts SearchChunkRow), by number;
   * undefined for a guide last indexed by a row written without it (its row is read instead). */
  listings: Array<string | undefined>;
}

/** Where entries starting with `prefix` begin and end in `index.keys` ([from, to)). */
export function prefixRange(index: SearchIndex, prefix: string): [number, number] {
  const from = lowerBound(index.keys, prefix);
  let to = from;
  while (to < index.keys.length && index.keys[to]!.startsWith(prefix)) to++;
  return [from, to];
}

/** The place of `key` in `index.keys`, or -1. */
export function keyAt(index: SearchIndex, key: string): number {
  const at = lowerBound(index.keys, key);
  return index.keys[at] === key ? at : -1;
}

function lowerBound(sorted: string[], key: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < key) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Index rows already read, by seq: they never change once written (a reset deletes them). */
const chunks = new Map<number, SearchChunkRow>();
let built: { version: string; index: Promise<SearchIndex> } | undefined;

/** What the index was built from: the cursor and the last index row. Every apply that touches a
 * guide writes an index row, so a new row or a new cursor means a new catalogue. */
export async function catalogueVersion(): Promise<string> {
  const [cursor, last] = await Promise.all([getCursor(), database().searchChunks.orderBy(':id').lastKey()]);
  return `${cursor ?? ''}|${String(last ?? '')}`;
}

/** The index of the stored catalogue, built or brought up to date if the catalogue changed.
 * `known`: the catalogue's version as the caller last read it (a live query watching it), which
 * spares a keystroke two IndexedDB reads. */
export async function searchIndex(known?: string): Promise<SearchIndex> {
  const version = known ?? (await catalogueVersion());
  if (built?.version !== version) {
    // Started from a timer: outside the live query that may be asking (Dexie's liveQuery must
    // not await foreign promises), so the build's own reads are not watched, and it is shared.
    const index = new Promise<SearchIndex>((resolve, reject) => setTimeout(() => build().then(resolve, reject), 0));
    index.catch(() => {
      if (built?.index === index) built = undefined;
    });
    built = { version, index };
  }
  return Promise.resolve(built.index);
}

async function build(): Promise<SearchIndex> {
  const started = performance.now();
  const db = database();
  const [seqs, stored] = (await Promise.all([db.searchChunks.toCollection().primaryKeys(), db.guides.toCollection().primaryKeys()])) as [number[], string[]];
  for (const seq of [...chunks.keys()]) if (!seqs.includes(seq)) chunks.delete(seq);
  const missing = seqs.filter((seq) => !chunks.has(seq));
  for (const row of await db.searchChunks.bulkGet(missing)) if (row?.seq !== undefined) chunks.set(row.seq, row);

  const slice = slicer();
  // A later row wins; an empty entry list is a deletion. Guides no longer stored (a row left
  // over from before a table was cleared) are not found.
  const latest = new Map<string, { words: string; listing: string | undefined }>();
  for (const seq of [...chunks.keys()].sort((a, b) => a - b)) {
    const { ids, words, listings } = chunks.get(seq)!;
    for (let i = 0; i < ids.length; i++) latest.set(ids[i]!, { words: words[i]!, listing: listings?.[i] });
    await slice.check();
  }
  const ids = stored.filter((id) => latest.get(id)?.words);
  ids.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

  const byKey = new Map<string, number[]>();
  for (let guide = 0; guide < ids.length; guide++) {
    for (const key of latest.get(ids[guide]!)!.words.split(ENTRY_SEPARATOR)) {
      const list = byKey.get(key);
      if (list) list.push(guide);
      else byKey.set(key, [guide]);
    }
    if (guide % 64 === 0) await slice.check();
  }
  const keys = [...byKey.keys()];
  await slice.check();
  keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  await slice.check();
  const postings = keys.map((key) => Uint32Array.from(byKey.get(key)!));
  const listings = ids.map((id) => latest.get(id)!.listing);
  // For the bench (bench/search.ts) and the browser's performance panel.
  performance.measure('chaski:search-index', { start: started, detail: { guides: ids.length, keys: keys.length } });
  return { ids, keys, postings, listings };
}
