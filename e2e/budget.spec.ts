// The first-load JavaScript budgets (docs/architecture.md budgets, issue 19): what a kiosk on a
// slow rural link downloads before a screen is usable. Measured in the browser, on a fresh
// profile, from the bytes the page itself loaded; the service worker's precache download
// afterwards is not first load. Bytes and file counts are deterministic, so they may fail a
// test; timings live in bench/.
import { gzipSync } from 'node:zlib';
import { expect, type Page, type Response, test } from './fixtures';
import { FIRST_RENDER_MARK, FIRST_SCREEN_JS_BUDGET, FIRST_SCREEN_JS_FILES, FIRST_VISIT_JS_BUDGET, FIRST_VISIT_JS_FILES, resourcesStartedBefore } from './js-budgets';
import { Kiosk } from './kiosk';

interface Sized { url: string; gzip: number }

async function scriptsOf(page: Page, responses: Response[], startedBefore = Infinity): Promise<Sized[]> {
  const early = await resourcesStartedBefore(page, startedBefore);
  return Promise.all(responses.filter((r) => early.has(r.url())).map(async (r) => ({ url: new URL(r.url()).pathname, gzip: gzipSync(await r.body(), { level: 9 }).length })));
}

function report(name: string, sizes: Sized[]): number {
  const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
  test.info().annotations.push({ type: `${name} (gzip bytes)`, description: `${total}: ${sizes.map((s) => `${s.url} ${s.gzip}`).join(', ')}` });
  return total;
}

test('the first screen loads at most 60 KiB of JavaScript (gzip) in two files; a first visit, 64 KiB in four', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, serviceWorkers: 'block' });
  const page = await context.newPage();
  const scripts: Response[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') scripts.push(response);
  });
  await page.goto('/');
  const rendered = await page.waitForFunction((mark) => performance.getEntriesByName(mark)[0]?.startTime, FIRST_RENDER_MARK).then((handle) => handle.jsonValue() as Promise<number>);
  await expect(new Kiosk(page).categoryLinks().first()).toBeVisible();

  // One chunk and the snapshot painter (src/home-snapshot.js): each file is a round trip on a
  // rural link (vite.config.ts, codeSplitting).
  const firstScreen = await scriptsOf(page, scripts, rendered);
  const firstScreenTotal = report('first screen JS', firstScreen);
  expect(firstScreen.map((s) => s.url).some((url) => url.startsWith('/assets/boot-')), 'the boot chunk paints the first screen').toBe(true);
  expect(firstScreen.length, `first-screen scripts: ${firstScreen.map((s) => s.url).join(', ')}`).toBeLessThanOrEqual(FIRST_SCREEN_JS_FILES);
  expect(firstScreenTotal, `first-screen JS is ${firstScreenTotal} bytes gzip: ${JSON.stringify(firstScreen)}`).toBeLessThanOrEqual(FIRST_SCREEN_JS_BUDGET);

  // Then the sync chunk and the one-line module the page imports it through.
  const firstVisit = await scriptsOf(page, scripts);
  const firstVisitTotal = report('first visit JS', firstVisit);
  expect(firstVisit.length, `first-visit scripts: ${firstVisit.map((s) => s.url).join(', ')}`).toBeLessThanOrEqual(FIRST_VISIT_JS_FILES);
  expect(firstVisitTotal, `first-visit JS is ${firstVisitTotal} bytes gzip: ${JSON.stringify(firstVisit)}`).toBeLessThanOrEqual(FIRST_VISIT_JS_BUDGET);
  await context.close();
});

/** What a fresh kiosk downloads into its precache before it works offline. On a rural link
 * (HTTP/1.1, six connections) the files come in rounds, a round trip each, so the count matters
 * beside the bytes: the small lazy chunks several screens share are one chunk (`shared`,
 * vite.config.ts codeSplitting), which took it from 45 files to 32; the patron's screens one
 * module (src/app/screens/patron-screens.ts) and the librarian's another, to 26; leaving out the
 * manifest's three icons, which nothing offline shows (vite.config.ts), to 19. */
const PRECACHE_FILES_BUDGET = 19;

test('a fresh kiosk is ready offline after at most 19 precache files', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.goto('/');
  const files = await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    let count = 0;
    for (const name of (await caches.keys()).filter((key) => key.includes('precache'))) count += (await (await caches.open(name)).keys()).length;
    return count;
  });
  test.info().annotations.push({ type: 'precache files', description: String(files) });
  // Nonzero: the worker did precache (a count of 0 would pass any budget).
  expect(files).toBeGreaterThan(10);
  expect(files).toBeLessThanOrEqual(PRECACHE_FILES_BUDGET);
  await context.close();
});
