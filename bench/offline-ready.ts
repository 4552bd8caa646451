// Time to offline-ready on a rural link (issue 19): a fresh kiosk (new Chromium profile) opens
// the app through test/rural-link.ts (1 Mbit/s, 300 ms round trip; then a satellite link, 600 ms
// and 2 % loss), and the clock runs from the first navigation until the kiosk could lose the
// line and keep working: the service worker installed, activated and controlling the page (its
// precache complete), the whole catalogue pulled and stored (`lastPullAt`, written with the
// feed's last page), and the server's sealing key stored (`serverKey`, which seals what patrons
// send while offline). Then the line is cut for real and the kiosk reloads, opens a guide and a
// form: a run that cannot do that fails the section.
//
// The floor is what the link cannot beat: the bytes that crossed it ÷ its bandwidth, plus the
// round trips the protocol must wait for one after another (the handshake, the page, its
// scripts, then the longer of the feed's pages in sequence and the worker's script followed by
// its precache in parallel). Loss is not in the floor: it is the link's, not the app's.
import type { Browser, Page } from 'playwright';
import { type LinkProfile, LOOPBACK, RURAL_DSL, RuralLink, SATELLITE } from '../test/rural-link';
import { type BenchSection, type Figure, machineLoad, median, round, withChaski } from './support';

const SECTION = 'Offline-ready on a rural link';
const COMMAND = 'npm run bench offline-ready';
const RUNS = Number(process.env.BENCH_OFFLINE_READY_RUNS ?? 3);
const TIMEOUT_MS = Number(process.env.BENCH_OFFLINE_READY_TIMEOUT ?? 240_000);

/** What the kiosk has stored, read from the page (IndexedDB `chaski`, the worker's state). */
const PROBE = `(async () => {
  const sw = Boolean(navigator.serviceWorker.controller) && (await navigator.serviceWorker.getRegistration())?.active?.state === 'activated';
  const meta = await new Promise((resolve) => {
    const open = indexedDB.open('chaski');
    open.onerror = () => resolve({});
    open.onsuccess = () => {
      const db = open.result;
      try {
        const store = db.transaction('meta').objectStore('meta');
        const pulled = store.get('lastPullAt');
        const key = store.get('serverKey');
        key.onsuccess = () => { db.close(); resolve({ pulled: Boolean(pulled.result), key: Boolean(key.result) }); };
      } catch { db.close(); resolve({}); }
    };
  });
  return { sw, pulled: Boolean(meta.pulled), key: Boolean(meta.key), painted: document.querySelector('.category-card') !== null };
})()`;

interface Run {
  readyMs: number;
  parts: Record<'painted' | 'sw' | 'pulled' | 'key', number>;
  downBytes: number;
  upBytes: number;
  lost: number;
  connections: number;
  requests: number;
  feedPages: number;
  repeated: string[];
  floorMs: number;
  roundTrips: number;
}

/** Cuts the line and checks the kiosk works: reload, the home screen, a guide, a form. */
async function verifyOffline(page: Page, link: RuralLink, origin: string): Promise<void> {
  link.down = true;
  link.cut();
  await page.reload();
  await page.locator('.category-card').first().waitFor({ state: 'visible', timeout: 30_000 });
  await page.goto(`${origin}/guia/pension-65`);
  await page.getByRole('heading', { level: 1, name: /Pensión 65/ }).waitFor({ timeout: 30_000 });
  await page.goto(`${origin}/formulario/afiliacion-sis`);
  await page.getByLabel('Número de DNI').waitFor({ timeout: 30_000 });
}

export async function runOnce(browser: Browser, serverPort: number, profile: LinkProfile, seed: number): Promise<Run> {
  const link = new RuralLink(serverPort, profile, seed);
  const origin = `http://127.0.0.1:${await link.start()}`;
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    if (process.env.BENCH_VERBOSE) {
      page.on('console', (m) => console.log('console:', m.text()));
      page.on('pageerror', (e) => console.log('pageerror:', e.message));
    }
    const started = Date.now();
    const navigation = page.goto(`${origin}/`, { waitUntil: 'commit', timeout: TIMEOUT_MS });
    await navigation;
    const parts: Partial<Run['parts']> = {};
    while (Object.keys(parts).length < 4) {
      if (Date.now() - started > TIMEOUT_MS) throw new Error(`${profile.name}: ${JSON.stringify(link.requests)} not offline-ready after ${TIMEOUT_MS / 1000} s: ${JSON.stringify(parts)}`);
      // A probe that hangs (a navigation replacing the page) is abandoned, not waited on.
      const probe = page.evaluate(PROBE).catch(() => ({}));
      const state = (await Promise.race([probe, new Promise((resolve) => setTimeout(() => resolve({}), 2_000))])) as Partial<Record<keyof Run['parts'], boolean>>;
      if (process.env.BENCH_VERBOSE && Object.keys(state).length === 0) console.log(Date.now() - started, JSON.stringify(state), JSON.stringify(link.stats));
      const now = Date.now() - started;
      for (const key of ['painted', 'sw', 'pulled', 'key'] as const) if (state[key] && parts[key] === undefined) parts[key] = now;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const done = parts as Run['parts'];
    if (process.env.BENCH_VERBOSE) console.log(link.requests.map((r) => `${r.at} ${r.answeredAt} ${r.answerBytes} c${r.connection} ${r.path}`).join('\n'));
    const readyMs = Math.max(done.sw, done.pulled, done.key);
    const stats = link.stats;
    const paths = link.requests.map((r) => r.path);
    const repeated = [...new Set(paths.filter((p, i) => paths.indexOf(p) !== i && !p.startsWith('/api/')))];
    const feedPages = link.count(/^\/api\/v1\/changes/);
    // Handshake, page, its scripts; then the feed's pages one after another beside the worker's
    // script and its (parallel) precache.
    const roundTrips = 3 + Math.max(feedPages, 2);
    const floorMs = (stats.downBytes * 8 * 1000) / profile.downBps + roundTrips * profile.rttMs;
    await verifyOffline(page, link, origin);
    return { readyMs, parts: done, downBytes: stats.downBytes, upBytes: stats.upBytes, lost: stats.downLost + stats.upLost, connections: stats.connections, requests: stats.requests, feedPages, repeated, floorMs, roundTrips };
  } finally {
    await context.close();
    await link.stop();
  }
}

/** `cpuMs`: the median time to offline-ready through the same proxy with no shaping, i.e. what
 * this machine's CPU (shared, often busy) costs; shown beside the ratio, not taken off it. */
function figures(profile: LinkProfile, runs: Run[], cpuMs: number): Figure[] {
  const byRatio = [...runs].sort((a, b) => a.readyMs / a.floorMs - b.readyMs / b.floorMs);
  const mid = byRatio[Math.floor(byRatio.length / 2)]!;
  const s = (ms: number) => round(ms / 1000, 1);
  const each = runs.map((r) => `${s(r.readyMs)} s (floor ${s(r.floorMs)} s; worker ${s(r.parts.sw)}, catalogue ${s(r.parts.pulled)}, key ${s(r.parts.key)}, first paint ${s(r.parts.painted)}; ${Math.round(r.downBytes / 1024)} KiB down, ${r.requests} requests on ${r.connections} connections, ${r.feedPages} feed pages, ${r.lost} segments lost${r.repeated.length ? `; fetched twice: ${r.repeated.join(' ')}` : ''})`);
  const figure = (name: string, value: number, unit: string, extra: Partial<Figure> = {}): Figure => ({ section: SECTION, name: `${name}, ${profile.name}`, value, unit, command: COMMAND, ...extra });
  return [
    figure('time to offline-ready (median)', s(median(runs.map((r) => r.readyMs))), 's', { note: `runs: ${each.join(' | ')}; ${machineLoad()}` }),
    figure('time to offline-ready ÷ floor', round(mid.readyMs / mid.floorMs, 2), '×', {
      budget: { limit: 1.5 },
      note: `median run: ${s(mid.readyMs)} s against ${Math.round(mid.downBytes / 1024)} KiB ÷ ${profile.downBps / 1e6} Mbit/s + ${mid.roundTrips} round trips × ${profile.rttMs} ms = ${s(mid.floorMs)} s; the same kiosk with no link cost (loopback) took ${s(cpuMs)} s on this machine, so (time − loopback) ÷ floor = ${round((mid.readyMs - cpuMs) / mid.floorMs, 2)}`,
    }),
    figure('bytes down to offline-ready', round(mid.downBytes / 1024, 1), 'KiB', { note: `${mid.upBytes} bytes up; headers included` }),
  ];
}

export const section: BenchSection = {
  id: 'offline-ready',
  title: SECTION,
  async run(): Promise<Figure[]> {
    return withChaski(undefined, async (server, browser) => {
      const port = Number(new URL(server.url).port);
      const out: Figure[] = [];
      const loopback: Run[] = [];
      for (let i = 0; i < RUNS; i++) loopback.push(await runOnce(browser, port, LOOPBACK, 1 + i));
      const cpuMs = median(loopback.map((r) => r.readyMs));
      out.push({ section: SECTION, name: 'time to offline-ready with no link cost (loopback proxy): the CPU part', value: round(cpuMs / 1000, 1), unit: 's', command: COMMAND, note: `runs: ${loopback.map((r) => round(r.readyMs / 1000, 1)).join(', ')} s; ${machineLoad()}` });
      for (const profile of [RURAL_DSL, SATELLITE]) {
        const runs: Run[] = [];
        for (let i = 0; i < RUNS; i++) runs.push(await runOnce(browser, port, profile, 1 + i));
        out.push(...figures(profile, runs, cpuMs));
      }
      return out;
    });
  },
};
