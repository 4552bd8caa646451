// Search forgives and never leaves the patron stranded: spelling by ear finds the service, forms
// are found beside guides, and a search that finds nothing offers the topics and the librarian,
// in both languages.
import { expectNoAxeViolations } from './axe';
import { expect, test } from './fixtures';
import { Kiosk } from './kiosk';
import { publishedCategoryCount } from './server';

test('spelling by ear finds the service; the complaints book is found as a form', async ({ page }) => {
  const kiosk = new Kiosk(page);
  await kiosk.firstVisit();
  await kiosk.search('pencion65');
  await expect(kiosk.guideLinks().first()).toContainText('Pensión 65');
  await kiosk.search('queja');
  const forms = page.getByRole('region', { name: 'Formularios' });
  await forms.getByRole('link', { name: /Libro de Reclamaciones/ }).click();
  await expect(kiosk.heading()).toHaveText(/Libro de Reclamaciones/);
});

for (const language of ['Español', 'Runasimi'] as const) {
  test(`a search that finds nothing offers every topic and the librarian (${language})`, async ({ page }) => {
    const kiosk = new Kiosk(page);
    await kiosk.firstVisit();
    await kiosk.switchTo(language);
    await kiosk.search('xilofono zzzz');
    const topics = page.getByRole('region', { name: language === 'Español' ? 'Busque por tema' : "T'aqanta maskay" });
    await expect(topics.locator('.category-card')).toHaveCount(publishedCategoryCount());
    await expect(page.locator('main')).toContainText(language === 'Español' ? 'pregunte al bibliotecario' : "p'anqa wasi kamayuqta tapukuy");
    await expectNoAxeViolations(page);
    await topics.locator('.category-card').first().click();
    await expect(kiosk.guideLinks().first()).toBeVisible();
  });
}
