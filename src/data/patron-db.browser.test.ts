// The patron database declares only its latest schema: a kiosk whose database an earlier app
// version created (any of versions 1 to 3) opens it with every row it held and the tables added
// since, on a real IndexedDB.
import Dexie from 'dexie';
import { afterEach, expect, it } from 'vitest';
import { openPatronDatabase } from './patron-db';

const opened: Dexie[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

/** The tables each earlier version added, as the previous app declared them. */
const EARLIER_VERSIONS: Array<Record<string, string>> = [
  { drafts: 'key', outbox: 'id, status, createdAt', receipts: 'id, sentAt', kiosk: 'key' },
  { usage: 'day' },
  { localNotes: 'id, guideId' },
];

/** The patron database as the app left it at `version` (1 to 3), before any later table. */
function earlierPatronDatabase(name: string, version: number): Dexie {
  const old = new Dexie(name);
  EARLIER_VERSIONS.slice(0, version).forEach((stores, index) => old.version(index + 1).stores(stores));
  return old;
}

it('a kiosk whose patron database is at version 1 keeps its waiting submission and settings, and gains the later tables', async () => {
  const name = `patron-upgrade-${crypto.randomUUID()}`;
  const old = earlierPatronDatabase(name, 1);
  await old.table('outbox').put({ id: 'sub-1', status: 'pending', createdAt: 5, formId: 'f' });
  await old.table('kiosk').put({ key: 'settings', value: { idleMinutes: 7, defaultLang: 'qu' } });
  old.close({ disableAutoOpen: true });

  const db = openPatronDatabase(name);
  opened.push(db);
  expect(await db.outbox.where('status').equals('pending').primaryKeys()).toEqual(['sub-1']);
  expect((await db.kiosk.get('settings'))?.value).toEqual({ idleMinutes: 7, defaultLang: 'qu' });
  // The tables added since take rows (their shape is not what is tested here).
  await db.table('usage').put({ day: '2026-12-04' });
  await db.table('recordings').put({ id: 'r-1', status: 'draft', guideId: 'g' });
  expect(await db.recordings.where('guideId').equals('g').count()).toBe(1);
  expect(db.verno).toBe(4);
});

it('a kiosk at version 3 keeps the library\'s local notes and its usage days, indexes included', async () => {
  const name = `patron-upgrade-${crypto.randomUUID()}`;
  const old = earlierPatronDatabase(name, 3);
  await old.table('localNotes').put({ id: 'n-1', guideId: 'dni', text: 'Martes y jueves' });
  await old.table('usage').put({ day: '2026-11-30', sent: true });
  old.close({ disableAutoOpen: true });

  const db = openPatronDatabase(name);
  opened.push(db);
  expect(await db.localNotes.where('guideId').equals('dni').primaryKeys()).toEqual(['n-1']);
  expect(await db.usage.count()).toBe(1);
  expect(db.tables.map((table) => table.name).sort()).toEqual(['drafts', 'kiosk', 'localNotes', 'outbox', 'receipts', 'recordings', 'usage']);
});
