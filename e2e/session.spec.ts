// Patrons share one terminal: every session ends, whichever way the patron leaves (Salir,
// idle time on any screen, home included, or a crash), and then nothing the patron typed, searched
// or saw is left in the browser's storage or behind Back and Forward.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectNoAxeViolations } from './axe';
import { expect, launchProfile, test } from './fixtures';
import { Kiosk } from './kiosk';
import { everythingStored } from './kiosk-storage';

const FORM = 'preinscripcion-pension-65';

async function startDraft(kiosk: Kiosk, name: string) {
  await kiosk.fillForm([
    [/^Nombres/, name],
    [/^Dirección/, 'Anexo Ccochapampa s/n'],
  ]);
  // The autosave has written it.
  await expect.poll(() => everythingStored(kiosk.page)).toContain(name);
}

/** The next patron's view: nothing of `texts` on screen or anywhere in storage, and the form empty. */
async function nothingLeft(kiosk: Kiosk, texts: string[]) {
  const page = kiosk.page;
  const stored = await everythingStored(page);
  for (const text of texts) {
    expect(stored, `"${text}" is still stored`).not.toContain(text);
    await expect(page.locator('body')).not.toContainText(text);
  }
  await kiosk.openForm(FORM);
  await expect(page.getByLabel(/^Nombres/)).toHaveValue('');
  await expect(page.getByLabel(/^Dirección/)).toHaveValue('');
}

test('"Salir" with unsent answers asks first, in the patron\'s language first; "Salir y borrar" erases them, resets the language and goes home', async ({ page }) => {
  const kiosk = new Kiosk(page);
  await kiosk.firstVisit();
  await kiosk.openForm(FORM);
  await startDraft(kiosk, 'Teodora Huamán');
  await kiosk.switchTo('Runasimi');

  // It stands apart from the language switch, so a patron changing language does not end.
  const gap = await page.evaluate(() => {
    const lang = document.querySelector('.lang-switch')!.getBoundingClientRect();
    const finish = document.querySelector('.finish')!.getBoundingClientRect();
    return finish.top >= lang.bottom ? Infinity : finish.left - lang.right;
  });
  expect(gap).toBeGreaterThanOrEqual(40);

  await page.getByRole('button', { name: 'Lluqsiy' }).click();
  const dialog = kiosk.sessionDialog();
  await expect(dialog.getByRole('heading')).toHaveText(/^¿Qillqasqaykita pichasunchu\?\s*¿Borrar lo que escribió\?$/);
  await expect(dialog.getByRole('button', { name: 'Manam, qillqaspa qatisaq' })).toBeFocused();
  await expectNoAxeViolations(page);
  // Changing her mind keeps everything.
  await dialog.getByRole('button', { name: 'Manam, qillqaspa qatisaq' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel(/^Yuyaqpa sutin/)).toHaveValue('Teodora Huamán');

  await page.getByRole('button', { name: 'Lluqsiy' }).click();
  await dialog.getByRole('button', { name: 'Pichaspa lluqsiy' }).click();
  await expect(kiosk.heading()).toHaveText('¿Qué trámite necesita?');
  await expect(page.locator('html')).toHaveAttribute('lang', 'es-PE');
  await nothingLeft(kiosk, ['Teodora', 'Ccochapampa']);
});

test('"Salir" with nothing typed ends at once; a name typed a moment ago is asked about even before it is saved', async ({ page }) => {
  const kiosk = new Kiosk(page);
  await kiosk.firstVisit();
  await kiosk.openGuide('pension-65');
  await kiosk.pressSalir();
  await expect(kiosk.sessionDialog()).toBeHidden();
  await expect(kiosk.heading()).toHaveText('¿Qué trámite necesita?');

  await kiosk.openForm(FORM);
  await page.getByLabel(/^Nombres/).pressSequentially('Isidora');
  await kiosk.pressSalir();
  await expect(kiosk.sessionDialog()).toContainText('¿Borrar lo que escribió?');
});

test('after 3 idle minutes a countdown in both languages says unsent answers will be erased, offers to stay, then the session ends', async ({ page }) => {
  await page.clock.install();
  const kiosk = new Kiosk(page);
  await kiosk.firstVisit();
  await kiosk.openForm(FORM);
  await startDraft(kiosk, 'Eusebio Ccori');

  await page.clock.fastForward('03:05');
  const dialog = kiosk.sessionDialog();
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('¿Sigue ahí?');
  await expect(dialog).toContainText('¿Kaypiraqchu kachkanki?');
  await expect(dialog).toContainText('Lo que escribió y no envió se borrará.');
  await expect(dialog.getByRole('button')).toBeFocused();
  await expectNoAxeViolations(page);
  await dialog.getByRole('button', { name: /Sigo aquí/ }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel(/^Nombres/)).toHaveValue('Eusebio Ccori');

  await page.clock.fastForward('03:05');
  await expect(dialog).toBeVisible();
  await page.clock.fastForward('00:31');
  await expect(dialog).toBeHidden();
  await expect(kiosk.heading()).toHaveText('¿Qué trámite necesita?');
  await nothingLeft(kiosk, ['Eusebio', 'Ccochapampa']);
});

test('a patron who goes home through the logo instead of "Salir" is forgotten all the same', async ({ page }) => {
  await page.clock.install();
  const kiosk = new Kiosk(page);
  await kiosk.firstVisit();
  await kiosk.categoryLinks().first().click();
  await kiosk.openForm(FORM);
  await startDraft(kiosk, 'Valentina Condori');
  await kiosk.goHomeByLogo();
  await expect(kiosk.heading()).toHaveText('¿Qué trámite necesita?');

  // On the home screen, with answers left in the kiosk, the countdown runs as anywhere else.
  await page.clock.fastForward('03:05');
  await expect(kiosk.sessionDialog()).toBeVisible();
  await page.clock.fastForward('00:31');
  await expect(kiosk.sessionDialog()).toBeHidden();
  await nothingLeft(kiosk, ['Valentina', 'Ccochapampa']);

  // A home screen with nothing to forget never interrupts anyone.
  await page.goto('/');
  await page.clock.fastForward('10:00');
  await expect(kiosk.sessionDialog()).toBeHidden();
});

test('after "Salir", Back and Forward reach none of the last patron\'s screens, searches or answers', async ({ page }) => {
  const kiosk = new Kiosk(page);
  await kiosk.firstVisit();
  // A patron's visit, all by taps: a category, a guide, a search, a guide found, its form.
  await kiosk.categoryLinks().first().click();
  await kiosk.guideLinks().first().click();
  await kiosk.search('pension yuyaq');
  await page.getByRole('link', { name: /Pensión 65/ }).first().click();
  await page.getByRole('region', { name: 'Formularios que puede llenar aquí' }).getByRole('link').first().click();
  await startDraft(kiosk, 'Marcelina Quispe');
  await kiosk.pressSalir();
  await kiosk.sessionDialog().getByRole('button', { name: 'Salir y borrar' }).click();
  await expect(kiosk.heading()).toHaveText('¿Qué trámite necesita?');

  const seen = async () => {
    const url = new URL(page.url());
    if (url.protocol === 'about:') return;
    expect(url.pathname + url.search).toBe('/');
    await expect(kiosk.heading()).toHaveText('¿Qué trámite necesita?');
    await expect(page.locator('body')).not.toContainText('Marcelina');
    await expect(kiosk.searchInput()).toHaveValue('');
  };
  for (let i = 0; i < 6; i++) {
    await page.goBack();
    await seen();
  }
  for (let i = 0; i < 8; i++) {
    await page.goForward();
    await seen();
  }
  expect(await everythingStored(page)).not.toContain('Marcelina');
});

test('answers left by a crash or a power cut are erased at the next start', async ({ baseURL, cspViolations }) => {
  test.setTimeout(120_000);
  const profile = mkdtempSync(join(tmpdir(), 'chaski-crash-'));
  const launch = () => launchProfile(profile, baseURL!, cspViolations);
  try {
    let { context, page } = await launch();
    const kiosk = new Kiosk(page);
    await kiosk.firstVisit();
    await kiosk.switchTo('Runasimi');
    await kiosk.openForm(FORM);
    await kiosk.fillForm([[/^Yuyaqpa sutin/, 'Clorinda Mamani']]);
    await expect.poll(() => everythingStored(page)).toContain('Clorinda');
    // The power goes: no "Salir", no countdown.
    await context.close();

    ({ context, page } = await launch());
    const restarted = new Kiosk(page);
    await page.goto('/');
    await expect(restarted.heading()).toHaveText('¿Qué trámite necesita?');
    await expect(page.locator('html')).toHaveAttribute('lang', 'es-PE');
    await nothingLeft(restarted, ['Clorinda']);
    await context.close();
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});

test('reading is presence: mouse movement every 30 s for 5 minutes brings no countdown; any tap dismisses it', async ({ page }) => {
  await page.clock.install();
  const kiosk = new Kiosk(page);
  await kiosk.firstVisit();
  await kiosk.openGuide('pension-65');
  for (let i = 0; i < 10; i++) {
    await page.clock.fastForward('00:30');
    await page.mouse.move(200 + i * 10, 300);
  }
  await page.clock.fastForward('00:02');
  await expect(kiosk.sessionDialog()).toBeHidden();
  // Scrolling too.
  await page.clock.fastForward('02:50');
  // Chromium answers a wheel before the page has run its (passive) listeners: the clock moves on
  // only once the page has seen the wheel, or the countdown can come first on a busy machine.
  await page.evaluate(() => {
    (window as unknown as { wheelSeen: Promise<void> }).wheelSeen = new Promise((resolve) => window.addEventListener('wheel', () => resolve(), { once: true, passive: true }));
  });
  await page.mouse.wheel(0, 400);
  await page.evaluate(() => (window as unknown as { wheelSeen: Promise<void> }).wheelSeen);
  await page.clock.fastForward('00:20');
  await expect(kiosk.sessionDialog()).toBeHidden();

  await page.clock.fastForward('03:05');
  const dialog = kiosk.sessionDialog();
  await expect(dialog).toBeVisible();
  // A tap anywhere, not only on its button, means "still here".
  await page.mouse.click(5, 5);
  await expect(dialog).toBeHidden();
  await expect(kiosk.heading()).toHaveText(/Pensión 65/);
});

test('at 200 % zoom on a touchscreen, in Runasimi, the countdown fits or scrolls and its button answers a tap', async ({ browser, baseURL }) => {
  // 1280 × 800 at 200 %: a 640 × 400 CSS viewport.
  const context = await browser.newContext({ baseURL, viewport: { width: 640, height: 400 }, hasTouch: true });
  const page = await context.newPage();
  await page.clock.install();
  const kiosk = new Kiosk(page);
  await kiosk.firstVisit();
  await kiosk.switchTo('Runasimi');
  await kiosk.openForm(FORM);
  await kiosk.fillForm([[/^Yuyaqpa sutin/, 'Clorinda']]);
  await page.clock.fastForward('03:05');
  const dialog = kiosk.sessionDialog();
  await expect(dialog).toBeVisible();
  // The patron's language first.
  await expect(dialog.getByRole('heading')).toHaveText(/^¿Kaypiraqchu kachkanki\?/);
  const button = dialog.getByRole('button', { name: /Kaypiraqmi kachkani/ });
  await button.scrollIntoViewIfNeeded();
  const box = (await button.boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(400);
  await button.tap();
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel(/^Yuyaqpa sutin/)).toHaveValue('Clorinda');
  await context.close();
});
