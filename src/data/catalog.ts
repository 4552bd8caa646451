// The catalogue repository: how the screens read categories, guides and forms. Writing pulled
// pages is in catalog-apply.ts, so the validation code it needs stays out of the first load.
import type { Category, Guide, LocalizedText, Term } from '../core/content-schema';
import type { ServerKey } from '../core/records';
import { type FormRow, database, guideOf } from './db';

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
  return rows.map(guideOf).sort((a, b) => a.title.es.localeCompare(b.title.es, 'es'));
}

export async function getGuide(id: string): Promise<Guide | undefined> {
  const row = await database().guides.get(id);
  return row && guideOf(row);
}

export async function getForm(id: string): Promise<FormRow | undefined> {
  return database().forms.get(id);
}

/** The guides with these ids that the kiosk holds, in the order asked. */
export async function getGuides(ids: string[]): Promise<Guide[]> {
  return (await database().guides.bulkGet(ids)).flatMap((row) => (row ? [guideOf(row)] : []));
}

/** The guides that offer a form: where a patron filling it came from, or should go back to. */
export async function guidesOffering(formId: string): Promise<Guide[]> {
  return (await database().guides.where('forms').equals(formId).toArray()).map(guideOf);
}

/** The glossary: the State's jargon in plain words. */
export async function listTerms(): Promise<Term[]> {
  return (await database().terms.toArray()).map((row) => row.data);
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
