// Search that forgives: every word typed is looked up by its sound key (core/search-text), as the
// start of a word; a word that finds nothing is left out instead of emptying the result, and one
// of five letters or more that finds nothing gets one slip of a finger forgiven. Guides are ranked
// by how many of the words they match, then by where: the whole query as a keyword or title, a
// title that starts with the word, the word itself in the title or keywords, its start there, and
// last the summary. Only primary keys are read from the index (key ranges); just the rows shown
// are loaded. Forms and categories, a few dozen, are matched in memory beside the guides.
import type { Category, Guide } from '../core/content-schema';
import type { Form } from '../core/form-schema';
import { BODY_MARK, FIRST_MARK, keywordsOf, MIN_TYPO_WORD, nearPrefix, normalize, queryPhrase, searchTerms, soundKeys, textsOf } from '../core/search-text';
import { getCursor } from './catalog';
import { database, type GuideRow } from './db';

export interface SearchResult {
  /** At most `limit` guides, best first. */
  guides: Guide[];
  /** How many guides match in all. */
  total: number;
  /** Forms whose title or description matches (the complaints book, a pre-application …). */
  forms: Array<{ id: string; data: Form }>;
  /** Categories whose name matches. */
  categories: Category[];
  /** No word of two letters or more was typed yet: nothing was looked up. */
  tooShort: boolean;
}

// Points for where a word was found. A word counts once per guide, at its best place.
const PHRASE = 12;
const FIRST_IN_TITLE = 3;
const EXACT_STRONG = 5;
const STRONG = 4;
const TYPO_STRONG = 2;
const BODY = 1;
const TYPO_BODY = 0.5;

interface Hits {
  /** Best points per guide for one word. */
  points: Map<string, number>;
}

function add(hits: Hits, ids: string[], points: number) {
  for (const id of ids) if ((hits.points.get(id) ?? 0) < points) hits.points.set(id, points);
}

/** The distinct index words that start like `term` (its first two letters, which a slip rarely
 * touches), in titles and in summaries: the words a slip may have meant. Read per two-letter
 * start, a small range even in a catalogue of thousands, and kept until the catalogue changes. */
const vocabulary = new Map<string, string[]>();
let vocabularyCursor: string | undefined;

async function wordsStartingLike(term: string): Promise<string[]> {
  const cursor = await getCursor();
  if (cursor !== vocabularyCursor) {
    vocabulary.clear();
    vocabularyCursor = cursor;
  }
  const start = term.slice(0, 2);
  let words = vocabulary.get(start);
  if (!words) {
    const index = database().guides.where('words');
    const [strong, body] = await Promise.all([index.startsWith(start).uniqueKeys(), index.startsWith(BODY_MARK + start).uniqueKeys()]);
    words = [...(strong as string[]), ...(body as string[])];
    vocabulary.set(start, words);
  }
  return words;
}

async function lookUp(term: string): Promise<Hits> {
  const words = database().guides.where('words');
  const [exact, strong, body, first] = await Promise.all([
    words.equals(term).primaryKeys(),
    words.startsWith(term).primaryKeys(),
    words.startsWith(BODY_MARK + term).primaryKeys(),
    words.startsWith(FIRST_MARK + term).primaryKeys(),
  ]);
  const hits: Hits = { points: new Map() };
  add(hits, body, BODY);
  add(hits, strong, STRONG);
  add(hits, exact, EXACT_STRONG);
  for (const id of first) hits.points.set(id, (hits.points.get(id) ?? 0) + FIRST_IN_TITLE);
  if (hits.points.size > 0 || term.length < MIN_TYPO_WORD) return hits;
  // Nothing at all: one slip forgiven, against the words the catalogue really has.
  const near = (await wordsStartingLike(term)).filter((key) => nearPrefix(term, key.startsWith(BODY_MARK) ? key.slice(1) : key));
  // One key-only read per word (getAllKeys), not one cursor step per guide.
  const found = await Promise.all(near.map(async (key) => ({ key, ids: await words.equals(key).primaryKeys() })));
  for (const { key, ids } of found) add(hits, ids, key.startsWith(BODY_MARK) ? TYPO_BODY : TYPO_STRONG);
  return hits;
}

/** Forms and categories with their words' sound keys, computed once per catalogue version (a few
 * dozen records: matched in memory, not through the index). */
interface Indexed<T> {
  item: T;
  keys: string[];
}
let small: { cursor: string | undefined; forms: Array<Indexed<{ id: string; data: Form }>>; categories: Array<Indexed<Category>> } | undefined;

async function formsAndCategories() {
  const cursor = await getCursor();
  if (small?.cursor === cursor && small) return small;
  const db = database();
  const [forms, categories] = await Promise.all([db.forms.toArray(), db.categories.orderBy('order').toArray()]);
  const text = (...parts: Array<string | undefined>) => soundKeys(parts.filter(Boolean).join(' '));
  small = {
    cursor,
    forms: forms.map((f) => ({ item: { id: f.id, data: f.data }, keys: text(...textsOf(f.data.title), ...textsOf(f.data.description), ...keywordsOf(f.data.keywords)) })),
    categories: categories.map((c) => ({ item: c.data, keys: text(...textsOf(c.data.name)) })),
  };
  return small;
}

/** The items matching the most terms (by the start of a word), if any matches at all. */
function best<T>(items: Array<Indexed<T>>, terms: string[]): T[] {
  const scored = items.map(({ item, keys }) => ({ item, matched: terms.filter((term) => keys.some((key) => key.startsWith(term))).length })).filter((s) => s.matched > 0);
  const top = Math.max(0, ...scored.map((s) => s.matched));
  return scored.filter((s) => s.matched === top).map((s) => s.item);
}

async function searchFormsAndCategories(terms: string[]): Promise<Pick<SearchResult, 'forms' | 'categories'>> {
  const { forms, categories } = await formsAndCategories();
  return { forms: best(forms, terms), categories: best(categories, terms) };
}

export async function searchCatalogue(query: string, limit = 50): Promise<SearchResult> {
  const terms = searchTerms(query);
  if (terms.length === 0) return { guides: [], total: 0, forms: [], categories: [], tooShort: true };
  const db = database();
  const [perTerm, phrase, others] = await Promise.all([
    Promise.all(terms.map(lookUp)),
    db.guides.where('words').equals(queryPhrase(terms)).primaryKeys(),
    searchFormsAndCategories(terms),
  ]);
  // Words that found nothing do not count against anything.
  const score = new Map<string, { matched: number; points: number }>();
  for (const hits of perTerm) {
    for (const [id, points] of hits.points) {
      const s = score.get(id) ?? { matched: 0, points: 0 };
      s.matched++;
      s.points += points;
      score.set(id, s);
    }
  }
  for (const id of phrase) {
    const s = score.get(id) ?? { matched: terms.length, points: 0 };
    s.points += PHRASE;
    score.set(id, s);
  }
  const better = (x: { matched: number; points: number }, y: { matched: number; points: number }) => y.matched - x.matched || y.points - x.points;
  const shown = [...score].sort(([a, x], [b, y]) => better(x, y) || (a < b ? -1 : 1)).slice(0, limit).map(([id]) => id);
  const rows = (await db.guides.bulkGet(shown)).filter((row): row is GuideRow => row !== undefined);
  // Equal scores read in alphabetical order of their Spanish titles.
  const title = (row: GuideRow) => normalize(row.data.title.es);
  rows.sort((a, b) => better(score.get(a.id)!, score.get(b.id)!) || title(a).localeCompare(title(b)));
  return { guides: rows.map((row) => row.data), total: score.size, ...others, tooShort: false };
}
