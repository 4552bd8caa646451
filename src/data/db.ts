// The kiosk's IndexedDB database. Every version of the schema stays listed here: Dexie upgrades
// a kiosk from whatever version it holds, in order.
import type { EntityTable } from 'dexie';
import Dexie from './dexie';
import type { AudioRecord } from '../core/audio';
import type { Category, Guide, Term } from '../core/content-schema';
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
  /** Normalised words from both languages, multi-entry indexed for prefix search: see
   * core/search-text guideIndexWords. */
  words: string[];
  /** The forms this guide offers, indexed so a form can link back to its guides. */
  forms: string[];
  data: Guide;
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
    .upgrade((tx) => tx.table<GuideRow, string>('guides').toCollection().modify((row) => {
      row.words = guideIndexWords(row.data);
    }));
  // The glossary, and the guides a form belongs to.
  db.version(4)
    .stores({ guides: 'id, category, *words, *forms', terms: 'id' })
    .upgrade((tx) => tx.table<GuideRow, string>('guides').toCollection().modify((row) => {
      row.forms = row.data.forms ?? [];
    }));
  // Search words are now sound keys (core/search-text soundKey), with first title words and
  // whole phrases: every stored guide is indexed again.
  db.version(5)
    .stores({ guides: 'id, category, *words, *forms' })
    .upgrade((tx) => tx.table<GuideRow, string>('guides').toCollection().modify((row) => {
      row.words = guideIndexWords(row.data);
    }));
  // Recorded guides (catalogue format 5): the published recordings, by guide and by the hash of
  // their bytes.
  db.version(6).stores({ audio: 'id, guideId, sha256' });
  return db;
}

let shared: ChaskiDb | undefined;

/** The database of this page or worker, opened on first use. */
export function database(): ChaskiDb {
  shared ??= openDatabase();
  return shared;
}
