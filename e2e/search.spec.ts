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

test('typing a search fetches nothing, not even the tab icon again at every letter', async ({ page }) => {
  const kiosk = new Kiosk(page);
  await kiosk.firstVisit();
  // The code the app loads once, after the home screen settled (its snapshot) and for search.
  await page.waitForFunction(() => Object.keys(localStorage).some((key) => key.startsWith('chaski.home.')));
  await kiosk.search('dni');
  await expect(kiosk.guideLinks().first()).toBeVisible();
  // Chromium asks for the page's icon again at every change of URL, and each letter changes it:
  // an icon that is a file cost every keystroke a request and a decode (docs/architecture.md).
  const fetched: string[] = [];
  page.on('request', (request) => {
    if (!new URL(request.url()).pathname.startsWith('/api/')) fetched.push(request.url());
  });
  await kiosk.searchInput().fill('');
  for (const letter of 'pension 65') {
    await kiosk.searchInput().press(letter === ' ' ? 'Space' : letter);
    await expect(page.locator('main .count')).toHaveAttribute('data-query', await kiosk.searchInput().inputValue());
  }
  await expect(kiosk.guideLinks().first()).toContainText('Pensión 65');
  expect(fetched).toEqual([]);
});
