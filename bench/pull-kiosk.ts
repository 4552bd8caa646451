// The kiosk side of bench/pull.ts: a fresh kiosk pulling the catalogue on its own schedule
// (src/sync/schedule.ts → pull.ts → catalog-apply.ts), observed, not changed. An init script wraps
// IDBDatabase.transaction and IDBObjectStore.put/get to timestamp each read-write transaction
// over `guides` (= one applyChangesPage) and its phases; Resource Timing gives each request's
// bytes and times, on the same clock. RAW_WRITE is the floor written in the same page.
import type { BrowserContext, Page } from 'playwright';
import { type ChangesPage, MAX_PAGE_LIMIT } from '../src/core/protocol';
import { waitUpdated } from './support';

// In-page instrumentation (a string, so the bundler's helpers never leak into the page).
export const INSTRUMENT = `(() => {
  const bench = { applies: [], longTasks: [], taps: [] };
  const byTx = new WeakMap();
  window.__pullBench = bench;
  performance.setResourceTimingBufferSize(100000);
  // Every task over 50 ms on the page's main thread (issue 19: none over 200 ms during a pull).
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) bench.longTasks.push({ start: e.startTime, duration: e.duration }); })
      .observe({ type: 'longtask', buffered: true });
  } catch {}
  // A tap answered: from the click's timestamp (when the input arrived, so time spent queued
  // behind a busy main thread counts) to the frame after its handlers ran (rAF, then a posted
  // message: after the frame's paint, as web-vitals do).
  addEventListener('click', (e) => {
    const t0 = e.timeStamp;
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => bench.taps.push({ at: t0, ms: performance.now() - t0 });
      channel.port2.postMessage(0);
    });
  }, true);
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (stores, mode, options) {
    const tx = transaction.call(this, stores, mode, options);
    const names = typeof stores === 'string' ? [stores] : Array.from(stores);
    if (this.name === 'chaski' && mode === 'readwrite' && names.includes('guides')) {
      const a = { start: performance.now(), cursorRead: 0, firstGuidePut: 0, lastGuidePut: 0, lastPut: 0, guides: 0, end: 0, ok: false };
      bench.applies.push(a);
      byTx.set(tx, a);
      // The same moments in a trace (bench/pull-trace.ts).
      performance.mark('bench-apply-start');
      tx.addEventListener('complete', () => { a.end = performance.now(); a.ok = true; performance.mark('bench-apply-end'); });
      tx.addEventListener('abort', () => { a.end = performance.now(); });
    }
    return tx;
  };
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (...args) {
    const a = byTx.get(this.transaction);
    const guide = a && this.name === 'guides';
    if (guide && !a.firstGuidePut) a.firstGuidePut = performance.now();
    const request = put.apply(this, args);
    if (a) a.lastPut = performance.now();
    if (guide) { a.lastGuidePut = a.lastPut; a.guides++; }
    return request;
  };
  // The cursor check: the first read in the transaction; its answer comes back when IndexedDB
  // has started the transaction (after any reader of the same stores) and fetched the row. The
  // app sends the page's puts without waiting for it (and rolls back if the cursor moved).
  const get = IDBObjectStore.prototype.get;
  IDBObjectStore.prototype.get = function (...args) {
    const a = byTx.get(this.transaction);
    const request = get.apply(this, args);
    if (a && !a.cursorRead) request.addEventListener('success', () => { a.cursorRead ||= performance.now(); });
    return request;
  };
})();`;

export interface Apply { start: number; cursorRead: number; firstGuidePut: number; lastGuidePut: number; lastPut: number; guides: number; end: number; ok: boolean }
export interface RawWrite { ms: number; issued: number; rows: number }
export interface Timing { name: string; startTime: number; responseStart: number; responseEnd: number; encodedBodySize: number; transferSize: number; decodedBodySize: number }
export interface Fetched { url: string; encoding: string; body: Buffer }

const applies = (page: Page) => page.evaluate('window.__pullBench.applies') as Promise<Apply[]>;
export const changesTimings = (page: Page) =>
  page.evaluate(`performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/')).map((e) =>
    ({ name: e.name, startTime: e.startTime, responseStart: e.responseStart, responseEnd: e.responseEnd,
       encodedBodySize: e.encodedBodySize, transferSize: e.transferSize, decodedBodySize: e.decodedBodySize }))`) as Promise<Timing[]>;

// The same rows the app stored (read back from the live 'chaski' database), written with plain
// put() into a fresh database with the app's own object stores and indexes (copied from
// 'chaski'): in one transaction (the budget's baseline), in transactions of the app's page size
// (what the page split alone costs), and without indexes. The budget's floor (issue 19) is the
// catalogue's own rows written without any index and without the search index's rows
// (searchChunks): everything the app adds to storing the records counts against it.
export const SEARCH_STORE = 'searchChunks';
export const RAW_WRITE = (withIndexes: boolean, batch: number, withSearchRows = withIndexes) => `(async () => {
  const req = (r) => new Promise((ok, ko) => { r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error); });
  const done = (tx) => new Promise((ok, ko) => { tx.oncomplete = () => ok(); tx.onabort = () => ko(tx.error); });
  if (!window.__rows) {
    const app = await req(indexedDB.open('chaski'));
    const names = Array.from(app.objectStoreNames);
    const tx = app.transaction(names, 'readonly');
    window.__schema = names.map((n) => { const s = tx.objectStore(n); return { name: n, keyPath: s.keyPath,
      indexes: Array.from(s.indexNames).map((i) => { const x = s.index(i); return { name: i, keyPath: x.keyPath, multiEntry: x.multiEntry, unique: x.unique }; }) }; });
    window.__rows = (await Promise.all(names.map(async (n) => (await req(tx.objectStore(n).getAll())).map((row) => [n, row])))).flat();
    app.close();
  }
  const name = 'bench-raw-write';
  await req(indexedDB.deleteDatabase(name));
  const open = indexedDB.open(name, 1);
  open.onupgradeneeded = () => { for (const s of window.__schema) { const store = open.result.createObjectStore(s.name, { keyPath: s.keyPath });
    if (${withIndexes}) for (const i of s.indexes) store.createIndex(i.name, i.keyPath, { multiEntry: i.multiEntry, unique: i.unique }); } };
  const db = await req(open);
  const rows = ${withSearchRows} ? window.__rows : window.__rows.filter(([store]) => store !== '${SEARCH_STORE}');
  let issued = 0;
  const start = performance.now();
  for (let from = 0; from < rows.length; from += ${batch}) {
    const before = performance.now();
    performance.mark('bench-raw-start');
    const tx = db.transaction(window.__schema.map((s) => s.name), 'readwrite');
    for (const [store, row] of rows.slice(from, from + ${batch})) tx.objectStore(store).put(row);
    issued += performance.now() - before;
    await done(tx);
    performance.mark('bench-raw-end');
  }
  const ms = performance.now() - start;
  db.close();
  await req(indexedDB.deleteDatabase(name));
  return { ms, issued, rows: rows.length };
})()`;

/** The feed pages the kiosk fetched, asked again from Node once its pull is over (the feed at a
 * cursor does not change while nothing is published; Chromium also offers zstd, and the server
 * answers br to both).
 * Reading them from Chromium during the pull (CDP Network.getResponseBody, ~1.5 MB a page) moved
 * them through DevTools while the app wrote the next page: in a trace, ~110 ms of the browser's
 * main thread inside the app's transactions of one 5,000-guide pull, and none inside the raw
 * write it is compared with (docs/architecture.md). */
export async function refetch(timings: Timing[]): Promise<Fetched[]> {
  return Promise.all(timings.map(async ({ name }) => {
    const response = await fetch(name, { headers: { accept: 'application/json', 'accept-encoding': 'gzip, deflate, br' } });
    if (!response.ok) throw new Error(`${name} answered ${response.status} when asked again`);
    return { url: name, encoding: response.headers.get('content-encoding') ?? 'identity', body: Buffer.from(await response.arrayBuffer()) };
  }));
}

/** Asks the server for every page of the feed, as the kiosk will (the same URLs, limit and
 * encoding: the server's page cache is keyed by them, so test/server/kiosk-client.ts's `feed`,
 * which asks differently, would not warm it), before a kiosk pulls. A real
 * server is another machine: building and compressing a page costs the kiosk nothing. Here it
 * shares the two cores, and the first kiosk to ask for a page made the server compress it while
 * the kiosk wrote the page before (~1 s of the server's CPU inside a 20,000-guide pull, against
 * ~40 ms once its page cache held them, src/server/page-cache.ts). */
export async function warmFeed(url: string): Promise<void> {
  let since: string | undefined;
  for (;;) {
    const target = new URL('/api/v1/changes', url);
    if (since) target.searchParams.set('since', since);
    target.searchParams.set('limit', String(MAX_PAGE_LIMIT));
    const response = await fetch(target, { headers: { accept: 'application/json', 'accept-encoding': 'br' } });
    if (!response.ok) throw new Error(`${target.href} answered ${response.status} while warming the feed`);
    const page = (await response.json()) as ChangesPage;
    if (!page.more) return;
    since = page.cursor;
  }
}

export interface Tap { at: number; ms: number }
export interface LongTask { start: number; duration: number }
export interface KioskPull { page: Page; pages: Fetched[]; timings: Timing[]; apiRequests: number; txs: Apply[]; taps: Tap[]; longTasks: LongTask[] }

// A patron touching the screen while the catalogue arrives: the language switch (always on
// screen) is pressed every TAP_EVERY_MS until the pull is done, alternating languages.
const TAP_EVERY_MS = 1_000;

async function tapWhile(page: Page, pulling: () => boolean): Promise<void> {
  while (pulling()) {
    await new Promise((r) => setTimeout(r, TAP_EVERY_MS));
    if (!pulling()) break;
    // The button of the language not shown: a real change on screen, not a no-op.
    await page.locator('button[lang][aria-pressed="false"]').first().click({ timeout: 60_000 }).catch(() => undefined);
  }
}

/** A fresh kiosk (new profile) opens the app and pulls the whole catalogue on its own schedule. */
export async function kioskPull(context: BrowserContext, url: string, count: number): Promise<KioskPull> {
  await context.addInitScript({ content: INSTRUMENT });
  const page = await context.newPage();
  await page.goto(url);
  let pulling = true;
  const tapping = tapWhile(page, () => pulling);
  try {
    await waitUpdated(page, 600_000);
  } finally {
    pulling = false;
    await tapping;
  }
  const all = await changesTimings(page);
  const timings = all.filter((t) => t.name.includes('/api/v1/changes'));
  const pages = await refetch(timings);
  const cursor = (JSON.parse(pages.at(-1)!.body.toString('utf8')) as ChangesPage).cursor;
  const stored = (await page.evaluate(`(async () => { const r = indexedDB.open('chaski'); await new Promise((ok) => r.onsuccess = ok);
    const tx = r.result.transaction(['guides', 'meta'], 'readonly'); const req = (q) => new Promise((ok) => q.onsuccess = () => ok(q.result));
    const out = { guides: await req(tx.objectStore('guides').count()), cursor: (await req(tx.objectStore('meta').get('cursor')))?.value }; r.result.close(); return out; })()`)) as { guides: number; cursor: string };
  if (stored.guides !== count || stored.cursor !== cursor) throw new Error(`kiosk holds ${stored.guides} guides at cursor ${stored.cursor}, expected ${count} at ${cursor}`);
  const { taps, longTasks } = (await page.evaluate('({ taps: window.__pullBench.taps, longTasks: window.__pullBench.longTasks })')) as { taps: Tap[]; longTasks: LongTask[] };
  return { page, pages, timings, apiRequests: all.length, txs: (await applies(page)).filter((a) => a.ok), taps, longTasks };
}
