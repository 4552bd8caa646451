// A patron reading about violence at home must be able to leave at once, and leave nothing:
// "Salir rápido" on a sensitive guide ends the session with no question, lands on a plain home
// screen with nothing behind Back, and no store, count or screen names the guide afterwards.
import { expectNoAxeViolations } from './axe';
import { expect, test } from './fixtures';
import { Kiosk } from './kiosk';
import { patronDatabaseDump, usageRows } from './kiosk-storage';

const GUIDE = 'violencia-familiar';
const TITLE = 'Violencia en la familia: dónde pedir ayuda';

test('"Salir rápido" on a sensitive guide leaves at once, in either language, and leaves no trace', async ({ page }) => {
  const kiosk = new Kiosk(page);
  await kiosk.firstVisit();
  await page.locator('a.category-card').first().click();
  await kiosk.goHomeByLogo();

  // Found by search, read in Quechua.
  await kiosk.search('violencia');
  await page.locator(`a.guide-link[href="/guia/${GUIDE}"]`).click();
  await expect(kiosk.heading()).toHaveText(TITLE);
  const exit = page.getByRole('button', { name: 'Salir rápido / Usqhaylla lluqsiy' });
  await expect(exit).toBeVisible();
  await expectNoAxeViolations(page);
  await kiosk.switchTo('Runasimi');
  const exitQu = page.getByRole('button', { name: 'Usqhaylla lluqsiy / Salir rápido' });
  await expect(exitQu).toBeVisible();
  await expectNoAxeViolations(page);
  await page.mouse.wheel(0, 3000);
  await expect(exitQu).toBeInViewport();

  await exitQu.click();
  // Home, in the kiosk's language, the search box empty, no question asked.
  await expect(kiosk.categoryLinks().first()).toBeVisible();
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Español', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(kiosk.searchInput()).toHaveValue('');
  await expect(page).not.toHaveTitle(/violencia/i);
  // Back shows nothing of what the patron read.
  await page.goBack();
  await expect(page.locator('body')).not.toContainText(TITLE);
  await expect(page.locator('body')).not.toContainText('Línea 100');
  if (!page.url().startsWith('http')) await page.goto('/');
  // Nothing of the patron's names the guide or what was searched (the catalogue holds the guide
  // for everyone), and no count does.
  const patrons = (await patronDatabaseDump(page)) + (await page.evaluate(() => JSON.stringify({ ...localStorage })));
  expect(patrons).not.toContain(GUIDE);
  expect(patrons).not.toContain('violencia');
  expect(JSON.stringify(await usageRows(page))).not.toContain(GUIDE);
  // An ordinary guide shows no such button.
  await kiosk.openGuide('dni-duplicado');
  await expect(page.getByRole('button', { name: /Salir rápido/ })).toHaveCount(0);
});

test('Escape twice leaves a sensitive guide too, for a patron at the keyboard', async ({ page }) => {
  const kiosk = new Kiosk(page);
  await kiosk.firstVisit();
  await kiosk.openGuide(GUIDE);
  await page.keyboard.press('Escape');
  await expect(kiosk.heading()).toHaveText(TITLE);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await expect(kiosk.categoryLinks().first()).toBeVisible();
  await expect(page.locator('body')).not.toContainText(TITLE);
});
