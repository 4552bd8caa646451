// A repeat load paints the home screen from the snapshot the app stored (src/app/home-snapshot.ts,
// src/home-snapshot.js) before the bundle has run: in the language the app starts in, never
// the other one first, and the app then takes over those same elements (nothing replaced, so
// nothing flickers). The snapshot holds catalogue and UI strings only, never what a patron typed.
import { expect, type Page, test } from './fixtures';
import { Kiosk } from './kiosk';
import { publishedCategoryCount } from './server';

const HEADING = { es: '¿Qué trámite necesita?', qu: '¿Ima ruranatataq munanki?' };

/** Records, from the document's first byte, every h1 text and page `lang` the page ever showed, and
 * the first category card with whether the snapshot (not the app) had put it there. */
const WATCH_HOME = `(() => {
  window.__seen = { headings: [], langs: [], card: null, bySnapshot: null };
  new MutationObserver(() => {
    const seen = window.__seen;
    const h1 = document.querySelector('h1');
    if (h1 && seen.headings.at(-1) !== h1.textContent) seen.headings.push(h1.textContent);
    // The language of what is on screen (before anything is, index.html's default does not count).
    const lang = document.documentElement.lang;
    if (h1 && seen.langs.at(-1) !== lang) seen.langs.push(lang);
    const card = document.querySelector('.category-card');
    if (card && !seen.card) {
      seen.card = card;
      seen.bySnapshot = document.getElementById('app').getAttribute('data-snapshot');
    }
  }).observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
})();`;

interface Seen {
  headings: string[];
  langs: string[];
  bySnapshot: string | null;
  firstCardStillShown: boolean;
}

const seen = (page: Page) =>
  page.evaluate(() => {
    const s = (window as unknown as { __seen: { headings: string[]; langs: string[]; card: Element | null; bySnapshot: string | null } }).__seen;
    return { headings: s.headings, langs: s.langs, bySnapshot: s.bySnapshot, firstCardStillShown: !!s.card?.isConnected } satisfies Seen;
  });

const stored = (page: Page) => page.evaluate(() => Object.entries(localStorage).filter(([key]) => key.startsWith('chaski.home.')));

test('offline, a reload paints the home screen from its snapshot in the patron\'s language, and the app takes it over', async ({ page, context }) => {
  const kiosk = new Kiosk(page);
  await kiosk.firstVisit();
  await expect.poll(async () => (await stored(page)).map(([key]) => key)).toEqual(['chaski.home.es']);
  await kiosk.switchTo('Runasimi');
  await expect.poll(async () => (await stored(page)).map(([key]) => key).sort()).toEqual(['chaski.home.es', 'chaski.home.qu']);
  // Small beside localStorage's 5 MB, and parsed before the first paint of every repeat load.
  for (const [key, value] of await stored(page)) expect(value.length, key).toBeLessThanOrEqual(16 * 1024);

  await context.setOffline(true);
  await context.addInitScript({ content: WATCH_HOME });
  for (const lang of ['qu', 'es'] as const) {
    await page.reload();
    await expect(kiosk.heading()).toHaveText(HEADING[lang]);
    await expect(kiosk.categoryLinks()).toHaveCount(publishedCategoryCount());
    // The app has taken over: a category opens in the page, without a new load.
    await expect(page.locator('#app')).not.toHaveAttribute('data-snapshot');
    const result = await seen(page);
    expect(result.bySnapshot, 'the first categories came from the snapshot').toBe(lang);
    expect(result.firstCardStillShown, 'the app kept the snapshot\'s elements instead of replacing them').toBe(true);
    expect(result.headings, 'no other heading (or language) was ever shown').toEqual([HEADING[lang]]);
    expect(result.langs).toEqual([lang === 'qu' ? 'qu' : 'es-PE']);

    await page.evaluate(() => ((window as unknown as { inPage: boolean }).inPage = true));
    await kiosk.categoryLinks().first().click();
    await expect(kiosk.guideLinks().first()).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { inPage?: boolean }).inPage)).toBe(true);
    await kiosk.goHomeByLogo();
    // "Salir" brings the kiosk's language back: the next load is in Spanish, from its snapshot.
    if (lang === 'qu') await page.getByRole('button', { name: 'Lluqsiy', exact: true }).click();
    await expect(kiosk.heading()).toHaveText(HEADING.es);
  }
  await context.setOffline(false);
});

test('after a session ends, the snapshot holds nothing the patron searched or typed', async ({ page }) => {
  const kiosk = new Kiosk(page);
  await kiosk.firstVisit();
  const query = 'Quispe Mamani 4417';
  const name = 'Teodora Ccori Huamán';
  await kiosk.search(query);
  await expect(page).toHaveURL(/\/buscar\?q=/);
  await kiosk.goHomeByLogo();
  await kiosk.openForm('preinscripcion-pension-65');
  await kiosk.fillForm([[/^Nombres/, name]]);
  await kiosk.goHomeByLogo();
  await kiosk.search(query);
  await kiosk.pressSalir();
  await page.getByRole('button', { name: 'Salir y borrar' }).click();
  await expect(kiosk.heading()).toHaveText(HEADING.es);
  // The home screen after the session is stored again (a moment after it settles).
  await page.evaluate(() => localStorage.removeItem('chaski.home.es'));
  await expect.poll(async () => (await stored(page)).length, { timeout: 10_000 }).toBe(1);

  const snapshot = JSON.stringify(await stored(page));
  expect(snapshot).toContain(HEADING.es);
  for (const text of [query, 'Quispe', name, 'Teodora']) expect(snapshot, `"${text}" is in the snapshot`).not.toContain(text);

  // Nor does a reload show it.
  await page.reload();
  await expect(kiosk.heading()).toHaveText(HEADING.es);
  await expect(kiosk.searchInput()).toHaveValue('');
  await expect(page.locator('body')).not.toContainText('Teodora');
});

test('a snapshot planted in localStorage by anyone else is not painted: it cannot redirect the page, move its links or load anything', async ({ page, baseURL, cspViolations }) => {
  const kiosk = new Kiosk(page);
  await kiosk.firstVisit();
  const isGenuine = async () => {
    const [only, ...others] = await stored(page);
    return only !== undefined && others.length === 0 && !only[1].includes('data-planted');
  };
  await expect.poll(isGenuine).toBe(true);
  const genuine = JSON.parse((await page.evaluate(() => localStorage.getItem('chaski.home.es'))) ?? 'null') as { html: string };
  const plants = {
    redirect: '<meta data-planted http-equiv="refresh" content="0;url=/biblioteca">',
    base: '<base data-planted href="https://phish.example/">',
    outsideLink: '<a data-planted href="https://phish.example/dni">DNI</a>',
    protocolRelative: '<a data-planted href="//phish.example/dni">DNI</a>',
    image: '<img data-planted src="/planted.png" alt="">',
    formAction: '<form data-planted action="https://phish.example/"><input name="dni"></form>',
    handler: '<div data-planted onpointerdown="location=\'/biblioteca\'">DNI</div>',
  };
  // A harmless addition is painted, so the watch below sees what a planted one would do.
  const control = '<p data-planted>Chaski</p>';
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  await page.addInitScript(`(() => {
    window.__planted = [];
    new MutationObserver(() => {
      for (const el of document.querySelectorAll('[data-planted]')) if (!window.__planted.includes(el.localName)) window.__planted.push(el.localName);
    }).observe(document, { childList: true, subtree: true });
  })();`);
  const plantedSeen = () => page.evaluate(() => (window as unknown as { __planted: string[] }).__planted);

  for (const [name, markup] of [...Object.entries(plants), ['control', control]]) {
    await expect.poll(isGenuine, `${name}: the app's own snapshot is back`).toBe(true);
    await page.evaluate((snapshot) => localStorage.setItem('chaski.home.es', snapshot), JSON.stringify({ ...genuine, html: markup + genuine.html }));
    await page.goto('/');
    await expect(kiosk.heading()).toHaveText(HEADING.es);
    await expect(kiosk.categoryLinks()).toHaveCount(publishedCategoryCount());
    await kiosk.categoryLinks().first().hover();
    if (name === 'control') {
      expect(await plantedSeen(), 'the watch sees a painted addition').toEqual(['p']);
      continue;
    }
    expect(await plantedSeen(), `${name}: nothing planted reached the page`).toEqual([]);
    expect(page.url(), name).toBe(new URL('/', baseURL).href);
    expect(await page.evaluate(() => document.baseURI), name).toBe(new URL('/', baseURL).href);
    expect(requested.filter((url) => url.includes('planted')), name).toEqual([]);
    // Chromium checks an inline handler against the policy as it parses it, even in the inert
    // template the painter refuses: reported and blocked, and nothing else was.
    if (name === 'handler') expect(cspViolations.splice(0).every((v) => v.directive === 'script-src-attr')).toBe(true);
  }
});
