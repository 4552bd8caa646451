// The catalogue repository: how the screens read categories, guides and forms. Writing pulled
// pages is in catalog-apply.ts, so the validation code it needs stays out of the first load.
import type { Category, Guide, LocalizedText, Term } from '../core/content-schema';
import type { ServerKey } from '../core/records';
import { BODY_MARK, normalize, searchTerms } from '../core/search-text';
import { type FormRow, type GuideRow, database } from './db';

export async function getCursor(): Promise<string | undefined> {
  return (await database().meta.get('cursor'))?.value as string | undefined;
}

/** The catalogue format the stored catalogue was pulled with (core/records CATALOGUE_FORMAT). */
export async function getCatalogueFormat(): Promise<number | undefined> {
  return (await database().meta.get('format'))?.value as number | undefined;
}

export async function listCategories(): Promise<Category[]> {
  return (await database().categories.orderBy('order').toArray()).map((row) => row.data);
}

export async function getCategory(id: string): Promise<Category | undefined> {
  return (await database().categories.get(id))?.data;
}

export async function guidesInCategory(categoryId: string): Promise<Guide[]> {
  const rows = await database().guides.where('category').equals(categoryId).toArray();
  return rows.map((row) => row.data).sort((a, b) => a.title.es.localeCompare(b.title.es, 'es'));
}

export async function getGuide(id: string): Promise<Guide | undefined> {
  return (await database().guides.get(id))?.data;
}

export async function getForm(id: string): Promise<FormRow | undefined> {
  return database().forms.get(id);
}

/** The guides with these ids that the kiosk holds, in the order asked. */
export async function getGuides(ids: string[]): Promise<Guide[]> {
  return (await database().guides.bulkGet(ids)).flatMap((row) => (row ? [row.data] : []));
}

/** The guides that offer a form: where a patron filling it came from, or should go back to. */
export async function guidesOffering(formId: string): Promise<Guide[]> {
  return (await database().guides.where('forms').equals(formId).toArray()).map((row) => row.data);
}

/** The glossary: the State's jargon in plain words. */
export async function listTerms(): Promise<Term[]> {
  return (await database().terms.toArray()).map((row) => row.data);
}

export interface SearchResult {
  /** At most `limit` guides: those matching in the title, keywords or agency first. */
  guides: Guide[];
  /** How many guides match in all. */
  total: number;
  /** No word of two letters or more was typed yet: nothing was looked up. */
  tooShort: boolean;
}

/** Guides with a word starting with every word typed, in either language. Only primary keys are
 * read from the index (one range per word, intersected); just the rows shown are loaded. */
export async function searchGuides(query: string, limit = 50): Promise<SearchResult> {
  const terms = searchTerms(query);
  if (terms.length === 0) return { guides: [], total: 0, tooShort: true };
  const guides = database().guides;
  const keysStartingWith = async (prefix: string) => guides.where('words').startsWith(prefix).primaryKeys();
  let inTitle: Set<string> | undefined;
  let anywhere: Set<string> | undefined;
  // The longest word usually matches fewest guides: once nothing is left, stop reading.
  for (const term of [...terms].sort((a, b) => b.length - a.length)) {
    const [title, body] = await Promise.all([keysStartingWith(term), keysStartingWith(BODY_MARK + term)]);
    inTitle = keep(inTitle, title);
    anywhere = keep(anywhere, [...title, ...body]);
    if (anywhere.size === 0) break;
  }
  const first = [...inTitle!].sort();
  const rest = [...anywhere!].filter((id) => !inTitle!.has(id)).sort();
  const shown = [...first, ...rest].slice(0, limit);
  const rows = (await guides.bulkGet(shown)).filter((row): row is GuideRow => row !== undefined);
  const byTitle = (a: GuideRow, b: GuideRow) => normalize(a.data.title.es).localeCompare(normalize(b.data.title.es));
  const ranked = [...rows.filter((row) => inTitle!.has(row.id)).sort(byTitle), ...rows.filter((row) => !inTitle!.has(row.id)).sort(byTitle)];
  return { guides: ranked.map((row) => row.data), total: anywhere!.size, tooShort: false };
}

/** The keys of `found` that are also in `sofar` (all of them on the first word). */
function keep(sofar: Set<string> | undefined, found: string[]): Set<string> {
  if (!sofar) return new Set(found);
  return new Set(found.filter((id) => sofar.has(id)));
}

/** The server's public key for sealing submissions, once the catalogue has brought it. */
export async function getServerKey(): Promise<Extract<ServerKey, { id: 'submissions' }> | undefined> {
  return (await database().meta.get('serverKey'))?.value as Extract<ServerKey, { id: 'submissions' }> | undefined;
}

/** The key content packs must be signed with, learnt from an online sync. */
export async function getSigningKey(): Promise<Extract<ServerKey, { id: 'signing' }> | undefined> {
  return (await database().meta.get('signingKey'))?.value as Extract<ServerKey, { id: 'signing' }> | undefined;
}

export async function catalogueCounts(): Promise<{ categories: number; guides: number; forms: number }> {
  const db = database();
  const [categories, guides, forms] = await Promise.all([db.categories.count(), db.guides.count(), db.forms.count()]);
  return { categories, guides, forms };
}

export async function formTitles(): Promise<Map<string, LocalizedText>> {
  return new Map((await database().forms.toArray()).map((row) => [row.id, row.data.title]));
}
