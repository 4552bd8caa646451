// A fresh kiosk's first service worker takes control of the page even when that page was still
// loading as the worker activated (its claim then takes only the pages already there): without
// a worker in control, the page cannot open a screen it has not loaded once the link is gone.
import { expect, test } from './fixtures';
import { Kiosk } from './kiosk';

test('a page still loading when the first worker activates comes under its control too', async ({ page, context }) => {
  // The librarian types /kiosco while the first install runs. Its document is held back until
  // the worker has activated, so the worker's claim happens while the page is on its way.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let documentHeld = false;
  await context.route('**/kiosco', async (route) => {
    documentHeld = true;
    await held;
    await route.continue();
  });
  const installing = context.waitForEvent('serviceworker');
  await page.goto('/');
  const worker = await installing;
  const navigation = page.goto('/kiosco');
  await expect.poll(() => worker.evaluate(() => (self as unknown as { registration: { active: { state: string } | null } }).registration.active?.state ?? 'none'), { timeout: 30_000 }).toBe('activated');
  expect(documentHeld, 'the /kiosco document was asked for before the worker could answer it').toBe(true);
  release();
  await navigation;
  await expect(page.getByLabel('Código de registro')).toBeVisible();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 10_000 }).toBe(true);

  // In control, the page browses offline to screens it has not shown yet.
  await context.setOffline(true);
  const kiosk = new Kiosk(page);
  await page.getByRole('link', { name: /Chaski/ }).first().click();
  await kiosk.categoryLinks().first().click();
  await kiosk.guideLinks().first().click();
  await expect(page).toHaveURL(/\/guia\//);
  await expect(page.getByRole('heading', { name: 'Qué llevar' })).toBeVisible();
  await context.setOffline(false);
});
