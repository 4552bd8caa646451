// After one online visit the kiosk works with the network off: reload, deep links, Quechua.
import { expect, test } from './fixtures';
import { Kiosk } from './kiosk';
import { publishedCategoryCount } from './server';

test('first online visit, then offline: reload, browse, search and read a guide in Quechua', async ({ page, context }) => {
  const kiosk = new Kiosk(page);
  await kiosk.firstVisit();
  await expect(kiosk.categoryLinks()).toHaveCount(publishedCategoryCount());

  await context.setOffline(true);
  await page.reload();
  await expect(kiosk.connection()).toHaveText('Sin conexión');
  await expect(kiosk.categoryLinks()).toHaveCount(publishedCategoryCount());

  await kiosk.switchTo('Runasimi');
  await expect(kiosk.heading()).toHaveText('¿Ima ruranatataq munanki?');
  await expect(kiosk.connection()).toHaveText("Mana t'inkisqachu");

  await kiosk.categoryLinks().filter({ hasText: 'Ayllukunapaq yanapaykuna' }).click();
  await expect(kiosk.guideLinks().first()).toBeVisible();
  await page.getByRole('link', { name: /^Pensión 65 \(yuyaqkunapaq/ }).click();
  await expect(kiosk.heading()).toHaveText('Pensión 65 (yuyaqkunapaq qullqi yanapay)');
  await expect(page.getByRole('heading', { name: 'Imakunatam apamuna' })).toBeVisible();
  await expect(page.getByText('Mana pagana', { exact: true })).toBeVisible();
  // The review date, as the Quechua screen writes it (pension-65 was reviewed on 2 December 2026).
  await expect(page.getByText(/Kay pusaq qillqa qhawarisqa: 2 Diciembre 2026/)).toBeVisible();

  await kiosk.search('pension');
  await expect(page).toHaveURL(/\/buscar\?q=pension/);
  await expect(kiosk.guideLinks().first()).toContainText('Pensión 65 (yuyaqkunapaq');
  await kiosk.search('yuyaqkunapaq qullqi');
  await expect(kiosk.guideLinks().first()).toContainText('Pensión 65 (yuyaqkunapaq');
  await kiosk.search('pqpqpq');
  await expect(page.getByText('manam pusaq qillqata tariykuchu', { exact: false })).toBeVisible();
  // One letter matches nearly everything: the kiosk asks for a second one, in the patron's language.
  await kiosk.search('p');
  await expect(page.locator('main').getByRole('status')).toHaveText('Iskay sananchata utaq aswanta qillqay.');
  await expect(kiosk.guideLinks()).toHaveCount(0);

  // A deep link typed or bookmarked while offline opens from the service worker's cache.
  await kiosk.openGuide('beca-18');
  await expect(kiosk.heading()).toContainText('Beca 18');
  await expect(page.locator('html')).toHaveAttribute('lang', 'qu');

  await kiosk.switchTo('Español');
  await expect(page.getByRole('heading', { name: 'Qué llevar' })).toBeVisible();
  await context.setOffline(false);
});

test('every guide opens offline in both languages, and its checklist ticks by keyboard', async ({ page, context, request }) => {
  // Two page loads per guide and language: about a minute for 57 guides on a busy machine.
  test.setTimeout(240_000);
  const kiosk = new Kiosk(page);
  await kiosk.firstVisit();
  const feed = (await (await request.get('/api/v1/changes?limit=1000')).json()) as {
    changes: Array<{ kind: string; id: string; op: string; data: { title: { es: string; qu: string } } }>;
  };
  const guides = feed.changes.filter((c) => c.kind === 'guide' && c.op === 'put');
  expect(guides.length).toBeGreaterThanOrEqual(8);

  await context.setOffline(true);
  for (const language of ['Español', 'Runasimi'] as const) {
    await page.goto('/');
    await kiosk.switchTo(language);
    for (const guide of guides) {
      await kiosk.openGuide(guide.id);
      await expect(kiosk.heading()).toHaveText(language === 'Español' ? guide.data.title.es : guide.data.title.qu);
    }
  }
  const firstItem = page.locator('.checklist input').first();
  await firstItem.focus();
  await page.keyboard.press('Space');
  await expect(firstItem).toBeChecked();
  await context.setOffline(false);
});
