// The floors Send is measured against in bench/outbox.ts: plain buttons on the form screen that
// write with the raw IndexedDB API, and the durability probe. In-page code is plain JS strings.
import type { Page } from 'playwright';

// One IndexedDB transaction adding one ~1 KB row, strict against relaxed durability: how much of
// the save is the flush to disk.
export const DURABILITY_PROBE = `(async () => {
  const db = await new Promise((resolve, reject) => { const r = indexedDB.open('bench-durability', 1); r.onupgradeneeded = () => r.result.createObjectStore('rows', { keyPath: 'id' }); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
  const out = { strict: [], relaxed: [] };
  for (let i = 0; i < 60; i++) {
    const durability = i % 2 ? 'relaxed' : 'strict';
    const start = performance.now();
    await new Promise((resolve, reject) => { const tx = db.transaction('rows', 'readwrite', { durability }); tx.objectStore('rows').add({ id: i, sealed: 'x'.repeat(1000) }); tx.oncomplete = resolve; tx.onabort = () => reject(tx.error); });
    out[durability].push(performance.now() - start);
  }
  db.close();
  indexedDB.deleteDatabase('bench-durability');
  return out;
})()`;

// The floor for Send → committed on this machine: plain buttons on the same form screen whose
// click handlers write with the raw IndexedDB API in a strict-durability transaction, tapped and
// timed the same way (release → complete). "Floor" adds one ~1 KB row. "Floor3" does what Send
// stores, without the app's code: a copy of one of the app's sealed outbox rows added to an
// outbox store with the app's indexes (own database). "Floor2" also deletes a draft in the same
// transaction, as Send did until its draft kept the submission's id (src/data/outbox-queue.ts):
// what that second request costs.
const FLOOR_BUTTONS = `(async () => {
  const open = (name, version, upgrade) => new Promise((resolve, reject) => { const r = indexedDB.open(name, version); if (upgrade) r.onupgradeneeded = () => upgrade(r.result); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
  if (!window.__floor) {
    const app = await open('chaski-patron');
    const outbox = app.transaction('outbox').objectStore('outbox');
    const indexes = Array.from(outbox.indexNames, (name) => outbox.index(name).keyPath);
    const sample = await new Promise((resolve) => { const c = outbox.openCursor(); c.onsuccess = () => resolve(c.result.value); });
    app.close();
    const db = await open('bench-floor', 1, (d) => {
      d.createObjectStore('rows', { keyPath: 'id' });
      const store = d.createObjectStore('outbox', { keyPath: 'id' });
      for (const keyPath of indexes) store.createIndex(keyPath, keyPath);
      d.createObjectStore('drafts', { keyPath: 'key' });
    });
    window.__floor = { one: [], withDraft: [], app: [], dispatch: [], db, sample };
  }
  const { db, sample } = window.__floor;
  // A draft for Floor2 to delete, as the autosave leaves one (deleting a key that is not there
  // costs less).
  await new Promise((resolve) => { const tx = db.transaction('drafts', 'readwrite'); tx.objectStore('drafts').put({ key: 'comentario-guia:sis-gratuito', formId: 'comentario-guia', answers: { util: 'no', error: 'Formulario 0: el costo es otro y falta un paso.' }, updatedAt: new Date().toISOString() }); tx.oncomplete = resolve; });
  const add = (label, stores, write) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = label;
    button.addEventListener('click', (event) => {
      const t0 = event.timeStamp;
      window.__floor.dispatch.push(performance.now() - t0);
      const tx = db.transaction(stores, 'readwrite', { durability: 'strict' });
      const times = write(tx);
      tx.oncomplete = () => times.push(performance.now() - t0);
    });
    document.querySelector('form.form').append(button);
  };
  add('Floor', ['rows'], (tx) => { tx.objectStore('rows').add({ id: crypto.randomUUID(), sealed: 'x'.repeat(1000) }); return window.__floor.one; });
  add('Floor2', ['outbox', 'drafts'], (tx) => { tx.objectStore('outbox').add({ ...sample, id: crypto.randomUUID() }); tx.objectStore('drafts').delete('comentario-guia:sis-gratuito'); return window.__floor.withDraft; });
  add('Floor3', ['outbox'], (tx) => { tx.objectStore('outbox').add({ ...sample, id: crypto.randomUUID() }); return window.__floor.app; });
})()`;

/** Send → committed with nothing of the app in between (FLOOR_BUTTONS), at 4×: on the same form
 * screen, freshly opened, one tap on each kind of write. Taken after every measured save, so the
 * floor and Send share the machine's load as it drifts (measured as two blocks, one after the
 * other, Send ÷ floor moved from 1.02 to 1.33 between runs). */
export async function tapFloor(page: Page, formPath: string, tapMs: number): Promise<void> {
  await page.evaluate(`window.__save.nav('${formPath}')`);
  await page.getByRole('button', { name: 'Enviar' }).waitFor();
  await page.evaluate(FLOOR_BUTTONS);
  for (const [name, key] of [['Floor', 'one'], ['Floor2', 'withDraft'], ['Floor3', 'app']] as const) {
    const before = (await page.evaluate(`window.__floor.${key}.length`)) as number;
    await page.getByRole('button', { name, exact: true }).click({ delay: tapMs });
    await page.waitForFunction(`window.__floor.${key}.length > ${before}`, null, { timeout: 10_000 });
    await page.waitForTimeout(200);
  }
  await page.evaluate(`window.__save.nav('/')`);
}

/** Each floor's times (release → complete, ms), and the browser's tap → button handler times. */
export type FloorTimes = Record<'one' | 'withDraft' | 'app' | 'dispatch', number[]>;

export function readFloor(page: Page): Promise<FloorTimes> {
  return page.evaluate('({ one: window.__floor.one, withDraft: window.__floor.withDraft, app: window.__floor.app, dispatch: window.__floor.dispatch })') as Promise<FloorTimes>;
}
