// Search that forgives: every word typed is looked up by its sound key (core/search-text), as the
// start of a word; a word that finds nothing is left out instead of emptying the result, and one
// of five letters or more that finds nothing gets one slip of a finger forgiven. Guides are ranked
// by how many of the words they match, then by where: the whole query as a keyword or title, a
// title that starts with the word, the word itself in the title or keywords, its start there, and
// last the summary. Only primary keys are read from the index (key ranges); just the rows shown
// are loaded. Forms and categories, a few dozen, are matched in memory beside the guides.
import type { Category, Guide } from '../core/content-schema';
import type { Form } from '../core/form-schema';
import { BODY_MARK, FIRST_MARK, MIN_TYPO_WORD, nearPrefix, normalize, queryPhrase, searchTerms, soundKeys } from '../core/search-text';
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

/** Distinct index keys, read once per catalogue version: the words a slip may have meant. */
let vocabulary: { cursor: string | undefined; keys: string[] } | undefined;

async function indexKeys(): Promise<string[]> {
  const cursor = await getCursor();
  if (vocabulary?.cursor !== cursor || !vocabulary) {
    vocabulary = { cursor, keys: (await database().guides.orderBy('words').uniqueKeys()) as string[] };
  }
  return vocabulary.keys;
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
  const near = (await indexKeys()).filter((key) => {
    const word = key.startsWith(BODY_MARK) ? key.slice(1) : key;
    return !/^[\^=]/.test(key) && Math.abs(word.length - term.length) <= 3 && nearPrefix(term, word);
  });
  if (near.length === 0) return hits;
  const strongNear = near.filter((key) => !key.startsWith(BODY_MARK));
  const bodyNear = near.filter((key) => key.startsWith(BODY_MARK));
  add(hits, bodyNear.length ? await words.anyOf(bodyNear).primaryKeys() : [], TYPO_BODY);
  add(hits, strongNear.length ? await words.anyOf(strongNear).primaryKeys() : [], TYPO_STRONG);
  return hits;
}

/** Words of `text` that start with each term: how many of the terms it matches. */
function matchesIn(text: string, terms: string[]): number {
  const words = soundKeys(text);
  return terms.filter((term) => words.some((word) => word.startsWith(term))).length;
}

async function searchFormsAndCategories(terms: string[]): Promise<Pick<SearchResult, 'forms' | 'categories'>> {
  const db = database();
  const [forms, categories] = await Promise.all([db.forms.toArray(), db.categories.orderBy('order').toArray()]);
  const best = <T>(items: T[], text: (item: T) => string) => {
    const scored = items.map((item) => ({ item, matched: matchesIn(text(item), terms) })).filter((s) => s.matched > 0);
    const top = Math.max(0, ...scored.map((s) => s.matched));
    return scored.filter((s) => s.matched === top).map((s) => s.item);
  };
  return {
    forms: best(forms, (f) => [f.data.title.es, f.data.title.qu, f.data.description.es, f.data.description.qu, ...(f.data.keywords?.es ?? []), ...(f.data.keywords?.qu ?? [])].join(' ')).map((f) => ({ id: f.id, data: f.data })),
    categories: best(categories, (c) => `${c.data.name.es} ${c.data.name.qu ?? ''}`).map((c) => c.data),
  };
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
