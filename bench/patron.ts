// What a patron waits for: results while typing in the search box (5,000 guides), and Send →
// outbox, plus how fast the outbox drains over a slow link. Real server, real Chromium, the built
// app. In-page probes are plain JS strings: tsx rewrites functions (`__name`) in ways that break
// when Playwright serialises them into the page.
import { readFileSync, rmSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright';
import { MAX_SUBMISSION_BATCH } from '../src/core/protocol';
import { ADMIN_TOKEN, type BenchSection, ENROLL_CODE, type Figure, generateContent, launchChromium, percentile, ROOT, round, type RunningServer, startChaski, throttleCpu } from './support';

const es = JSON.parse(readFileSync(join(ROOT, 'locales/es/common.json'), 'utf8')) as { common: { loading: string } };

// What patrons type for services. The generated guides (support.ts generatedGuide) index the
// service and place in the title, and fixed Spanish/Quechua summary words, so "tramite", "qullqi",
// "kuraq runakuna" match all 5,000; "dni", "sis", "pension 65", "punopi" 500 each; "partida de
// nacimiento", "hampikuy", "yuyaq", "llamk'ay" none. Most first letters ("p", "d", "q", "h")
// match every guide through some summary word.
const QUERIES = [
  'dni', 'dni duplicado', 'partida de nacimiento', 'pension 65', 'sis', 'seguro sis', 'beca 18', 'juntos', 'cuna mas', 'contigo',
  'ruc', 'onp jubilacion', 'cul', 'tramite cusco', 'puno', 'cuanto cuesta', 'antecedentes', 'dni cusco',
  'paqarimuy qillqa', 'hampikuy', 'yuyaq', "llamk'ay", 'qullqi', "hayk'a qullqi", 'kuraq runakuna', 'punopi', 'ruranapaq', 'imaynata', 'wawa', 'yachay',
];
const KEY_TIMEOUT_MS = 30_000;

/** Timings on a shared machine: say how busy it was. */
const machineLoad = () => `load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores when measured`;

// Search "rendered" signal. A keystroke replaces the URL (?q=prefix); the search screen's effect
// sets its live query to loading ("Cargando…", the previous list stays) and runs searchGuides;
// when the IndexedDB scan answers, Preact renders the count and the list in one commit. So a
// prefix is rendered at the first DOM mutation, after a loading state seen since its keydown, in
// which the status is no longer loading and the URL holds the prefix; we then wait for the next
// frame (rAF, then a posted message: after the frame's paint, as web-vitals do). Keys are typed
// one at a time, each after the previous prefix rendered, so no earlier query can be mistaken for
// it. Start = the keydown's event timestamp (same clock as performance.now()). The probe also
// notes when the words-index cursor ran, to split IndexedDB time from rendering.
const SEARCH_PROBE = `(() => {
  const LOADING = ${JSON.stringify(es.common.loading)};
  let armed = null;
  window.__bench = {
    arm(prefix) { armed = { prefix, sawLoading: false }; armed.done = new Promise((r) => (armed.resolve = r)); },
    wait(ms) { const a = armed; return Promise.race([a.done, new Promise((r) => setTimeout(() => r(null), ms))]); },
  };
  addEventListener('keydown', (e) => { if (armed && armed.t0 === undefined) armed.t0 = e.timeStamp; }, true);
  const idx = IDBIndex.prototype.openCursor;
  IDBIndex.prototype.openCursor = function (...args) {
    const request = idx.apply(this, args);
    const a = armed;
    if (a && a.t0 !== undefined && this.name === 'words') {
      a.idbStart ??= performance.now();
      request.addEventListener('success', () => { if (request.result === null) a.idbEnd = performance.now(); });
    }
    return request;
  };
  const check = () => {
    const a = armed;
    if (!a || a.t0 === undefined || a.finished) return;
    const status = document.querySelector('main .count')?.textContent ?? '';
    if (status === LOADING) { a.sawLoading = true; return; }
    if (!a.sawLoading || (new URL(location.href).searchParams.get('q') ?? '') !== a.prefix) return;
    a.finished = true;
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => a.resolve({ ms: performance.now() - a.t0, idb: a.idbEnd && a.idbStart ? a.idbEnd - a.idbStart : null, status });
      channel.port2.postMessage(0);
    });
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
})();`;

// What the words index costs for the one-letter prefix "c", read raw: primary keys only, and
// whole rows (what searchGuides's cursor deserialises, one row per matching word).
const RAW_PREFIX_PROBE = `new Promise((resolve) => {
  const open = indexedDB.open('chaski');
  open.onsuccess = () => {
    const db = open.result;
    const index = () => db.transaction('guides').objectStore('guides').index('words');
    const range = IDBKeyRange.bound('c', 'c\\uffff');
    let start = performance.now();
    const keys = index().getAllKeys(range);
    keys.onsuccess = () => {
      const keysMs = performance.now() - start;
      start = performance.now();
      const rows = index().getAll(range);
      rows.onsuccess = () => { db.close(); resolve({ keysMs, rowsMs: performance.now() - start, entries: keys.result.length, guides: new Set(keys.result).size }); };
    };
  };
})`;

/** Runs `use` with the server on `contentDir` (the real catalogue if omitted) and Chromium,
 * then stops both, whatever happens. */
async function withChaski<T>(contentDir: string | undefined, use: (server: RunningServer, browser: Browser) => Promise<T>): Promise<T> {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await startChaski({ contentDir });
    browser = await launchChromium();
    return await use(server, browser);
  } finally {
    await browser?.close();
    await server?.stop();
    if (contentDir) rmSync(contentDir, { recursive: true, force: true });
  }
}

/** Waits until the status bar says the catalogue was updated and no sync is running. */
async function waitUpdated(page: Page, timeout = 300_000): Promise<void> {
  await page.waitForFunction(
    `document.querySelector('[data-testid=freshness]')?.textContent?.startsWith('Guías actualizadas') && !document.querySelector('.status-bar button')?.textContent?.includes('Actualizando')`,
    null,
    { timeout, polling: 250 },
  );
}

export const searchSection: BenchSection = {
  id: 'search',
  title: 'Search as you type over 5,000 guides (4× CPU slowdown)',
  async run() {
    const command = 'npm run bench search';
    return withChaski(generateContent(5000), async (server, browser) => {
      const context = await browser.newContext({ baseURL: server.url });
      const page = await context.newPage();
      await page.addInitScript({ content: SEARCH_PROBE });
      await page.goto('/');
      await page.waitForFunction(
        `new Promise((resolve) => { const open = indexedDB.open('chaski'); open.onsuccess = () => { const db = open.result; try { const r = db.transaction('guides').objectStore('guides').count(); r.onsuccess = () => { db.close(); resolve(r.result === 5000); }; } catch { db.close(); resolve(false); } }; })`,
        null,
        { timeout: 300_000, polling: 1000 },
      );
      await waitUpdated(page);
      await throttleCpu(context, page);
      const input = page.locator('#search-input');
      // Onto the search screen without a reload (which would start another sync).
      await input.fill('x');
      await input.fill('');
      const keys: Array<{ prefix: string; ms: number; idb: number | null }> = [];
      let timeouts = 0;
      for (const query of QUERIES) {
        await input.fill('');
        await page.waitForURL((url) => url.pathname === '/buscar' && !url.searchParams.has('q'));
        let prefix = '';
        for (const key of query) {
          prefix += key;
          await page.evaluate(`window.__bench.arm(${JSON.stringify(prefix)})`);
          await page.keyboard.type(key);
          const result = (await page.evaluate(`window.__bench.wait(${KEY_TIMEOUT_MS})`)) as { ms: number; idb: number | null } | null;
          if (!result) {
            // Counted at the timeout (an underestimate); let the query finish before the next key.
            timeouts++;
            await page.waitForFunction(`document.querySelector('main .count')?.textContent !== ${JSON.stringify(es.common.loading)}`, null, { timeout: 300_000 });
          }
          keys.push({ prefix, ms: result?.ms ?? KEY_TIMEOUT_MS, idb: result?.idb ?? null });
          if (process.env.BENCH_VERBOSE) console.error(`  search ${JSON.stringify(prefix)}: ${Math.round(result?.ms ?? -1)} ms (cursor ${Math.round(result?.idb ?? -1)} ms)`);
        }
      }
      const load = machineLoad();
      const raw = (await page.evaluate(RAW_PREFIX_PROBE)) as { keysMs: number; rowsMs: number; entries: number; guides: number };
      // searchGuides scans the index for the longest typed word: a one- or two-letter word
      // matches a word of nearly every guide, so that is where the time goes.
      const longest = (prefix: string) => Math.max(...prefix.split(/\s+/).map((w) => w.replace(/'/g, '').length));
      const ms = (filter: (k: (typeof keys)[number]) => boolean) => keys.filter(filter).map((k) => k.ms);
      const f = (name: string, value: number, unit: string, note?: string): Figure => ({ section: 'Search (patron)', name, value, unit, command, ...(note ? { note } : {}) });
      return [
        f('keystroke → results rendered, p50 (4× CPU)', round(percentile(ms(() => true), 50), 0), 'ms'),
        f('keystroke → results rendered, p95 (4× CPU)', round(percentile(ms(() => true), 95), 0), 'ms', load),
        f('keystroke → results rendered, max (4× CPU)', round(Math.max(...ms(() => true)), 0), 'ms', timeouts ? `${timeouts} keystrokes hit the ${KEY_TIMEOUT_MS} ms timeout and count as that` : undefined),
        f('keystrokes measured', keys.length, 'keys', `${QUERIES.length} queries, Spanish and Quechua, each key after the previous prefix rendered`),
        f('p50 when the longest word typed has 1 letter', round(percentile(ms((k) => longest(k.prefix) === 1), 50), 0), 'ms'),
        f('p50 when the longest word typed has 2 letters', round(percentile(ms((k) => longest(k.prefix) === 2), 50), 0), 'ms'),
        f('p50 when the longest word typed has 3+ letters', round(percentile(ms((k) => longest(k.prefix) >= 3), 50), 0), 'ms'),
        f('app: keystroke "c" → rendered, median', round(percentile(ms((k) => k.prefix === 'c'), 50), 0), 'ms'),
        f('raw IndexedDB: primary keys for prefix "c" (getAllKeys)', round(raw.keysMs, 0), 'ms', `${raw.entries} index entries, ${raw.guides} guides`),
        f('raw IndexedDB: whole rows for prefix "c" (getAll)', round(raw.rowsMs, 0), 'ms'),
        f('share of keystroke latency spent in the words-index cursor, median', round(percentile(keys.filter((k) => k.idb !== null).map((k) => k.idb! / k.ms), 50) * 100, 0), '%'),
      ];
    });
  },
};

/** A loopback TCP proxy adding `oneWayMs` to every chunk in each direction (so 75 → 150 ms of
 * round trip; TCP handshakes stay free, as on a kept-alive link). `down` refuses API requests.
 * It logs each request line it sees, to count round trips. */
class SlowLink {
  oneWayMs = 0;
  down = false;
  connections = 0;
  /** `at`: the request reached the proxy; `answeredAt`: the server's first byte did. */
  readonly requests: Array<{ at: number; line: string; answeredAt?: number }> = [];
  private readonly sockets = new Set<Socket>();
  private readonly server = createServer((client) => this.handle(client));

  constructor(private readonly targetPort: number) {}

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    return `http://localhost:${typeof address === 'object' && address ? address.port : 0}`;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(client: Socket) {
    this.connections++;
    const upstream = connect(this.targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        this.sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    const open: Array<(typeof this.requests)[number]> = [];
    this.pipe(client, upstream, open);
    this.pipe(upstream, client);
    upstream.on('data', () => {
      const answered = open.shift();
      if (answered) answered.answeredAt = Date.now();
    });
  }

  /** Forwards in order, each chunk `oneWayMs` after it arrived. */
  private pipe(from: Socket, to: Socket, open?: Array<(typeof this.requests)[number]>) {
    const queue: Array<[number, Buffer]> = [];
    let ended = false;
    let timer: NodeJS.Timeout | undefined;
    const flush = () => {
      timer = undefined;
      while (queue.length > 0 && queue[0]![0] <= Date.now()) if (!to.destroyed) to.write(queue.shift()![1]);
      if (queue.length > 0) timer = setTimeout(flush, queue[0]![0] - Date.now());
      else if (ended && !to.destroyed) to.end();
    };
    from.on('data', (chunk: Buffer) => {
      const line = open ? /^(GET|POST|PUT|DELETE|HEAD|OPTIONS) (\S+)/.exec(chunk.toString('latin1', 0, 200)) : null;
      if (line && this.down && line[2]!.startsWith('/api/')) return void from.resetAndDestroy();
      if (line) {
        const entry = { at: Date.now(), line: `${line[1]} ${line[2]!.split('?')[0]}` };
        this.requests.push(entry);
        open!.push(entry);
      }
      queue.push([Date.now() + this.oneWayMs, chunk]);
      timer ??= setTimeout(flush, this.oneWayMs);
    });
    from.on('end', () => {
      ended = true;
      timer ??= setTimeout(flush, 0);
    });
  }
}

// Save probe. Start = the Send click's event timestamp. "Committed" = the `complete` event of the
// read-write IndexedDB transaction that adds the outbox row (Dexie opens it with strict
// durability: complete fires once the write is flushed to disk). "Receipt" = the frame after the
// receipt code appears. WebCrypto calls are timed to split the sealing step out.
const SAVE_PROBE = `(() => {
  const log = window.__save = { clicks: [], subtle: [], tx: [], gets: [], painted: [], pending: 0, lastInput: 0 };
  addEventListener('click', (e) => { if (e.target instanceof Element && e.target.closest('button[type=submit]')) log.clicks.push(e.timeStamp); }, true);
  for (const type of ['input', 'change']) addEventListener(type, () => (log.lastInput = performance.now()), true);
  for (const name of ['importKey', 'generateKey', 'deriveBits', 'deriveKey', 'encrypt', 'exportKey']) {
    const original = SubtleCrypto.prototype[name];
    SubtleCrypto.prototype[name] = function (...args) {
      const entry = { name, start: performance.now() };
      log.subtle.push(entry);
      return original.apply(this, args).then((value) => { entry.end = performance.now(); return value; });
    };
  }
  const get = IDBObjectStore.prototype.get;
  IDBObjectStore.prototype.get = function (...args) {
    const request = get.apply(this, args);
    const entry = { store: this.name, start: performance.now() };
    log.gets.push(entry);
    request.addEventListener('success', () => (entry.end = performance.now()));
    return request;
  };
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (names, mode, ...rest) {
    const tx = transaction.call(this, names, mode, ...rest);
    if (mode === 'readwrite') {
      const entry = { db: this.name, stores: Array.from(typeof names === 'string' ? [names] : names).join(','), start: performance.now() };
      log.tx.push(entry);
      log.pending++;
      const done = () => { entry.end = performance.now(); log.pending--; };
      tx.addEventListener('complete', done);
      tx.addEventListener('abort', done);
    }
    return tx;
  };
  let seen = false;
  new MutationObserver(() => {
    const code = document.querySelector('[data-testid=receipt-code]');
    if (code && !seen) requestAnimationFrame(() => { const c = new MessageChannel(); c.port1.onmessage = () => log.painted.push(performance.now()); c.port2.postMessage(0); });
    seen = !!code;
  }).observe(document, { subtree: true, childList: true });
  log.nav = (path) => { history.pushState(null, '', path); dispatchEvent(new Event('chaski:navigate')); };
  // The draft autosave (400 ms after the last input) has run and no write is in flight.
  log.idle = (quiet) => new Promise((resolve, reject) => {
    const deadline = performance.now() + 30000;
    const tick = () => (log.pending === 0 && performance.now() - log.lastInput > quiet ? resolve(true) : performance.now() > deadline ? reject(new Error('a write never finished')) : setTimeout(tick, 20));
    tick();
  });
  log.result = () => new Promise((resolve, reject) => {
    const deadline = performance.now() + 60000;
    const tick = () => {
      if (performance.now() > deadline) return reject(new Error('save not measured: ' + JSON.stringify({ clicks: log.clicks.slice(-1), tx: log.tx.slice(-3), gets: log.gets.slice(-4), painted: log.painted.slice(-2) })));
      const t0 = log.clicks.at(-1);
      const tx = log.tx.find((t) => t.start > t0 && t.db === 'chaski-patron' && t.stores.includes('outbox'));
      const painted = log.painted.find((t) => t > t0);
      if (!tx || tx.end === undefined || painted === undefined) return void setTimeout(tick, 20);
      const seal = log.subtle.filter((s) => s.start > t0 && s.end <= tx.start);
      const sealStart = Math.min(...seal.map((s) => s.start)), sealEnd = Math.max(...seal.map((s) => s.end));
      const key = log.gets.find((g) => g.start > t0 && g.store === 'meta');
      const receipt = log.gets.find((g) => g.start > tx.end && g.store === 'outbox');
      if (!key || !receipt || receipt.end === undefined) return void setTimeout(tick, 20);
      resolve({ committed: tx.end - t0, receipt: painted - t0, toKeyRead: key.start - t0, keyRead: key.end - key.start, toSeal: sealStart - key.end, seal: sealEnd - sealStart,
        toTx: tx.start - sealEnd, tx: tx.end - tx.start, toReceiptRead: receipt.start - tx.end, receiptRead: receipt.end - receipt.start, toPaint: painted - receipt.end, sealCalls: seal.length });
    };
    tick();
  });
})();`;

// One IndexedDB transaction adding one ~1 KB row, strict against relaxed durability: how much of
// the save is the flush to disk.
const DURABILITY_PROBE = `(async () => {
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

const OUTBOX_DRAINED = `new Promise((resolve) => {
  const open = indexedDB.open('chaski-patron');
  open.onsuccess = () => {
    const tick = () => { const r = open.result.transaction('outbox').objectStore('outbox').count(); r.onsuccess = () => (r.result === 0 && !document.querySelector('.status-bar button')?.textContent?.includes('Actualizando') ? (open.result.close(), resolve(true)) : setTimeout(tick, 10)); };
    tick();
  };
})`;

interface Save {
  committed: number; receipt: number; sealCalls: number;
  // The phases, in order: they add up to `receipt`.
  toKeyRead: number; keyRead: number; toSeal: number; seal: number; toTx: number; tx: number; toReceiptRead: number; receiptRead: number; toPaint: number;
}

const FORM = 'comentario-guia';
const MEASURED = 40;
const QUEUED = 100;
const ONE_WAY_MS = 75;

async function saveOne(page: Page, i: number, quietMs: number): Promise<Save> {
  await page.evaluate(`window.__save.nav('/formulario/${FORM}?guia=sis-gratuito')`);
  await page.getByRole('group', { name: /Le sirvió esta guía/ }).getByLabel(i % 3 ? 'Sí' : 'No').check();
  await page.getByLabel(/Hay algo equivocado/).fill(`Formulario ${i}: el costo es otro y falta un paso.`);
  await page.evaluate(`window.__save.idle(${quietMs})`);
  await page.getByRole('button', { name: 'Enviar' }).click();
  return (await page.evaluate('window.__save.result()')) as Save;
}

async function offline(context: BrowserContext, link: SlowLink, value: boolean) {
  link.down = value;
  await context.setOffline(value);
}

export const outboxSection: BenchSection = {
  id: 'outbox',
  title: 'Send → outbox (4× CPU slowdown), and draining 100 over a 150 ms round trip',
  async run() {
    const command = 'npm run bench outbox';
    return withChaski(undefined, async (server, browser) => {
      const link = new SlowLink(Number(new URL(server.url).port));
      try {
        return await measureOutbox(server.url, link, await browser.newContext({ baseURL: await link.start() }), command);
      } finally {
        await link.stop();
      }
    });
  },
};

async function measureOutbox(serverUrl: string, link: SlowLink, context: BrowserContext, command: string): Promise<Figure[]> {
  // The kiosk is served and enrolled through the proxy, so every API call crosses it.
  const page = await context.newPage();
  await page.addInitScript({ content: SAVE_PROBE });
  await page.goto('/');
  await waitUpdated(page);
  await page.goto('/kiosco');
  await page.getByLabel('Código de registro').fill(ENROLL_CODE);
  await page.getByLabel('Nombre de la biblioteca').fill('Biblioteca Municipal de Urcos');
  await page.getByLabel('PIN del bibliotecario (4 a 8 números)').fill('4821');
  await page.getByLabel('Repita el PIN').fill('4821');
  await page.getByRole('button', { name: 'Registrar' }).click();
  await page.getByText('Este equipo está registrado para').waitFor();
  await waitUpdated(page);

  // (a) Saves while offline, so no push runs meanwhile; the rest of the 100 unthrottled.
  await offline(context, link, true);
  await throttleCpu(context, page);
  const saves: Save[] = [];
  for (let i = 0; i < QUEUED; i++) {
    if (i === MEASURED) await throttleCpu(context, page, 1);
    // Measured saves wait for the draft autosave first, as a patron who pauses before Send.
    const save = await saveOne(page, i, i < MEASURED ? 500 : 0);
    if (i < MEASURED) saves.push(save);
    if (process.env.BENCH_VERBOSE) console.error(`  save ${i}: committed ${Math.round(save.committed)} ms, receipt ${Math.round(save.receipt)} ms`);
  }
  await throttleCpu(context, page);
  const load = machineLoad();
  const durability = (await page.evaluate(DURABILITY_PROBE)) as { strict: number[]; relaxed: number[] };
  await throttleCpu(context, page, 1);

  // (b) Back online through a 150 ms round trip: time until the server holds all 100.
  await page.evaluate('window.__save.idle(300)');
  link.oneWayMs = ONE_WAY_MS;
  link.requests.length = 0;
  const connectionsBefore = link.connections;
  const started = Date.now();
  await offline(context, link, false);
  // Done when the outbox is empty and the sync (push, then pull) has finished. The server
  // commits a batch before it answers, so it held all 100 when the last push answer left it
  // (checked below through the admin API; polling it meanwhile would compete with PGlite).
  const kioskAt = await Promise.race([page.evaluate(OUTBOX_DRAINED).then(() => Date.now()), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the outbox did not drain in 2 minutes')), 120_000))]);
  const stored = (await (await fetch(`${serverUrl}/api/v1/admin/submissions?form=${FORM}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json()) as { submissions: unknown[] };
  if (stored.submissions.length !== QUEUED) throw new Error(`server holds ${stored.submissions.length} submissions, expected ${QUEUED}`);
  const drain = link.requests.filter((r) => r.at <= kioskAt);
  const pushes = drain.filter((r) => r.line === 'POST /api/v1/submissions');
  const posts = pushes.length;
  const serverDone = Math.max(...pushes.map((r) => r.answeredAt ?? Number.NaN));
  const pulls = drain.filter((r) => r.line === 'GET /api/v1/changes').length;
  const rtt = 2 * ONE_WAY_MS;
  const pushFloor = Math.ceil(QUEUED / MAX_SUBMISSION_BATCH) * rtt;
  const syncFloor = pushFloor + rtt;
  const timeline = drain.map((r) => `${r.line} at +${r.at - started} ms (server ${r.answeredAt ? r.answeredAt - r.at - ONE_WAY_MS : '?'} ms)`).join('; ');
  const med = (key: keyof Save) => round(percentile(saves.map((s) => s[key]), 50), 1);
  const f = (name: string, value: number, unit: string, extra: Partial<Figure> = {}): Figure => ({ section: 'Outbox (patron)', name, value, unit, command, ...extra });
  return [
    f('Send → outbox row committed, p95 (4× CPU)', round(percentile(saves.map((s) => s.committed), 95), 1), 'ms', { budget: { limit: 50, lowerIsBetter: true }, note: load }),
    f('Send → outbox row committed, p50 (4× CPU)', med('committed'), 'ms'),
    f('Send → receipt on screen, p95 (4× CPU)', round(percentile(saves.map((s) => s.receipt), 95), 1), 'ms'),
    f('Send → receipt on screen, p50 (4× CPU)', med('receipt'), 'ms'),
    f('saves measured', saves.length, 'saves', { note: `form ${FORM}, offline, sealed (${saves[0]?.sealCalls ?? 0} WebCrypto calls each)` }),
    ...(
      [
        ['click → server key read starts (submit handler)', 'toKeyRead'],
        ['server key read (IndexedDB get on meta)', 'keyRead'],
        ['key read → sealing starts', 'toSeal'],
        ['sealing (WebCrypto ECDH + HKDF + AES-GCM)', 'seal'],
        ['sealed → outbox transaction opened', 'toTx'],
        ['outbox transaction, add + draft delete (strict durability)', 'tx'],
        ['committed → receipt read starts (navigate, render, effect)', 'toReceiptRead'],
        ['receipt read (IndexedDB get on outbox)', 'receiptRead'],
        ['receipt read → receipt painted', 'toPaint'],
      ] as const
    ).map(([label, key]) => f(`save phase: ${label}, median`, med(key), 'ms')),
    f('one-row IndexedDB transaction, strict durability, median (4× CPU)', round(percentile(durability.strict, 50), 1), 'ms'),
    f('one-row IndexedDB transaction, relaxed durability, median (4× CPU)', round(percentile(durability.relaxed, 50), 1), 'ms'),
    f('drain of 100 queued: online → server holds all', serverDone - started, 'ms', { note: timeline }),
    f(`drain floor: push round trips (${QUEUED} / ${MAX_SUBMISSION_BATCH} per request) × ${rtt} ms`, pushFloor, 'ms'),
    f('drain / floor', round((serverDone - started) / pushFloor, 2), '×'),
    f('drain + pull: online → outbox empty, sync finished', kioskAt - started, 'ms'),
    f(`sync floor: (pushes + 1 pull) × ${rtt} ms`, syncFloor, 'ms'),
    f('sync / floor', round((kioskAt - started) / syncFloor, 2), '×'),
    f('HTTP requests during the drain', drain.length, 'requests', { note: `${posts} POST submissions, ${pulls} GET changes, ${link.connections - connectionsBefore} new TCP connections` }),
  ];
}
