// The kiosk's IndexedDB database. Every version of the schema stays listed here: Dexie upgrades
// a kiosk from whatever version it holds, in order.
import type { EntityTable } from 'dexie';
import Dexie from './dexie';
import type { AudioRecord } from '../core/audio';
import { type Category, type Guide, guideListing, type Term } from '../core/content-schema';
import type { Form } from '../core/form-schema';
import { guideIndexWords } from '../core/search-text';

export interface CategoryRow {
  id: string;
  version: number;
  order: number;
  data: Category;
}

export interface GuideRow {
  id: string;
  version: number;
  category: string;
  /** The forms this guide offers, indexed so a form can link back to its guides. */
  forms: string[];
  /** The guide as JSON text: IndexedDB copies a string in one piece, where a guide's objects
   * cost the page's main thread most of a catalogue pull (bench/pull.ts, docs/architecture.md). */
  json: string;
}

export function guideRow(data: Guide, version: number): GuideRow {
  return { id: data.id, version, category: data.category, forms: data.forms ?? [], json: JSON.stringify(data) };
}

export function guideOf(row: GuideRow): Guide {
  return JSON.parse(row.json) as Guide;
}

export interface TermRow {
  id: string;
  version: number;
  data: Term;
}

export interface FormRow {
  id: string;
  /** The server's version of this form: submissions name it. */
  version: number;
  data: Form;
}

/** A published recording of a guide's part (core/audio.ts). Its bytes live in Cache Storage
 * (data/audio-cache.ts), not here: they are the first thing dropped when space runs out. */
export interface AudioRow {
  id: string;
  version: number;
  guideId: string;
  /** Of its bytes: two records may share one file (the cache keeps it once). */
  sha256: string;
  data: AudioRecord;
}

/** A guide row as versions 1-7 stored it: the guide as objects, and up to version 6 with its
 * index entries, multi-entry indexed. */
type LegacyGuideRow = Omit<GuideRow, 'json'> & { data: Guide; words?: string[] };

/** The search index, written with the guides it describes: one row per applied page (a few
 * hundred guides), not one index entry per word (data/search-index.ts reads them into memory).
 * `words[i]` holds the index entries of guide `ids[i]` (core/search-text guideIndexWords) joined
 * by newlines; an empty string says the guide was deleted. A later row wins over an earlier one.
 * `listings[i]` is what a search result shows of guide `ids[i]` (GuideListing, as JSON), so a
 * keystroke reads no guide row; rows written before it was kept have none (the rows are read). */
export interface SearchChunkRow {
  /** Auto-incremented: the order the rows were written in, never reused. */
  seq?: number;
  ids: string[];
  words: string[];
  listings?: string[];
}

/** Newline-joined: one string per guide is far cheaper to store and read than an array. */
export const ENTRY_SEPARATOR = '\n';

/** The index row of a batch of guides (and of guides deleted with them). */
export function searchChunk(guides: Array<{ id: string; data: Guide }>, deleted: string[] = []): SearchChunkRow & { listings: string[] } {
  return {
    ids: [...guides.map((g) => g.id), ...deleted],
    words: [...guides.map((g) => guideIndexWords(g.data).join(ENTRY_SEPARATOR)), ...deleted.map(() => '')],
    listings: [...guides.map((g) => JSON.stringify(guideListing(g.data))), ...deleted.map(() => '')],
  };
}

/** Guides per index row written by the upgrade that builds the index from stored guides. */
const UPGRADE_CHUNK = 500;

/** Small key/value facts about this kiosk: the sync cursor, when it last pulled, last error. */
export interface MetaRow {
  key: string;
  value: unknown;
}

export type ChaskiDb = Dexie & {
  categories: EntityTable<CategoryRow, 'id'>;
  guides: EntityTable<GuideRow, 'id'>;
  meta: EntityTable<MetaRow, 'key'>;
  forms: EntityTable<FormRow, 'id'>;
  terms: EntityTable<TermRow, 'id'>;
  audio: EntityTable<AudioRow, 'id'>;
  searchChunks: EntityTable<SearchChunkRow, 'seq'>;
};

export const DB_NAME = 'chaski';

export function openDatabase(name = DB_NAME): ChaskiDb {
  const db = new Dexie(name) as ChaskiDb;
  db.version(1).stores({
    categories: 'id, order',
    guides: 'id, category, *words',
    meta: 'key',
  });
  db.version(2).stores({ forms: 'id' });
  // Search words from the summary and audience are now marked (core/search-text BODY_MARK), so
  // title matches rank first without reading rows.
  db.version(3)
    .stores({ guides: 'id, category, *words' })
    .upgrade((tx) => tx.table<LegacyGuideRow, string>('guides').toCollection().modify((row) => {
      row.words = guideIndexWords(row.data);
    }));
  // The glossary, and the guides a form belongs to.
  db.version(4)
    .stores({ guides: 'id, category, *words, *forms', terms: 'id' })
    .upgrade((tx) => tx.table<LegacyGuideRow, string>('guides').toCollection().modify((row) => {
      row.forms = row.data.forms ?? [];
    }));
  // Search words are now sound keys (core/search-text soundKey), with first title words and
  // whole phrases: every stored guide is indexed again.
  db.version(5)
    .stores({ guides: 'id, category, *words, *forms' })
    .upgrade((tx) => tx.table<LegacyGuideRow, string>('guides').toCollection().modify((row) => {
      row.words = guideIndexWords(row.data);
    }));
  // Recorded guides (catalogue format 5): the published recordings, by guide and by the hash of
  // their bytes.
  db.version(6).stores({ audio: 'id, guideId, sha256' });
  // The multi-entry words index (forty-odd entries per guide, most of a pull's write time: bench/
  // pull.ts) gives way to a few index rows read into memory. Built here from the stored guides, so
  // a kiosk upgrades offline; the words leave the guide rows.
  db.version(7)
    .stores({ guides: 'id, category, *forms', searchChunks: '++seq' })
    .upgrade(async (tx) => {
      const guides: Array<{ id: string; data: Guide }> = [];
      await tx.table<LegacyGuideRow, string>('guides').toCollection().modify((row) => {
        guides.push({ id: row.id, data: row.data });
        delete row.words;
      });
      const chunks = tx.table<SearchChunkRow, number>('searchChunks');
      for (let from = 0; from < guides.length; from += UPGRADE_CHUNK) await chunks.add(searchChunk(guides.slice(from, from + UPGRADE_CHUNK)));
    });
  // A guide is stored as its JSON text (GuideRow.json): the pull's structured clone of each
  // guide's objects was most of the page's work while a catalogue arrived.
  db.version(8).upgrade((tx) => tx.table<LegacyGuideRow | GuideRow, string>('guides').toCollection().modify((row) => {
    if (!('data' in row)) return;
    Object.assign(row, guideRow(row.data, row.version));
    delete (row as Partial<LegacyGuideRow>).data;
  }));
  return db;
}

let shared: ChaskiDb | undefined;

/** The database of this page or worker, opened on first use. */
export function database(): ChaskiDb {
  shared ??= openDatabase();
  return shared;
}
