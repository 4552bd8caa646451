// A new version of the app (a new service worker) is offered as "update available, reload",
// never swapped in under the patron.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { precompressFile } from '../src/server/precompress';
import { expect, test } from './fixtures';
import { Kiosk } from './kiosk';

const SW_FILE = fileURLToPath(new URL('../dist/sw.js', import.meta.url));

test('a new version waits for the patron to choose "Reload"', async ({ page }) => {
  const original = readFileSync(SW_FILE, 'utf8');
  const kiosk = new Kiosk(page);
  await kiosk.firstVisit();
  await kiosk.openGuide('beca-18');
  const firstWorker = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);
  try {
    // Deploy a "new version": the same worker with different bytes, compressed as npm run build
    // does (the server sends the compressed copies as they are).
    writeFileSync(SW_FILE, `${original}\n// e2e deploy ${Date.now()}\n`);
    precompressFile(SW_FILE);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    await expect(page.getByText('Hay una nueva versión de Chaski.')).toBeVisible();
    // The patron is still on the guide they were reading.
    await expect(kiosk.heading()).toContainText('Beca 18');
    expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.waiting?.state))).toBe('installed');

    await page.evaluate(() => ((window as unknown as { before: boolean }).before = true));
    await page.getByRole('button', { name: 'Recargar' }).click();
    await page.waitForFunction(() => !(window as unknown as { before?: boolean }).before);
    await page.waitForFunction(() => navigator.serviceWorker.getRegistration().then((r) => !r?.waiting));
    await expect(kiosk.heading()).toContainText('Beca 18');
    await expect(page.getByText('Hay una nueva versión de Chaski.')).toBeHidden();
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(firstWorker);
  } finally {
    writeFileSync(SW_FILE, original);
    precompressFile(SW_FILE);
  }
});
