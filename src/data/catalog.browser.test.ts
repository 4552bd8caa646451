// Runs in real Chromium with real IndexedDB.
import { liveQuery } from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Change, ChangesPage } from '../core/protocol';
import { getCategory, getCursor, getGuide, listCategories } from './catalog';
import { searchCatalogue as searchGuides } from './search';
import { applyChangesPage } from './catalog-apply';
import { database, guideRow, searchChunk } from './db';
import { readSyncInfo } from './sync-state';
import { sampleCategory, sampleGuide } from '../../test/records';

const ids = (result: { guides: Array<{ id: string }> }) => result.guides.map((g) => g.id);
const put = (kind: 'category' | 'guide', data: { id: string }, version = 1): Change => ({ kind, id: data.id, version, op: 'put', data });

beforeEach(async () => {
  const db = database();
  await db.transaction('rw', db.categories, db.guides, db.meta, async () => {
    await Promise.all([db.categories.clear(), db.guides.clear(), db.meta.clear()]);
  });
});

describe('applying a page of changes', () => {
  it('stores the records and the cursor together', async () => {
    const page: ChangesPage = { changes: [put('category', sampleCategory('salud')), put('guide', sampleGuide('sis', 'salud'))], cursor: 'c1', more: false };
    const outcome = await applyChangesPage(page, undefined);
    expect(outcome).toMatchObject({ status: 'applied', put: 2, deleted: 0 });
    expect(await getCursor()).toBe('c1');
    expect((await getGuide('sis'))?.title.es).toBe('Guía sis');
    expect((await listCategories()).map((c) => c.id)).toEqual(['salud']);
  });

  it('writes nothing, cursor included, when the transaction fails part-way', async () => {
    await applyChangesPage({ changes: [put('category', sampleCategory('salud'))], cursor: 'c1', more: false }, undefined);
    const db = database();
    const failOn = (_key: unknown, row: { id: string }) => {
      if (row.id === 'boom') throw new Error('disk trouble');
    };
    db.guides.hook('creating', failOn);
    try {
      const page: ChangesPage = {
        changes: [put('category', sampleCategory('trabajo')), put('guide', sampleGuide('ok', 'trabajo')), put('guide', sampleGuide('boom', 'trabajo'))],
        cursor: 'c2',
        more: false,
      };
      await expect(applyChangesPage(page, 'c1')).rejects.toThrow();
    } finally {
      db.guides.hook('creating').unsubscribe(failOn);
    }
    expect(await getCursor()).toBe('c1');
    expect(await getCategory('trabajo')).toBeUndefined();
    expect(await getGuide('ok')).toBeUndefined();
  });

  it('refuses a page requested with a cursor that has since moved', async () => {
    await applyChangesPage({ changes: [put('category', sampleCategory('salud'))], cursor: 'c1', more: false }, undefined);
    const late = await applyChangesPage({ changes: [put('category', sampleCategory('trabajo'))], cursor: 'c0', more: false }, undefined);
    expect(late).toEqual({ status: 'stale' });
    expect(await getCursor()).toBe('c1');
    expect(await getCategory('trabajo')).toBeUndefined();
  });

  it('removes tombstoned records and replaces everything on reset', async () => {
    await applyChangesPage({ changes: [put('category', sampleCategory('salud')), put('guide', sampleGuide('sis', 'salud')), put('guide', sampleGuide('essalud', 'salud'))], cursor: 'c1', more: false }, undefined);
    await applyChangesPage({ changes: [{ kind: 'guide', id: 'sis', version: 2, op: 'delete' }], cursor: 'c2', more: false }, 'c1');
    expect(await getGuide('sis')).toBeUndefined();
    expect(await getGuide('essalud')).toBeDefined();

    await applyChangesPage({ changes: [put('category', sampleCategory('trabajo'))], cursor: 'x1', more: false, reset: true }, 'c2');
    expect((await listCategories()).map((c) => c.id)).toEqual(['trabajo']);
    expect(await getGuide('essalud')).toBeUndefined();
  });

  it('says the guides were updated only once the last page of a pull is stored', async () => {
    const lastPull = async () => (await readSyncInfo()).lastPullAt;
    await applyChangesPage({ changes: [put('category', sampleCategory('salud'))], cursor: 'p1', more: true }, undefined, new Date('2026-11-24T09:00:00Z'));
    expect(await lastPull()).toBeUndefined();
    await applyChangesPage({ changes: [put('guide', sampleGuide('sis', 'salud'))], cursor: 'p2', more: false }, 'p1', new Date('2026-11-24T09:01:00Z'));
    expect(await lastPull()).toBe('2026-11-24T09:01:00.000Z');
  });

  it('stores a big page whole, and a live query on the guides hears of every row once it commits', async () => {
    // 250 guides, written 100 at a time (catalog-apply.ts sendInOrder): at 50 rows or more Dexie
    // notes only "the whole table changed", which must still reach the live queries.
    const guides = Array.from({ length: 250 }, (_, i) => put('guide', sampleGuide(`g${String(i).padStart(3, '0')}`, 'salud')));
    const seen: number[] = [];
    const subscription = liveQuery(() => database().guides.count()).subscribe((count) => seen.push(count));
    try {
      await expect.poll(() => seen).toEqual([0]);
      await applyChangesPage({ changes: [put('category', sampleCategory('salud')), ...guides], cursor: 'c1', more: false }, undefined);
      await expect.poll(() => seen.at(-1)).toBe(250);
      expect(seen, 'never a page half-stored').toEqual([0, 250]);
    } finally {
      subscription.unsubscribe();
    }
    expect((await getGuide('g249'))?.title.es).toBe('Guía g249');
  });

  it('keeps a big page at most two slices of guides ahead of what is stored, a reset included', async () => {
    // A reset clears six stores first: those writes must not let more slices out at once (each
    // slice is work the screen cannot interrupt; catalog-apply.ts sendInOrder).
    const guides = Array.from({ length: 600 }, (_, i) => put('guide', sampleGuide(`r${i}`, 'salud')));
    let issued = 0;
    let stored = 0;
    let mostAhead = 0;
    const realPut = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      const request = realPut.apply(this, args);
      if (this.name === 'guides') {
        issued++;
        mostAhead = Math.max(mostAhead, issued - stored);
        request.addEventListener('success', () => void stored++);
      }
      return request;
    };
    try {
      const outcome = await applyChangesPage({ changes: [put('category', sampleCategory('salud')), ...guides], cursor: 'c1', more: false, reset: true }, undefined);
      expect(outcome).toMatchObject({ status: 'applied', put: 601 });
    } finally {
      IDBObjectStore.prototype.put = realPut;
    }
    expect(issued).toBe(600);
    expect(mostAhead).toBeLessThanOrEqual(200);
    expect(await database().guides.count()).toBe(600);
  });

  it('rolls back every slice of a big page whose cursor moved', async () => {
    await applyChangesPage({ changes: [put('category', sampleCategory('salud'))], cursor: 'c1', more: false }, undefined);
    const guides = Array.from({ length: 250 }, (_, i) => put('guide', sampleGuide(`late${i}`, 'salud')));
    expect(await applyChangesPage({ changes: guides, cursor: 'c9', more: false }, 'c0')).toEqual({ status: 'stale' });
    expect(await database().guides.count()).toBe(0);
    expect(await getCursor()).toBe('c1');
  });

  it('leaves out a record this app cannot read and keeps the rest', async () => {
    const broken: Change = { kind: 'guide', id: 'broken', version: 1, op: 'put', data: { id: 'broken' } };
    const outcome = await applyChangesPage({ changes: [put('category', sampleCategory('salud')), broken], cursor: 'c1', more: false }, undefined);
    expect(outcome).toMatchObject({ status: 'applied', put: 1, skipped: ['guide/broken'] });
    expect(await getCursor()).toBe('c1');
  });
});

describe('search', () => {
  beforeEach(async () => {
    const pension = sampleGuide('pension-65', 'social');
    pension.title = { es: 'Pensión 65', qu: 'Pensión 65 yanapay' };
    pension.keywords = { es: ['adulto mayor'], qu: ['machu runa'] };
    const dni = sampleGuide('dni-duplicado', 'identidad');
    dni.title = { es: 'Duplicado de DNI', qu: 'DNI iskay kaq' };
    dni.summary = { es: 'Si perdió su DNI, pida otro.', qu: 'DNI-ykita chinkachispaqa, hukta mañakuy.' };
    await applyChangesPage({ changes: [put('guide', pension), put('guide', dni)], cursor: 'c1', more: false }, undefined);
  });

  it('ignores case and accents, in either language, by word prefix', async () => {
    expect(ids(await searchGuides('PENSION'))).toEqual(['pension-65']);
    expect(ids(await searchGuides('machu'))).toEqual(['pension-65']);
    expect(ids(await searchGuides('dupli'))).toEqual(['dni-duplicado']);
    expect(ids(await searchGuides('chinkachis'))).toEqual(['dni-duplicado']);
  });

  it('ranks guides by how many words they match; a word that matches nothing is left out', async () => {
    expect(ids(await searchGuides('dni pension'))).toEqual(['dni-duplicado', 'pension-65']);
    expect(ids(await searchGuides('pension xilofono'))).toEqual(['pension-65']);
    expect(ids(await searchGuides('quiero mi duplicado'))).toEqual(['dni-duplicado']);
  });

  it('forgives spelling by ear, glued numbers and one slip in a long word', async () => {
    expect(ids(await searchGuides('pencion'))).toEqual(['pension-65']);
    expect(ids(await searchGuides('pension65'))).toEqual(['pension-65']);
    expect(ids(await searchGuides('dupilcado'))).toEqual(['dni-duplicado']);
    expect(ids(await searchGuides('chinkachispa'))).toEqual(['dni-duplicado']);
    // A slip in a short word is another word.
    expect(ids(await searchGuides('dnu'))).toEqual([]);
  });

  it('looks nothing up until a word has two letters, and ignores one-letter words', async () => {
    expect(await searchGuides('   ')).toMatchObject({ guides: [], total: 0, tooShort: true });
    expect(await searchGuides('d')).toMatchObject({ guides: [], total: 0, tooShort: true });
    expect(ids(await searchGuides('pension y'))).toEqual(['pension-65']);
  });

  it('finds an edited guide by its new words only, and a deleted or reset one not at all', async () => {
    const renamed = sampleGuide('pension-65', 'social');
    renamed.title = { es: 'Jubilación para mayores', qu: 'Machu runakunapaq qullqi' };
    await applyChangesPage({ changes: [put('guide', renamed, 2), { kind: 'guide', id: 'dni-duplicado', version: 2, op: 'delete' }], cursor: 'c2', more: false }, 'c1');
    expect(ids(await searchGuides('jubilacion'))).toEqual(['pension-65']);
    expect(ids(await searchGuides('qullqi'))).toEqual(['pension-65']);
    expect(await searchGuides('pension')).toMatchObject({ guides: [], total: 0 });
    expect(await searchGuides('duplicado')).toMatchObject({ guides: [], total: 0 });
    // The search answers the stored catalogue while it changes: a reset replaces everything.
    await applyChangesPage({ changes: [put('guide', sampleGuide('beca-18', 'educacion'))], cursor: 'r1', more: false, reset: true }, 'c2');
    expect(ids(await searchGuides('guia'))).toEqual(['beca-18']);
    expect(await searchGuides('jubilacion')).toMatchObject({ total: 0 });
  });

  it('stores one search index row per page of guides, whatever its size, and no index entry per word', async () => {
    const db = database();
    await db.searchChunks.clear();
    const guides = Array.from({ length: 300 }, (_, i) => put('guide', sampleGuide(`guia-${i}`, 'identidad')));
    await applyChangesPage({ changes: guides, cursor: 'c2', more: false }, 'c1');
    expect(await db.searchChunks.count()).toBe(1);
    // Only the category and form indexes remain on guides: a write costs no forty-odd entries.
    expect(db.guides.schema.indexes.map((index) => index.name).sort()).toEqual(['category', 'forms']);
    expect((await searchGuides('guia 287')).guides[0]?.id).toBe('guia-287');
  });

  it('shows what a result needs without reading a guide row, and the newest title after an edit', async () => {
    const db = database();
    let rowsRead = 0;
    const count = (row: unknown) => {
      rowsRead++;
      return row;
    };
    db.guides.hook('reading', count);
    try {
      const [found] = (await searchGuides('duplicado')).guides;
      expect(found).toEqual({ id: 'dni-duplicado', title: { es: 'Duplicado de DNI', qu: 'DNI iskay kaq' }, agency: 'RENIEC', summary: { es: 'Si perdió su DNI, pida otro.', qu: 'DNI-ykita chinkachispaqa, hukta mañakuy.' } });
      const renamed = sampleGuide('dni-duplicado', 'identidad');
      renamed.title = { es: 'Otro DNI si lo perdió', qu: 'Huk DNI chinkachispa' };
      await applyChangesPage({ changes: [put('guide', renamed, 2)], cursor: 'c2', more: false }, 'c1');
      expect((await searchGuides('dni')).guides.map((g) => g.title.es)).toEqual(['Otro DNI si lo perdió']);
      expect(rowsRead).toBe(0);
    } finally {
      db.guides.hook('reading').unsubscribe(count);
    }
  });

  it('reads the rows of guides indexed before listings were kept (an older kiosk), newest first', async () => {
    const db = database();
    // An edit applied by an older version: the guide row, and an index row with no listings.
    const renamed = sampleGuide('pension-65', 'social');
    renamed.title = { es: 'Pensión 65 renovada', qu: 'Musuq Pensión 65' };
    await db.guides.put(guideRow(renamed, 2));
    const { words } = searchChunk([{ id: 'pension-65', data: renamed }]);
    await db.searchChunks.add({ ids: ['pension-65'], words });
    expect((await searchGuides('pension')).guides.map((g) => g.title)).toEqual([renamed.title]);
    expect((await searchGuides('dni pension')).guides.map((g) => g.id)).toEqual(['dni-duplicado', 'pension-65']);
  });

  it('ranks title, keyword and agency matches before summary matches, and counts beyond the limit', async () => {
    // "dni" is in one title and in the other's summary only ("Si perdió su DNI").
    const other = sampleGuide('a-primero', 'identidad');
    other.title = { es: 'Alguna guía', qu: 'Huk pusaq qillqa' };
    other.summary = { es: 'Lleve su DNI.', qu: 'DNI-ykita apamuy.' };
    await applyChangesPage({ changes: [put('guide', other)], cursor: 'c2', more: false }, 'c1');
    expect(ids(await searchGuides('dni'))).toEqual(['dni-duplicado', 'a-primero']);
    const firstOnly = await searchGuides('dni', 1);
    expect({ ids: ids(firstOnly), total: firstOnly.total }).toEqual({ ids: ['dni-duplicado'], total: 2 });
  });
});
