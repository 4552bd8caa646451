// The first-load JavaScript budget (docs/architecture.md budgets: 60 KiB gzip, issue 19): what a kiosk on a slow
// rural link downloads before the first screen is usable. Measured in the browser, on a fresh
// profile, as the scripts the page itself loaded until the categories were on screen; the
// service worker's precache download afterwards is not first load. Bytes are deterministic, so
// they may fail a test; timings live in bench/.
import { gzipSync } from 'node:zlib';
import { expect, type Response, test } from './fixtures';
import { Kiosk } from './kiosk';

const FIRST_LOAD_JS_BUDGET = 60 * 1024;

test('first-load JavaScript stays within 60 KiB gzip', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, serviceWorkers: 'block' });
  const page = await context.newPage();
  const scripts: Response[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') scripts.push(response);
  });
  await page.goto('/');
  await expect(new Kiosk(page).categoryLinks().first()).toBeVisible();

  const sizes = await Promise.all(scripts.map(async (r) => ({ url: new URL(r.url()).pathname, gzip: gzipSync(await r.body(), { level: 9 }).length })));
  const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
  test.info().annotations.push({ type: 'first-load JS (gzip bytes)', description: `${total}: ${sizes.map((s) => `${s.url} ${s.gzip}`).join(', ')}` });
  expect(sizes.length).toBeGreaterThan(0);
  // One chunk and the snapshot painter (public/home-snapshot.js): each file is a round trip on a
  // rural link (vite.config.ts, codeSplitting).
  expect(sizes.length, `first-load scripts: ${sizes.map((s) => s.url).join(', ')}`).toBeLessThanOrEqual(2);
  expect(total, `first-load JS is ${total} bytes gzip: ${JSON.stringify(sizes)}`).toBeLessThanOrEqual(FIRST_LOAD_JS_BUDGET);
  await context.close();
});
