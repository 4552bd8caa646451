// What the kiosk keeps in this browser, seen from the test's side: its two IndexedDB databases
// ('chaski', the catalogue; 'chaski-patron', drafts, outbox, receipts and the kiosk's identity),
// Web Storage and Cache Storage. Specs read it to prove what a patron cannot see (an answer left
// behind, a sealed outbox), and write it to stage what an older or hijacked app left there.
// Every IndexedDB access goes through `idb` below, the one place that opens a database.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { QueuedSubmission } from '../src/core/protocol';

/** An outbox row as the app stores it: src/data/patron-db.ts's OutboxRow, whose module needs
 * Vite's types, so the fields a spec reads are repeated here. */
export type OutboxRow = QueuedSubmission & { status: 'waiting' | 'rejected'; receipt: string; attempts: number; rejection?: { code: string; httpStatus?: number } };

const CATALOGUE_DB = 'chaski';
const PATRON_DB = 'chaski-patron';

/** Each store's rows, as JSON text made in the page (what a sealed payload's bytes look like to
 * JSON.stringify, not to Playwright's serializer). */
type StoreDump = Record<string, string>;

/** The one raw IndexedDB access: opens `db` in the page (never creating it), puts the `write`
 * rows, then reads every row of the `read` stores ('all': every store), in one transaction. A
 * database that does not exist yet reads as empty. */
async function idb(page: Page, db: string, { read = [], write = {} }: { read?: string[] | 'all'; write?: Record<string, unknown[]> }): Promise<StoreDump> {
  return page.evaluate(
    ({ db, read, write }) =>
      new Promise<StoreDump>((resolve, reject) => {
        const open = indexedDB.open(db);
        // Only fires for a database the app has not created: leave it uncreated.
        open.onupgradeneeded = () => open.transaction!.abort();
        open.onerror = () => (open.error?.name === 'AbortError' && Object.keys(write).length === 0 ? resolve({}) : reject(open.error));
        open.onsuccess = () => {
          const database = open.result;
          const reads = read === 'all' ? [...database.objectStoreNames] : read;
          const stores = [...new Set([...reads, ...Object.keys(write)])];
          const out: StoreDump = {};
          if (stores.length === 0) {
            database.close();
            return resolve(out);
          }
          const tx = database.transaction(stores, Object.keys(write).length > 0 ? 'readwrite' : 'readonly');
          for (const [store, rows] of Object.entries(write)) for (const row of rows) tx.objectStore(store).put(row);
          for (const store of reads) {
            const request = tx.objectStore(store).getAll();
            request.onsuccess = () => (out[store] = JSON.stringify(request.result));
          }
          tx.oncomplete = () => {
            database.close();
            resolve(out);
          };
          tx.onabort = () => {
            database.close();
            reject(tx.error);
          };
        };
      }),
    { db, read, write },
  );
}

function rows<T>(dump: StoreDump, store: string): T[] {
  return JSON.parse(dump[store] ?? '[]') as T[];
}

// ——— The patron database: outbox, drafts, receipts, the kiosk's own keys ———

/** The usage counters (one row per day), as stored: `revision` and `sentRevision` say whether
 * the server holds the latest counts. */
export async function usageRows(page: Page): Promise<Array<{ day: string; revision: number; sentRevision: number; counts: Record<string, unknown> }>> {
  return rows(await idb(page, PATRON_DB, { read: ['usage'] }), 'usage');
}

/** The submissions waiting in (or refused from) the outbox, as stored. */
export async function outboxRows(page: Page): Promise<OutboxRow[]> {
  return rows<OutboxRow>(await idb(page, PATRON_DB, { read: ['outbox'] }), 'outbox');
}

/** The drafts: a form's answers while the patron fills it (src/data/patron-db.ts DraftRow). */
export async function draftRows(page: Page): Promise<Array<{ key: string; formId: string; answers: Record<string, unknown>; submissionId?: string }>> {
  return rows(await idb(page, PATRON_DB, { read: ['drafts'] }), 'drafts');
}

/** Puts a row straight into the outbox, as an older (or broken) version of the app wrote it. */
export async function queueOutboxRow(page: Page, row: Record<string, unknown>): Promise<void> {
  await idb(page, PATRON_DB, { write: { outbox: [row] } });
}

/** One of the kiosk's own keys ('identity', 'lastPushAt' …) in the patron database, through
 * JSON (they hold strings and numbers). */
export async function kioskMeta<T>(page: Page, key: string): Promise<T | undefined> {
  const meta = rows<{ key: string; value: T }>(await idb(page, PATRON_DB, { read: ['kiosk'] }), 'kiosk');
  return meta.find((row) => row.key === key)?.value;
}

export async function setKioskMeta(page: Page, key: string, value: unknown): Promise<void> {
  await idb(page, PATRON_DB, { write: { kiosk: [{ key, value }] } });
}

/** Every value stored in the patron database, and the tab's sessionStorage, as one string to
 * search for what a patron typed. */
export async function patronDatabaseDump(page: Page): Promise<string> {
  const dump = await idb(page, PATRON_DB, { read: 'all' });
  return JSON.stringify(Object.fromEntries(Object.entries(dump).map(([store, json]) => [store, JSON.parse(json)]))) + (await page.evaluate(() => JSON.stringify({ ...sessionStorage })));
}

// ——— The catalogue database ———

/** Writes catalogue rows ({ guides: [...], meta: [...] }) as a server's sync would have. */
export async function putCatalogueRows(page: Page, write: Record<string, unknown[]>): Promise<void> {
  await idb(page, CATALOGUE_DB, { write });
}

// ——— Everything ———

/** Everything the app keeps in this browser, as one string to search: every IndexedDB database,
 * both Web Storages, and every response in Cache Storage. */
export async function everythingStored(page: Page): Promise<string> {
  const parts: string[] = [];
  for (const name of await page.evaluate(async () => (await indexedDB.databases()).map((info) => info.name!))) {
    parts.push(...Object.values(await idb(page, name, { read: 'all' })));
  }
  parts.push(
    ...(await page.evaluate(async () => {
      const out = [JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage })];
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) out.push(request.url, await (await cache.match(request))!.text());
      }
      return out;
    })),
  );
  return parts.join('\n');
}

// ——— Another app on the same disk ———

/** Writes random bytes into a database of its own until Chromium refuses even a byte more, as
 * photos or another app would fill a real kiosk's disk; returns the bytes written. Chromium counts
 * what a database holds by the size of its files, and IndexedDB compacts them in the background:
 * seconds after a fill the count can drop by tens of KB to a megabyte, room enough for a comment.
 * A spec that needs the disk full at a given write fills it again just before. */
export async function fillTheDisk(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('disk-filler', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('blocks');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    let written = 0;
    // Keys of their own on every call: a second call must add to the disk, not overwrite the
    // first call's blocks (which would free what it replaced).
    const call = crypto.randomUUID();
    // Down to single bytes: a patron's sealed comment is well under 1 KB, so room left below a
    // 1,000-byte block could take it.
    for (const size of [1_000_000, 64_000, 4_000, 1_000, 100, 10, 1]) {
      for (;;) {
        const bytes = Uint8Array.from({ length: size }, () => Math.floor(Math.random() * 256));
        const stored = await new Promise<boolean>((resolve) => {
          const tx = db.transaction('blocks', 'readwrite');
          tx.objectStore('blocks').put(bytes, `${call}:${written}`);
          tx.oncomplete = () => resolve(true);
          tx.onabort = () => resolve(false);
        });
        if (!stored) break;
        written += size;
      }
    }
    db.close();
    return written;
  });
}

/** What the kiosk says when its disk is full, in `lang`, from its own locale files: the banner
 * (`full`) and the form's message when a Send could not be stored (`sendFailed`). */
export function storageMessages(lang: 'es' | 'qu'): { full: string; sendFailed: string } {
  return (JSON.parse(readFileSync(new URL(`../locales/${lang}/common.json`, import.meta.url), 'utf8')) as { storage: { full: string; sendFailed: string } }).storage;
}

/** Deletes what `fillTheDisk` wrote. */
export async function freeTheDisk(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.deleteDatabase('disk-filler');
        request.onsuccess = () => resolve();
        request.onerror = () => reject(request.error);
      }),
  );
}
