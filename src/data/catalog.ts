// The catalogue repository: how the screens read categories, guides and forms. Writing pulled
// pages is in catalog-apply.ts, so the validation code it needs stays out of the first load.
import type { Category, Guide, LocalizedText } from '../core/content-schema';
import type { ServerKey } from '../core/records';
import { normalize, tokenize } from '../core/search-text';
import { type FormRow, type GuideRow, database } from './db';

export async function getCursor(): Promise<string | undefined> {
  return (await database().meta.get('cursor'))?.value as string | undefined;
}

export function both(text: LocalizedText | undefined): string {
  return text ? `${text.es} ${text.qu ?? ''}` : '';
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

/** Guides whose words start with every word typed, in either language; title matches first. */
export async function searchGuides(query: string, limit = 50): Promise<Guide[]> {
  const terms = tokenize(query);
  if (terms.length === 0) return [];
  // The longest term narrows the index scan most; the others are checked in memory.
  const [first, ...rest] = [...terms].sort((a, b) => b.length - a.length);
  const rows = await database().guides.where('words').startsWith(first!).distinct().toArray();
  const matches = rows.filter((row) => rest.every((term) => row.words.some((w) => w.startsWith(term))));
  const inTitle = (row: GuideRow) => {
    const title = tokenize(`${both(row.data.title)} ${(row.data.keywords?.es ?? []).join(' ')} ${(row.data.keywords?.qu ?? []).join(' ')}`);
    return terms.every((term) => title.some((w) => w.startsWith(term))) ? 0 : 1;
  };
  return matches
    .map((row) => ({ row, rank: inTitle(row) }))
    .sort((a, b) => a.rank - b.rank || normalize(a.row.data.title.es).localeCompare(normalize(b.row.data.title.es)))
    .slice(0, limit)
    .map(({ row }) => row.data);
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
