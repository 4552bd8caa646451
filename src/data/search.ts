// Search that forgives: every word typed is looked up by its sound key (core/search-text), as the
// start of a word; a word that finds nothing is left out instead of emptying the result, and one
// of five letters or more that finds nothing gets one slip of a finger forgiven. Guides are ranked
// by how many of the words they match, then by where: the whole query as a keyword or title, a
// title that starts with the word, the word itself in the title or keywords, its start there, and
// last the summary. The words are looked up in memory (search-index.ts), and what a result shows
// of a guide is kept there too: a keystroke reads no guide row (reading the twenty a two-letter
// word brings cost 16-90 ms at 4× CPU, docs/architecture.md). Forms and categories, a few dozen,
// are matched in memory beside the guides.
import { type Category, type GuideListing, guideListing } from '../core/content-schema';
import type { Form } from '../core/form-schema';
import { BODY_MARK, FIRST_MARK, keywordsOf, MIN_TYPO_WORD, nearPrefix, normalize, queryPhrase, searchTerms, soundKeys, textsOf } from '../core/search-text';
import { database, guideOf } from './db';
import { catalogueVersion, keyAt, prefixRange, type SearchIndex, searchIndex } from './search-index';

export interface SearchResult {
  /** At most `limit` guides, best first. */
  guides: GuideListing[];
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

/** Best points per guide (by its number in the index) for one word; 0 where it was not found. */
type Hits = Float32Array;

function add(hits: Hits, index: SearchIndex, from: number, to: number, points: number) {
  for (let k = from; k < to; k++) for (const guide of index.postings[k]!) if (hits[guide]! < points) hits[guide] = points;
}

/** The distinct index words that start like `term` (its first two letters, which a slip rarely
 * touches), in titles and in summaries: the words a slip may have meant. */
function wordsStartingLike(index: SearchIndex, term: string): number[] {
  const start = term.slice(0, 2);
  const found: number[] = [];
  for (const prefix of [start, BODY_MARK + start]) {
    const [from, to] = prefixRange(index, prefix);
    for (let k = from; k < to; k++) found.push(k);
  }
  return found;
}

function lookUp(index: SearchIndex, term: string): Hits {
  const hits: Hits = new Float32Array(index.ids.length);
  add(hits, index, ...prefixRange(index, BODY_MARK + term), BODY);
  add(hits, index, ...prefixRange(index, term), STRONG);
  const exact = keyAt(index, term);
  if (exact >= 0) add(hits, index, exact, exact + 1, EXACT_STRONG);
  // Each first title word that starts so adds its points (an English and a Quechua title may both).
  let found = false;
  const [from, to] = prefixRange(index, FIRST_MARK + term);
  for (let k = from; k < to; k++) for (const guide of index.postings[k]!) hits[guide] = hits[guide]! + FIRST_IN_TITLE;
  for (let guide = 0; guide < hits.length && !found; guide++) found = hits[guide]! > 0;
  if (found || term.length < MIN_TYPO_WORD) return hits;
  // Nothing at all: one slip forgiven, against the words the catalogue really has.
  for (const k of wordsStartingLike(index, term)) {
    const key = index.keys[k]!;
    const body = key.startsWith(BODY_MARK);
    if (nearPrefix(term, body ? key.slice(1) : key)) add(hits, index, k, k + 1, body ? TYPO_BODY : TYPO_STRONG);
  }
  return hits;
}

/** Forms and categories with their words' sound keys, computed once per catalogue version (a few
 * dozen records: matched in memory, not through the index). */
interface Indexed<T> {
  item: T;
  keys: string[];
}
let small: { version: string; forms: Array<Indexed<{ id: string; data: Form }>>; categories: Array<Indexed<Category>> } | undefined;

async function formsAndCategories(version: string) {
  if (small?.version === version && small) return small;
  const db = database();
  const [forms, categories] = await Promise.all([db.forms.toArray(), db.categories.orderBy('order').toArray()]);
  const text = (...parts: Array<string | undefined>) => soundKeys(parts.filter(Boolean).join(' '));
  small = {
    version,
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

async function searchFormsAndCategories(terms: string[], version: string): Promise<Pick<SearchResult, 'forms' | 'categories'>> {
  const { forms, categories } = await formsAndCategories(version);
  return { forms: best(forms, terms), categories: best(categories, terms) };
}

/** The best `limit` of the guides found, best first: a two-letter word finds thousands, so the
 * cut-off score is found with a native numeric sort and only the guides above it are compared. */
function topGuides(found: number[], matched: Uint8Array, points: Float32Array, limit: number): number[] {
  // Points stay far below 1,000 (a few dozen per word), so one number orders both.
  const rank = (guide: number) => matched[guide]! * 1000 + points[guide]!;
  let candidates = found;
  if (found.length > limit) {
    const ranks = Float64Array.from(found, rank).sort();
    const cutoff = ranks[ranks.length - limit]!;
    // Above the cut, and then as many of those on it as there is room for, lowest numbers first
    // (`found` is in guide order): a common word ties thousands of guides, which are not sorted.
    candidates = found.filter((guide) => rank(guide) > cutoff);
    for (let i = 0; i < found.length && candidates.length < limit; i++) if (rank(found[i]!) === cutoff) candidates.push(found[i]!);
  }
  return candidates.sort((a, b) => rank(b) - rank(a) || a - b);
}

/** What the results show of these guides: from the index, or, for a guide last indexed by a row
 * written before listings were kept (an older kiosk's upgrade), from its row. */
async function listingsOf(index: SearchIndex, guides: number[]): Promise<GuideListing[]> {
  const unkept = guides.filter((guide) => !index.listings[guide]).map((guide) => index.ids[guide]!);
  const rows = new Map<string, GuideListing>();
  if (unkept.length) for (const row of await database().guides.bulkGet(unkept)) if (row) rows.set(row.id, guideListing(guideOf(row)));
  return guides.flatMap((guide) => {
    const kept = index.listings[guide];
    const listing = kept ? (JSON.parse(kept) as GuideListing) : rows.get(index.ids[guide]!);
    return listing ? [listing] : [];
  });
}

/** `version`: the catalogue's version (search-index.ts catalogueVersion) if the caller watches
 * it already; read here otherwise. */
export async function searchCatalogue(query: string, limit = 50, version?: string): Promise<SearchResult> {
  const started = performance.now();
  const terms = searchTerms(query);
  if (terms.length === 0) {
    // The search screen is open and a word is on its way: have the index ready for it.
    searchIndex(version).catch(() => undefined);
    return { guides: [], total: 0, forms: [], categories: [], tooShort: true };
  }
  const known = version ?? (await catalogueVersion());
  const [index, others] = await Promise.all([searchIndex(known), searchFormsAndCategories(terms, known)]);
  // Words that found nothing do not count against anything.
  const matched = new Uint8Array(index.ids.length);
  const points = new Float32Array(index.ids.length);
  for (const term of terms) {
    const hits = lookUp(index, term);
    for (let guide = 0; guide < hits.length; guide++) {
      if (hits[guide]! > 0) {
        matched[guide]!++;
        points[guide] = points[guide]! + hits[guide]!;
      }
    }
  }
  const phrase = keyAt(index, queryPhrase(terms));
  if (phrase >= 0) {
    for (const guide of index.postings[phrase]!) {
      if (matched[guide] === 0) matched[guide] = terms.length;
      points[guide] = points[guide]! + PHRASE;
    }
  }
  const found: number[] = [];
  for (let guide = 0; guide < matched.length; guide++) if (matched[guide]! > 0) found.push(guide);
  const better = (x: { matched: number; points: number }, y: { matched: number; points: number }) => y.matched - x.matched || y.points - x.points;
  // Guide numbers follow the ids' alphabetical order: equal scores are cut in id order.
  const shown = topGuides(found, matched, points, limit);
  const score = new Map(shown.map((guide) => [index.ids[guide]!, { matched: matched[guide]!, points: points[guide]! }]));
  const guides = await listingsOf(index, shown);
  // Equal scores read in alphabetical order of their Spanish titles.
  const titles = new Map(guides.map((guide) => [guide.id, normalize(guide.title.es)]));
  guides.sort((a, b) => better(score.get(a.id)!, score.get(b.id)!) || titles.get(a.id)!.localeCompare(titles.get(b.id)!));
  // For the bench (bench/search.ts): how much of a keystroke the search itself takes. Only the
  // latest is kept: the browser keeps every user timing entry until the page goes, and a kiosk's
  // page lives all day, through thousands of keystrokes (src/data/search-catalogue.browser.test.ts).
  performance.clearMeasures('chaski:search');
  performance.measure('chaski:search', { start: started });
  return { guides, total: found.length, ...others, tooShort: false };
}
