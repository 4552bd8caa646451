// The catalogue repository: how the rest of the kiosk reads categories and guides, and how the
// sync engine applies a page of changes together with its cursor.
import type { Category, Guide, LocalizedText } from '../core/content-schema';
import type { Form } from '../core/form-schema';
import { type RecordKind, type ServerKey, validateRecord } from '../core/records';
import type { ChangesPage } from '../core/protocol';
import { normalize, tokenize } from '../core/search-text';
import { type CategoryRow, type FormRow, type GuideRow, database } from './db';
import { guardedWrite } from './storage-health';

export type ApplyOutcome =
  | { status: 'applied'; put: number; deleted: number; skipped: string[] }
  /** The stored cursor moved since this page was requested (another tab or the worker applied
   * it first): nothing was written. */
  | { status: 'stale' };

export async function getCursor(): Promise<string | undefined> {
  return (await database().meta.get('cursor'))?.value as string | undefined;
}

/** Applies one page of the change feed and moves the cursor, in one transaction: after a
 * crash either both happened or neither did, so a page is re-pulled, never skipped. */
export async function applyChangesPage(page: ChangesPage, requestedWith: string | undefined, now = new Date()): Promise<ApplyOutcome> {
  const db = database();
  return guardedWrite(() => db.transaction('rw', [db.categories, db.guides, db.forms, db.meta], async () => {
    if ((await getCursor()) !== requestedWith) return { status: 'stale' } as const;
    if (page.reset) {
      await Promise.all([db.categories.clear(), db.guides.clear(), db.forms.clear()]);
    }
    const skipped: string[] = [];
    const categories: CategoryRow[] = [];
    const guides: GuideRow[] = [];
    const forms: FormRow[] = [];
    const deleted = { category: [] as string[], guide: [] as string[], form: [] as string[] };
    for (const change of page.changes) {
      if (change.kind === 'key') {
        // The server's public keys: single values, kept with the cursor.
        const slot = change.id === 'signing' ? 'signingKey' : 'serverKey';
        if (change.op === 'delete') await db.meta.delete(slot);
        else if (validateRecord('key', change.data).ok) await db.meta.put({ key: slot, value: change.data });
        else skipped.push(`key/${change.id}`);
        continue;
      }
      if (change.op === 'delete') {
        deleted[change.kind].push(change.id);
        continue;
      }
      // A record this version of the app cannot read is left out, not allowed to break the page.
      const checked = validateRecord(change.kind, change.data);
      if (!checked.ok) {
        skipped.push(`${change.kind}/${change.id}`);
        continue;
      }
      if (change.kind === 'category') {
        const data = checked.value as Category;
        categories.push({ id: data.id, version: change.version, order: data.order, data });
      } else if (change.kind === 'form') {
        forms.push({ id: change.id, version: change.version, data: checked.value as Form });
      } else {
        const data = checked.value as Guide;
        guides.push({ id: data.id, version: change.version, category: data.category, words: searchWords(data), data });
      }
    }
    await db.categories.bulkPut(categories);
    await db.guides.bulkPut(guides);
    await db.forms.bulkPut(forms);
    await db.categories.bulkDelete(deleted.category);
    await db.guides.bulkDelete(deleted.guide);
    await db.forms.bulkDelete(deleted.form);
    await db.meta.bulkPut([
      { key: 'cursor', value: page.cursor },
      { key: 'lastPullAt', value: now.toISOString() },
    ]);
    return {
      status: 'applied',
      put: categories.length + guides.length + forms.length,
      deleted: deleted.category.length + deleted.guide.length + deleted.form.length,
      skipped,
    } as const;
  }));
}

function both(text: LocalizedText | undefined): string {
  return text ? `${text.es} ${text.qu ?? ''}` : '';
}

function searchWords(guide: Guide): string[] {
  const keywords = [...(guide.keywords?.es ?? []), ...(guide.keywords?.qu ?? [])].join(' ');
  return tokenize([both(guide.title), guide.agency, keywords, both(guide.summary), both(guide.audience)].join(' '));
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

/** Replaces the whole catalogue with a verified content pack's records, in one transaction,
 * and continues online syncing from the pack's cursor. */
export async function replaceCatalogue(records: Array<{ kind: string; id: string; version: number; data: unknown }>, cursor: string, now = new Date()): Promise<ApplyOutcome> {
  // The pack may not replace the key packs are checked with; only an online sync may.
  const changes = records
    .filter((r) => !(r.kind === 'key' && r.id === 'signing'))
    .map((r) => ({ kind: r.kind as RecordKind, id: r.id, version: r.version, op: 'put' as const, data: r.data }));
  return applyChangesPage({ changes, cursor, more: false, reset: true }, await getCursor(), now);
}

export async function catalogueCounts(): Promise<{ categories: number; guides: number; forms: number }> {
  const db = database();
  const [categories, guides, forms] = await Promise.all([db.categories.count(), db.guides.count(), db.forms.count()]);
  return { categories, guides, forms };
}

export async function formTitles(): Promise<Map<string, LocalizedText>> {
  return new Map((await database().forms.toArray()).map((row) => [row.id, row.data.title]));
}
