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

/** The schema of versions 1 to 3, as the previous app declared them. */
function versionThree(name: string): Dexie {
  const old = new Dexie(name);
  old.version(1).stores({ drafts: 'key', outbox: 'id, status, createdAt', receipts: 'id, sentAt', kiosk: 'key' });
  old.version(2).stores({ usage: 'day' });
  old.version(3).stores({ localNotes: 'id, guideId' });
  return old;
}

it('a kiosk whose patron database is at version 1 keeps its waiting submission and settings, and gains the later tables', async () => {
  const name = `patron-upgrade-${crypto.randomUUID()}`;
  const old = new Dexie(name);
  old.version(1).stores({ drafts: 'key', outbox: 'id, status, createdAt', receipts: 'id, sentAt', kiosk: 'key' });
  await old.table('outbox').put({ id: 'sub-1', status: 'pending', createdAt: 5, formId: 'f' });
  await old.table('kiosk').put({ key: 'settings', value: { idleMinutes: 7, defaultLang: 'qu' } });
  old.close();

  const db = openPatronDatabase(name);
  opened.push(db);
  expect(await db.outbox.where('status').equals('pending').primaryKeys()).toEqual(['sub-1']);
  expect((await db.kiosk.get('settings'))?.value).toEqual({ idleMinutes: 7, defaultLang: 'qu' });
  await db.usage.put({ day: '2026-12-04', counts: {} } as never);
  await db.recordings.put({ id: 'r-1', status: 'draft', guideId: 'g', received: 0 } as never);
  expect(await db.recordings.where('guideId').equals('g').count()).toBe(1);
  expect(db.verno).toBe(4);
});

it('a kiosk at version 3 keeps the library\'s local notes and its usage days, indexes included', async () => {
  const name = `patron-upgrade-${crypto.randomUUID()}`;
  const old = versionThree(name);
  await old.table('localNotes').put({ id: 'n-1', guideId: 'dni', text: 'Martes y jueves' });
  await old.table('usage').put({ day: '2026-11-30', sent: true });
  old.close();

  const db = openPatronDatabase(name);
  opened.push(db);
  expect(await db.localNotes.where('guideId').equals('dni').primaryKeys()).toEqual(['n-1']);
  expect(await db.usage.count()).toBe(1);
  expect(db.tables.map((table) => table.name).sort()).toEqual(['drafts', 'kiosk', 'localNotes', 'outbox', 'receipts', 'recordings', 'usage']);
});
