// A rural link that drops half-way: the kiosk resumes where it stopped. The catalogue pull goes
// on from the last page it stored, and the service worker's first install, tried again by the
// page with no reload, fetches only what the cut install had not stored. Every request crosses
// test/rural-link.ts, which counts them and drops the line on cue.
import { LOOPBACK, RuralLink } from '../test/rural-link';
import { expect, test } from './fixtures';
import { E2E_PORT } from './playwright.config';
import { publishedGuideIds } from './server';

const FEED = /^\/api\/v1\/changes/;
const since = (path: string) => new URL(path, 'http://x').searchParams.get('since');

let link: RuralLink;
let origin: string;
test.beforeEach(async () => {
  link = new RuralLink(E2E_PORT, LOOPBACK);
  origin = `http://127.0.0.1:${await link.start()}`;
});
test.afterEach(async () => link.stop());

test('a catalogue pull cut after two pages goes on from the third when the line returns', async ({ browser }) => {
  // Small pages, so the sample catalogue takes several (the server honours `limit`).
  link.rewrite = (path) => {
    if (!FEED.test(path)) return path;
    const url = new URL(path, 'http://x');
    url.searchParams.set('limit', '10');
    return `${url.pathname}${url.search}`;
  };
  link.cutWhen = (request, log) => FEED.test(request.path) && log.filter((r) => FEED.test(r.path)).length === 3;
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(origin);
  await expect.poll(() => link.down).toBe(true);
  const beforeCut = link.requests.filter((r) => FEED.test(r.path));
  expect(beforeCut).toHaveLength(3);
  const cutAt = since(beforeCut[2]!.path);
  expect(cutAt).not.toBeNull();

  const returned = link.requests.length;
  link.down = false;
  // The kiosk's own schedule tries again (no reload, no button): the whole catalogue arrives.
  await expect(page.locator('.category-card').first()).toBeVisible({ timeout: 60_000 });
  await expect.poll(() => page.evaluate(`new Promise((resolve) => { const open = indexedDB.open('chaski'); open.onsuccess = () => { const r = open.result.transaction('meta').objectStore('meta').get('lastPullAt'); r.onsuccess = () => { open.result.close(); resolve(Boolean(r.result)); }; }; })`), { timeout: 60_000 }).toBe(true);
  const after = link.requests.slice(returned).filter((r) => FEED.test(r.path));
  // The first request after the return asks for the page the cut one asked for: the two pages
  // applied before the cut are not fetched again, and no later request starts over.
  expect(since(after[0]!.path)).toBe(cutAt);
  const appliedBefore = new Set(beforeCut.slice(0, 2).map((r) => since(r.path)));
  expect(after.filter((r) => appliedBefore.has(since(r.path)))).toEqual([]);
  // And every guide of the sample catalogue is there: the pull finished.
  const guides = publishedGuideIds();
  const stored = (await page.evaluate(`new Promise((resolve) => { const open = indexedDB.open('chaski'); open.onsuccess = () => { const r = open.result.transaction('guides').objectStore('guides').count(); r.onsuccess = () => { open.result.close(); resolve(r.result); }; }; })`)) as number;
  expect(stored).toBe(guides.length);
  await context.close();
});

test('a fresh kiosk becomes ready offline without fetching any file twice', async ({ browser }) => {
  // On a rural link every request is a round trip: what the page loaded, the worker's precache
  // takes from the HTTP cache (hashed files, src/sw/precache-fill.ts); the snapshot painter is
  // one of them (vite.config.ts), and was fetched twice under its plain name.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(origin);
  await expect(page.locator('.category-card').first()).toBeVisible();
  await expect.poll(() => page.evaluate(`navigator.serviceWorker.controller !== null`), { timeout: 60_000 }).toBe(true);
  const files = link.requests.map((r) => r.path).filter((path) => !path.startsWith('/api/'));
  expect(files).toEqual(expect.arrayContaining(['/sw.js', expect.stringMatching(/^\/assets\/home-snapshot-/), expect.stringMatching(/^\/assets\/patron-screens-/)]));
  expect(files.filter((path, i) => files.indexOf(path) !== i)).toEqual([]);
  await context.close();
});

test('a precache download cut half-way resumes without fetching again what it had stored', async ({ browser }) => {
  // The line drops at the worker's tenth file, once the worker's script is in.
  link.cutWhen = (request, log) => {
    const script = log.findIndex((r) => r.path === '/sw.js');
    return script >= 0 && log.length - 1 - script === 10;
  };
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(origin);
  // The page's catalogue pull and the worker's files share the line, in no fixed order: on a
  // slow machine the cut comes before the catalogue is in, and the page pulls it after.
  await expect.poll(() => link.down, { timeout: 30_000 }).toBe(true);
  // The install fails: no worker (the registration of a first install that failed is dropped).
  await expect.poll(() => page.evaluate(`navigator.serviceWorker.getRegistration().then((r) => !r || (!r.installing && !r.waiting && !r.active))`), { timeout: 30_000 }).toBe(true);
  const stored = (await page.evaluate(`caches.keys().then((names) => Promise.all(names.filter((n) => n.includes('precache')).map((n) => caches.open(n).then((c) => c.keys())))).then((lists) => lists.flat().map((r) => { const u = new URL(r.url); u.searchParams.delete('__WB_REVISION__'); return u.pathname; }))`)) as string[];
  expect(stored.length).toBeGreaterThan(0);
  // Nothing may come from the HTTP cache: what is not fetched again is what the precache kept.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.clearBrowserCache');

  const returned = link.requests.length;
  link.down = false;
  // The page tries the install again by itself, and the worker takes control.
  await expect.poll(() => page.evaluate(`navigator.serviceWorker.getRegistration().then((r) => r?.active?.state === 'activated' && navigator.serviceWorker.controller !== null)`), { timeout: 60_000 }).toBe(true);
  await expect(page.locator('.category-card').first()).toBeVisible({ timeout: 60_000 });
  const afterReturn = link.requests.slice(returned).map((r) => r.path);
  // (The hashed files: the page itself may ask again for its icon, as the test cleared the HTTP
  // cache, and it is rendered again when the sync that the cut failed goes through; and it loads
  // the code it has not run yet, such as the audio fetcher after that sync, from the network, as
  // no worker controls it. Those are its module imports; its warming of the worker's files is
  // `fetch`, and counts.)
  const pageImports = new Set((await page.evaluate(`performance.getEntriesByType('resource').filter((e) => e.initiatorType === 'script' || e.initiatorType === 'link').map((e) => new URL(e.name).pathname)`)) as string[]);
  expect(afterReturn.filter((path) => path.startsWith('/assets/') && stored.includes(path) && !pageImports.has(path))).toEqual([]);
  // What it did fetch is the rest of the precache, once each.
  const files = afterReturn.filter((path) => path.startsWith('/assets/'));
  expect(files.length).toBeGreaterThan(0);
  expect(new Set(files).size).toBe(files.length);

  // It works offline for real: the line is gone, and the kiosk reloads, opens a guide and a form.
  link.down = true;
  link.cut();
  await page.reload();
  await expect(page.locator('.category-card').first()).toBeVisible();
  await page.goto(`${origin}/guia/pension-65`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Pensión 65');
  await page.goto(`${origin}/formulario/afiliacion-sis`);
  await expect(page.getByLabel('Número de DNI')).toBeVisible();
  await context.close();
});

test('a first visit whose sync code could not load still gets its catalogue, from the service worker', async ({ browser }) => {
  // The line drops just as the page asks for its sync chunk: Chromium keeps that failed import()
  // for the page's life, so the page can never load it again (src/app/sync-loader.ts).
  const context = await browser.newContext();
  const page = await context.newPage();
  let refused = 0;
  await page.route(/\/assets\/sync-now-[^/]+\.js$/, (route) => {
    refused++;
    return route.abort('internetdisconnected');
  });
  await page.goto(origin);
  // No reload, no button: the worker, which has the sync built in, fetches the catalogue.
  await expect(page.locator('.category-card').first()).toBeVisible({ timeout: 60_000 });
  expect(refused).toBeGreaterThan(0);
  expect(link.requests.filter((r) => FEED.test(r.path)).length).toBeGreaterThan(0);
  await context.close();
});
