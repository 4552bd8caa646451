// Patrons share one terminal: when a session ends (idle countdown or "Terminar / Tukuy"), what
// they typed and did not send is gone from IndexedDB, and the next patron finds a fresh kiosk.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { Kiosk, patronDatabaseDump } from './kiosk';

async function startDraft(page: Page, name: string) {
  await page.goto('/formulario/preinscripcion-pension-65');
  await page.getByLabel(/^Nombres/).fill(name);
  await page.getByLabel(/^Dirección/).fill('Anexo Ccochapampa s/n');
  // The autosave has written it.
  await expect.poll(() => patronDatabaseDump(page)).toContain(name);
}

test('"Terminar" erases the unsent answers, resets the language and goes home', async ({ page }) => {
  const kiosk = new Kiosk(page);
  await kiosk.firstVisit();
  await startDraft(page, 'Teodora Huamán');
  await kiosk.switchTo('Runasimi');
  await page.getByRole('button', { name: 'Tukuy' }).click();

  await expect(kiosk.heading()).toHaveText('¿Qué trámite necesita?');
  await expect(page.locator('html')).toHaveAttribute('lang', 'es-PE');
  expect(await patronDatabaseDump(page)).not.toContain('Teodora');
  expect(await patronDatabaseDump(page)).not.toContain('Ccochapampa');
  await page.goto('/formulario/preinscripcion-pension-65');
  await expect(page.getByLabel(/^Nombres/)).toHaveValue('');
});

test('after 3 idle minutes a countdown in both languages offers to stay, then the session ends', async ({ page }) => {
  await page.clock.install();
  const kiosk = new Kiosk(page);
  await kiosk.firstVisit();
  await startDraft(page, 'Eusebio Ccori');

  await page.clock.fastForward('03:05');
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('¿Sigue ahí?');
  await expect(dialog).toContainText('¿Kaypiraqchu kachkanki?');
  await expect(dialog.getByRole('button')).toBeFocused();
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  await dialog.getByRole('button', { name: /Sigo aquí/ }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel(/^Nombres/)).toHaveValue('Eusebio Ccori');

  await page.clock.fastForward('03:05');
  await expect(dialog).toBeVisible();
  await page.clock.fastForward('00:31');
  await expect(dialog).toBeHidden();
  await expect(kiosk.heading()).toHaveText('¿Qué trámite necesita?');
  expect(await patronDatabaseDump(page)).not.toContain('Eusebio');
});
