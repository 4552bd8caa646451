// Schema upgrades on a real IndexedDB: a kiosk keeps its catalogue across app versions.
import Dexie from 'dexie';
import { expect, it } from 'vitest';
import { openDatabase } from './db';
import { sampleGuide } from '../../test/records';

it('an upgrade re-indexes stored guides: sound keys, summary words marked, title words plain', async () => {
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
  // Sound keys: "guía" is indexed as gwia, "RENIEC" as reniek (core/search-text soundKey).
  expect(row?.words).toEqual(expect.arrayContaining(['gwia', 'pusak', 'reniek', '~perdio', '~chinkachispaka', '^gwia', '^pusak']));
  expect(row?.words).not.toContain('perdio');
  expect(await upgraded.guides.where('words').startsWith('~chinka').primaryKeys()).toEqual([guide.id]);
  expect(row?.forms).toEqual([]);
  await upgraded.delete();
});
