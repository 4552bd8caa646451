// axe finds nothing on the patron screens, in Spanish and in Quechua.
import { expectNoAxeViolations } from './axe';
import { expect, test } from './fixtures';
import { Kiosk } from './kiosk';

const SCREENS = [
  { name: 'home', path: '/' },
  { name: 'category', path: '/tema/programas-sociales' },
  { name: 'guide', path: '/guia/pension-65' },
  { name: 'search', path: '/buscar?q=dni' },
  { name: 'not found', path: '/no-existe' },
  { name: 'form', path: '/formulario/preinscripcion-contigo' },
  { name: 'kiosk enrolment', path: '/kiosco' },
];

for (const language of ['Español', 'Runasimi'] as const) {
  for (const screen of SCREENS) {
    test(`${screen.name} has no accessibility violations in ${language}`, async ({ page }) => {
      const kiosk = new Kiosk(page);
      await kiosk.firstVisit();
      await kiosk.switchTo(language);
      await page.goto(screen.path);
      await expect(kiosk.heading()).toBeVisible();
      if (screen.name === 'search') await expect(kiosk.guideLinks().first()).toBeVisible();
      if (screen.name === 'form') {
        // With its error messages showing, and the place pickers loaded.
        await kiosk.send(language === 'Español' ? 'Enviar' : 'Apachiy');
        await expect(page.locator('.field-error').first()).toBeVisible();
        await expect(page.locator('select').first()).toBeVisible();
      }
      await expectNoAxeViolations(page);
    });
  }
}

test('the whole kiosk works by keyboard alone', async ({ page }) => {
  const kiosk = new Kiosk(page);
  await kiosk.firstVisit();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Saltar al contenido' })).toBeFocused();
  await kiosk.tabTo(page.getByRole('button', { name: 'Runasimi' }));
  await page.keyboard.press('Enter');
  await expect(kiosk.heading()).toHaveText('¿Ima ruranatataq munanki?');
  await kiosk.tabTo(page.getByRole('button', { name: 'Español' }));
  await page.keyboard.press('Enter');
  await kiosk.tabTo(kiosk.categoryLinks().first());
  await page.keyboard.press('Enter');
  // The new screen's title takes focus, so the next Tab starts from there.
  await expect(kiosk.heading()).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(kiosk.guideLinks().first()).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Qué llevar' })).toBeVisible();
});
