// Schema upgrades on a real IndexedDB: a kiosk keeps its catalogue across app versions, and finds
// its guides again after an upgrade without the network.
import Dexie from 'dexie';
import { expect, it } from 'vitest';
import { guideIndexWords } from '../core/search-text';
import { getCursor, getGuide, getServerKey, guidesInCategory, guidesOffering } from './catalog';
import { database, DB_NAME, ENTRY_SEPARATOR, openDatabase } from './db';
import { searchCatalogue } from './search';
import { readSyncInfo } from './sync-state';
import { sampleCategory, sampleGuide } from '../../test/records';

/** The schema of versions 1 to 6, as the previous app declared it. */
function previousVersion(name: string): Dexie {
  const old = new Dexie(name);
  old.version(1).stores({ categories: 'id, order', guides: 'id, category, *words', meta: 'key' });
  old.version(2).stores({ forms: 'id' });
  old.version(3).stores({ guides: 'id, category, *words' });
  old.version(4).stores({ guides: 'id, category, *words, *forms', terms: 'id' });
  old.version(5).stores({ guides: 'id, category, *words, *forms' });
  old.version(6).stores({ audio: 'id, guideId, sha256' });
  return old;
}

it('an upgrade from the first schema indexes stored guides: sound keys, summary words marked, title words plain', async () => {
  const name = `upgrade-${crypto.randomUUID()}`;
  const old = new Dexie(name);
  old.version(1).stores({ categories: 'id, order', guides: 'id, category, *words', meta: 'key' });
  old.version(2).stores({ forms: 'id' });
  const guide = sampleGuide('dni-duplicado', 'identidad');
  guide.summary = { es: 'Si perdió su DNI, pida otro.', qu: 'Chinkachispaqa hukta mañakuy.' };
  await old.table('guides').put({ id: guide.id, version: 1, category: guide.category, words: ['guia', 'dni', 'perdio'], data: guide });
  old.close();

  const upgraded = openDatabase(name);
  const row = await upgraded.guides.get(guide.id);
  expect(row).not.toHaveProperty('words');
  expect(row?.forms).toEqual([]);
  const [chunk, ...more] = await upgraded.searchChunks.toArray();
  expect(more).toEqual([]);
  expect(chunk?.ids).toEqual([guide.id]);
  const words = chunk!.words[0]!.split(ENTRY_SEPARATOR);
  // Sound keys: "guía" is indexed as gwia, "RENIEC" as reniek (core/search-text soundKey).
  expect(words).toEqual(expect.arrayContaining(['gwia', 'pusak', 'reniek', '~perdio', '~chinkachispaka', '^gwia', '^pusak']));
  expect(words).not.toContain('perdio');
  await upgraded.delete();
});

it('an upgrade from version 7 keeps every guide as it was, stored as its JSON text, still found by category and by form', async () => {
  const name = `upgrade-${crypto.randomUUID()}`;
  const old = previousVersion(name);
  old.version(7).stores({ guides: 'id, category, *forms', searchChunks: '++seq' });
  const dni = sampleGuide('dni-duplicado', 'identidad');
  dni.forms = ['solicitud-dni'];
  const sis = sampleGuide('sis-afiliacion', 'salud');
  // Rows exactly as version 7 wrote them: the guide's objects in `data`.
  await old.table('guides').bulkPut([dni, sis].map((g) => ({ id: g.id, version: 4, category: g.category, forms: g.forms ?? [], data: g })));
  old.close();

  const upgraded = openDatabase(name);
  const row = await upgraded.guides.get(dni.id);
  expect(row).not.toHaveProperty('data');
  expect(JSON.parse(row!.json)).toEqual(dni);
  expect(row).toMatchObject({ id: dni.id, version: 4, category: 'identidad', forms: ['solicitud-dni'] });
  upgraded.close();
  // The app's readers, on the upgraded database (opened by name as the kiosk's own).
  await Dexie.delete(DB_NAME);
  const copy = previousVersion(DB_NAME);
  copy.version(7).stores({ guides: 'id, category, *forms', searchChunks: '++seq' });
  await copy.table('guides').bulkPut([dni, sis].map((g) => ({ id: g.id, version: 4, category: g.category, forms: g.forms ?? [], data: g })));
  copy.close();
  expect(await getGuide(dni.id)).toEqual(dni);
  expect((await guidesInCategory('salud')).map((g) => g.id)).toEqual([sis.id]);
  expect((await guidesOffering('solicitud-dni')).map((g) => g.id)).toEqual([dni.id]);
  await Dexie.delete(name);
});

it('a kiosk upgraded from version 6 keeps its catalogue and sync facts, and finds guides in both languages offline', async () => {
  await Dexie.delete(DB_NAME);
  const old = previousVersion(DB_NAME);
  const guides = Array.from({ length: 1200 }, (_, i) => sampleGuide(`guia-${i}`, 'identidad'));
  const pension = sampleGuide('pension-65', 'programas-sociales');
  pension.title = { es: 'Pensión 65', qu: 'Pensión 65 machu runakunapaq' };
  pension.summary = { es: 'Una pensión para adultos mayores en pobreza.', qu: 'Machu runakunapaq qullqi.' };
  // Rows exactly as version 6 wrote them: index entries in the row, multi-entry indexed.
  await old.table('guides').bulkPut([...guides, pension].map((g) => ({ id: g.id, version: 3, category: g.category, words: guideIndexWords(g), forms: [], data: g })));
  await old.table('categories').put({ id: 'identidad', version: 1, order: 1, data: sampleCategory('identidad') });
  await old.table('meta').bulkPut([
    { key: 'cursor', value: 'c-41' },
    { key: 'format', value: 5 },
    { key: 'lastPullAt', value: '2026-11-30T08:00:00.000Z' },
    { key: 'serverKey', value: { id: 'submissions', kty: 'EC' } },
  ]);
  old.close();

  // The network is gone: the upgrade and the search need none.
  const db = database();
  expect(await getCursor()).toBe('c-41');
  expect(await readSyncInfo()).toMatchObject({ lastPullAt: '2026-11-30T08:00:00.000Z' });
  expect(await getServerKey()).toMatchObject({ id: 'submissions' });
  expect(await db.guides.count()).toBe(1201);
  expect((await getGuide('pension-65'))?.title.qu).toBe('Pensión 65 machu runakunapaq');
  expect(await db.guides.get('pension-65')).not.toHaveProperty('words');
  expect(await db.guides.get('pension-65')).not.toHaveProperty('data');
  // 1,201 guides: three index rows of at most 500 guides, not 1,201 × forty-odd index entries.
  expect(await db.searchChunks.count()).toBe(3);

  for (const query of ['PENSION', 'pension 65', 'machu runa', 'qullqi', 'adultos mayores', 'pe']) {
    const found = await searchCatalogue(query);
    expect(found.guides[0]?.id, query).toBe('pension-65');
  }
  expect((await searchCatalogue('guia 1025')).guides[0]?.id).toBe('guia-1025');
  expect((await searchCatalogue('pusaq')).total).toBe(1200);
});
