// What one library knows locally, end to end: a librarian writes a note on a guide with the
// kiosk offline; the guide shows it at once in its own box; when the connection returns it goes
// to the server once, reaches the other kiosk of the same library (enrolled under the same name
// written differently) and no kiosk of another library; it prints with the guide on one page in
// both languages; and the day after its last day it is gone (Playwright's clock).
import type { BrowserContext, Page } from '@playwright/test';
import { addDays } from '../src/core/local-notes';
import { peruDay } from '../src/core/peru-day';
import { expectNoAxeViolations } from './axe';
import { expect, test } from './fixtures';
import { Kiosk } from './kiosk';
import { Librarian } from './librarian';
import { E2E_ADMIN_TOKEN } from './playwright.config';

interface Station {
  context: BrowserContext;
  page: Page;
  kiosk: Kiosk;
  librarian: Librarian;
}

// The longest guide on paper: the note must still leave it on one sheet.
const GUIDE = 'contigo';
const NOTE_ES =
  'En Nauta, la ULE de la municipalidad atiende los martes y jueves de 8 a 1, en el segundo piso. Lleve copia de su DNI y de un recibo de luz o agua. La próxima PIAS llega al puerto el día 15: allí también puede preguntar por Contigo. Teléfono de la biblioteca: 065 411 222.';
const NOTE_QU =
  "Nautapi, munisipalidadpa ULE nisqanqa martes, jueves punchawkunallam kichakun, 8 manta 1 kama, iskay kaq pisupi. DNIykipa kaqninta, k'anchay utaq yaku paganaykipa kaqnintawan apay. Hamuq PIAS nisqaqa 15 punchawpim puertoman chayamunqa: chaypipas Contigomanta tapukuy atinki.";
const BOX = { es: 'En esta biblioteca', qu: "Kay p'anqa wasipi" };

async function station(browser: import('@playwright/test').Browser, baseURL: string, library: string, now: Date): Promise<Station> {
  const context = await browser.newContext({ baseURL });
  await context.clock.install({ time: now });
  const page = await context.newPage();
  const kiosk = new Kiosk(page);
  await kiosk.firstVisit();
  const librarian = new Librarian(page);
  await librarian.enrol(library);
  return { context, page, kiosk, librarian };
}

/** Opens the panel and presses "Actualizar ahora"; resolves with the library's notes as the
 * server sent them to this kiosk (its real GET /api/v1/notes). */
async function syncAndReadFeed(s: Station): Promise<string> {
  await s.librarian.openPanel();
  const feed = s.page.waitForResponse((r) => r.url().endsWith('/api/v1/notes') && r.request().method() === 'GET' && r.status() === 200);
  await s.librarian.syncNow();
  return (await feed).text();
}

test('a local note written offline reaches the library’s other kiosk, not another library, prints on one page and is gone after its last day', async ({ browser, baseURL }) => {
  test.setTimeout(5 * 60_000);
  const now = new Date();
  const lastDay = addDays(peruDay(now), 10);
  const nauta1 = await station(browser, baseURL!, 'Biblioteca Municipal de Nauta', now);
  // The same library, its name typed another way on its second kiosk.
  const nauta2 = await station(browser, baseURL!, 'biblioteca municipal de NAUTA', now);
  const iquitos = await station(browser, baseURL!, 'Biblioteca Pública de Iquitos', now);

  // Offline, the librarian writes the note; the page passes axe in both languages.
  await nauta1.context.setOffline(true);
  await nauta1.librarian.openPanel();
  await nauta1.librarian.openNotes();
  await nauta1.librarian.writeNote({ guide: GUIDE, es: NOTE_ES, qu: NOTE_QU, lastDay });
  await expect(nauta1.librarian.noteItem(NOTE_ES).getByTestId('note-status')).toHaveText('Esperando envío');
  await expectNoAxeViolations(nauta1.page);
  await nauta1.kiosk.switchTo('Runasimi');
  await expect(nauta1.page.getByRole('heading', { level: 1, name: "Kay p'anqa wasipa willakuyninkuna" })).toBeVisible();
  await expectNoAxeViolations(nauta1.page);
  await nauta1.kiosk.switchTo('Español');

  // On this kiosk's guide at once, still offline, in its own box, in both languages.
  await nauta1.kiosk.openGuide(GUIDE);
  const box = nauta1.page.getByRole('region', { name: BOX.es });
  await expect(box).toContainText(NOTE_ES);
  await nauta1.kiosk.switchTo('Runasimi');
  await expect(nauta1.page.getByRole('region', { name: BOX.qu })).toContainText(NOTE_QU);
  await expectNoAxeViolations(nauta1.page);
  await nauta1.kiosk.switchTo('Español');

  // The connection returns: the note goes to the server, once.
  const posted: string[] = [];
  nauta1.page.on('request', (r) => {
    if (r.url().endsWith('/api/v1/notes') && r.method() === 'POST') posted.push(r.postData() ?? '');
  });
  await nauta1.context.setOffline(false);
  const ownFeed = await syncAndReadFeed(nauta1);
  expect(ownFeed).toContain(NOTE_ES);
  await nauta1.librarian.openNotes();
  await expect(nauta1.librarian.noteItem(NOTE_ES).getByTestId('note-status')).toHaveText('Enviada');
  await syncAndReadFeed(nauta1);
  expect(posted.filter((body) => body.includes(NOTE_ES))).toHaveLength(1);

  // The library's second kiosk shows it, in Quechua too, and prints it on one sheet.
  expect(await syncAndReadFeed(nauta2)).toContain(NOTE_ES);
  await nauta2.kiosk.openGuide(GUIDE);
  await expect(nauta2.page.getByRole('region', { name: BOX.es })).toContainText(NOTE_ES);
  const printed = await nauta2.kiosk.printout();
  expect(printed.pages).toBe(1);
  expect(printed.text).toContain(BOX.es);
  expect(printed.text).toContain('Teléfono de la biblioteca: 065 411 222');
  await nauta2.kiosk.switchTo('Runasimi');
  await expect(nauta2.page.getByRole('region', { name: BOX.qu })).toContainText(NOTE_QU);
  const printedQu = await nauta2.kiosk.printout();
  expect(printedQu.pages).toBe(1);
  expect(printedQu.text).toContain(BOX.qu);
  await nauta2.kiosk.switchTo('Español');

  // Another library's kiosk: the server never sends it, and its guide has no box.
  expect(await syncAndReadFeed(iquitos)).not.toContain(NOTE_ES);
  await iquitos.kiosk.openGuide(GUIDE);
  await expect(iquitos.page.getByRole('heading', { level: 2, name: 'Qué llevar' })).toBeVisible();
  await expect(iquitos.page.getByRole('region', { name: BOX.es })).toHaveCount(0);

  // The network's editors see it, with its library.
  const listing = (await (await fetch(`${baseURL}/api/v1/admin/notes`, { headers: { authorization: `Bearer ${E2E_ADMIN_TOKEN}` } })).json()) as { notes: Array<{ text: { es: string }; library: string }> };
  expect(listing.notes.filter((n) => n.text.es === NOTE_ES).map((n) => n.library)).toEqual(['Biblioteca Municipal de Nauta']);

  // Its last day, late in the evening in Lima: still there. The next morning: gone.
  await nauta2.context.clock.setSystemTime(new Date(`${lastDay}T22:00:00-05:00`));
  await nauta2.kiosk.openGuide(GUIDE);
  await expect(nauta2.page.getByRole('region', { name: BOX.es })).toContainText(NOTE_ES);
  await nauta2.context.clock.setSystemTime(new Date(`${addDays(lastDay, 1)}T07:00:00-05:00`));
  await nauta2.kiosk.openGuide(GUIDE);
  await expect(nauta2.page.getByRole('heading', { level: 2, name: 'Qué llevar' })).toBeVisible();
  await expect(nauta2.page.getByRole('region', { name: BOX.es })).toHaveCount(0);

  for (const s of [nauta1, nauta2, iquitos]) await s.context.close();
});
