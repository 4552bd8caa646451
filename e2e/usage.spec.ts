// What patrons came for, counted and published (docs/impact-data.md): two kiosks in two
// departments are used over three days of last month (Playwright's clock), one of them offline
// on the second day; their counts are pushed through a faulty network; the library's panel, the
// network's public report and its open data then say exactly what was done, with the small
// cells suppressed, and a DNI typed into the search never leaves the kiosk.
import type { BrowserContext, Page } from '@playwright/test';
import { addMonths, peruDay, peruMonth } from '../src/core/peru-day';
import { parseCsv, type TableSchema, validateTable } from '../test/server/table-schema';
import { expectNoAxeViolations } from './axe';
import { FaultProxy } from './fault-proxy';
import { expect, test } from './fixtures';
import { Kiosk } from './kiosk';
import { usageRows } from './kiosk-storage';
import { Librarian, type Place } from './librarian';
import { E2E_PORT } from './playwright.config';

const GUIDE = 'dni-duplicado';
const GUIDE_TITLE = 'Duplicado del DNI (perdido, robado o dañado)';
const NOT_FOUND = 'brevete moto';
const DNI = '45678912';
const URCOS: Place = { department: 'Cusco', province: 'Quispicanchi', district: 'Urcos' };
const PUNO: Place = { department: 'Puno', province: 'Puno', district: 'Puno' };

/** 10:00 in Lima on the 10th, 11th and 12th of last month (Peru's calendar), and that month. */
function lastMonthDays(): { days: Date[]; month: string } {
  const month = addMonths(peruMonth(), -1);
  const days = ['10', '11', '12'].map((d) => new Date(`${month}-${d}T15:00:00Z`));
  return { days, month };
}

/** One patron: a topic, the DNI guide, "useful? yes", a search that finds nothing, a DNI typed
 * into the search, and Salir. In Quechua from the first tap when `quechua`. Every step is a tap
 * (no page load): Chromium forgets an emulated offline network at a navigation. */
async function patronSession(page: Page, quechua: boolean) {
  const kiosk = new Kiosk(page);
  await expect(kiosk.categoryLinks().first()).toBeVisible();
  if (quechua) await kiosk.switchTo('Runasimi');
  await page.locator('a.category-card[href="/tema/identidad"]').click();
  await page.locator(`a.guide-link[href="/guia/${GUIDE}"]`).click();
  await expect(page.getByRole('heading', { level: 2, name: quechua ? '¿Kay pusaq qillqa yanaparqasunkichu?' : '¿Le sirvió esta guía?' })).toBeVisible();
  await page.getByRole('button', { name: quechua ? 'Arí' : 'Sí', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: quechua ? 'Sulpayki' : 'Gracias' })).toBeVisible();
  for (const query of [NOT_FOUND, DNI]) {
    await kiosk.search(query);
    await expect(page.getByText(quechua ? 'Chay simikunawanqa manam pusaq qillqata tariykuchu.' : 'No encontramos guías con esas palabras.')).toBeVisible();
    await expect(kiosk.guideLinks()).toHaveCount(0);
    // Counted once the patron pauses (1.5 s).
    await page.waitForTimeout(2_000);
  }
  await page.getByRole('button', { name: quechua ? 'Lluqsiy' : 'Salir', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Español', exact: true })).toHaveAttribute('aria-pressed', 'true');
}

interface Station {
  name: string;
  place: Place;
  context: BrowserContext;
  page: Page;
  /** Every usage push body this kiosk sent. */
  pushed: string[];
}

test('three days on two kiosks: the counts, the panel, the public report and its open data agree, small cells suppressed, no DNI leaves the kiosk', async ({ browser, baseURL }) => {
  test.setTimeout(10 * 60_000);
  const { days, month } = lastMonthDays();
  const proxy = new FaultProxy(E2E_PORT, 15);
  const origin = `http://localhost:${await proxy.start()}`;

  const stations: Station[] = [];
  for (const [name, place] of [['Biblioteca Municipal de Urcos', URCOS], ['Biblioteca Municipal de Puno', PUNO]] as const) {
    const context = await browser.newContext({ baseURL: origin });
    await context.clock.install({ time: days[0]! });
    const page = await context.newPage();
    const pushed: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/v1/usage')) pushed.push(request.postData() ?? '');
    });
    await new Kiosk(page).firstVisit();
    await new Librarian(page).enrol(name, undefined, place);
    await new Kiosk(page).goHomeByLogo();
    stations.push({ name, place, context, page, pushed });
  }
  const [urcos, puno] = stations as [Station, Station];

  // Urcos: two patrons a day, one in Spanish and one in Quechua; offline all of the second day.
  // Puno: one patron a day, in Quechua.
  for (const [i, day] of days.entries()) {
    for (const station of stations) await station.context.clock.setSystemTime(day);
    await urcos.context.setOffline(i === 1);
    await patronSession(urcos.page, false);
    await patronSession(urcos.page, true);
    await patronSession(puno.page, true);
  }

  // The counts on each kiosk, by day: nothing typed into the search as a number among them.
  const urcosRows = await usageRows(urcos.page);
  expect(urcosRows.map((r) => r.day)).toEqual(days.map((d) => peruDay(d)));
  for (const row of urcosRows) expect(row.counts).toMatchObject({ sessions: 2, quechuaSessions: 1, guidesOpened: { [GUIDE]: 2 }, guideUseful: { [GUIDE]: 2 }, unmetSearches: { [NOT_FOUND]: 2 } });
  expect(urcosRows[1]!.counts).toMatchObject({ offlineSessions: 2 });
  expect(JSON.stringify(urcosRows)).not.toContain('4567');

  // The panel of the Urcos kiosk, on the third day: this month is the month of the three days.
  const librarian = new Librarian(urcos.page);
  await librarian.openPanel();
  await librarian.openUsage();
  await expect(librarian.usageFigure('Sesiones \\(').getByRole('cell').first()).toHaveText('6');
  await expect(librarian.usageFigure('Sesiones en quechua').getByRole('cell').first()).toHaveText('3 (50 %)');
  await expect(librarian.usageFigure('Sesiones sin conexión').getByRole('cell').first()).toHaveText('2');
  await expect(urcos.page.getByRole('table', { name: /Guías más consultadas/ }).first().getByRole('row', { name: GUIDE_TITLE })).toContainText('6');
  await expect(urcos.page.getByRole('table', { name: /Búsquedas sin resultado/ }).first()).toContainText(NOT_FOUND);
  await expect(urcos.page.getByRole('table', { name: /Búsquedas sin resultado/ }).first()).not.toContainText('4567');
  await expectNoAxeViolations(urcos.page);
  // Printed for a meeting with the municipality: one A4 page, the library and the figures on it.
  const printout = await new Kiosk(urcos.page).printout();
  expect(printout.pages).toBe(1);
  expect(printout.text).toContain('Biblioteca Municipal de Urcos');
  expect(printout.text).toContain(NOT_FOUND);
  expect(printout.text).not.toContain('Volver al panel');
  await new Kiosk(urcos.page).switchTo('Runasimi');
  await expect(urcos.page.getByRole('heading', { level: 1 })).not.toContainText('uso de este equipo');
  await expectNoAxeViolations(urcos.page);
  await new Kiosk(urcos.page).switchTo('Español');

  // Back online through a network that drops, fails and resets pushes after the server took
  // them: each kiosk keeps sending until the server holds every day's latest counts.
  proxy.faults = { drop: 0.2, error500: 0.2, resetAfterCommit: 0.3, maxDelayMs: 100 };
  await urcos.context.setOffline(false);
  // (Counts are not urgent: after a failed usage push a kiosk waits for its next round, so here
  // the connection comes back every few seconds to give it many chances.)
  for (const station of stations) {
    const unacknowledged = async () => {
      await station.context.setOffline(true);
      await station.context.setOffline(false);
      return (await usageRows(station.page)).filter((r) => r.sentRevision < r.revision).map((r) => r.day);
    };
    await expect.poll(unacknowledged, { intervals: [4_000], timeout: 240_000, message: `${station.name}: days not yet acknowledged` }).toEqual([]);
  }
  proxy.faults = null;
  expect(proxy.stats.dropped + proxy.stats.answered500 + proxy.stats.resetAfterCommit).toBeGreaterThan(0);
  for (const station of stations) expect(station.pushed.join('\n')).not.toContain(DNI.slice(0, 4));

  // The public report's open data for that month, read from the server itself.
  const csv = await (await fetch(`${baseURL}/informe/datos.csv?mes=${month}`)).text();
  const [header, ...rows] = parseCsv(csv);
  const cell = (nivel: string, ubigeo: string, indicador: string, clave = '') => {
    const found = rows.filter((r) => r[header!.indexOf('nivel')] === nivel && r[header!.indexOf('ubigeo')] === ubigeo && r[header!.indexOf('indicador')] === indicador && r[header!.indexOf('clave')] === clave);
    expect(found, `${nivel} ${ubigeo} ${indicador} ${clave}`).toHaveLength(1);
    const row = found[0]!;
    return { valor: row[header!.indexOf('valor')], dias: row[header!.indexOf('dias_kiosco')], suprimido: row[header!.indexOf('suprimido')] };
  };
  // The whole network: 9 sessions on 6 kiosk-days, 6 of them in Quechua.
  expect(cell('red', '', 'sesiones')).toEqual({ valor: '9', dias: '6', suprimido: 'false' });
  expect(cell('red', '', 'sesiones_quechua')).toEqual({ valor: '6', dias: '6', suprimido: 'false' });
  expect(cell('red', '', 'guias_abiertas', GUIDE)).toEqual({ valor: '9', dias: '6', suprimido: 'false' });
  expect(cell('red', '', 'guia_util_si', GUIDE)).toEqual({ valor: '9', dias: '6', suprimido: 'false' });
  expect(cell('red', '', 'busquedas_sin_resultado', NOT_FOUND)).toEqual({ valor: '9', dias: '6', suprimido: 'false' });
  // Small cells: the offline sessions (one kiosk-day), and each department (three kiosk-days).
  expect(cell('red', '', 'sesiones_sin_conexion')).toEqual({ valor: '', dias: '', suprimido: 'true' });
  expect(cell('departamento', '08', 'sesiones')).toEqual({ valor: '', dias: '', suprimido: 'true' });
  expect(cell('departamento', '21', 'sesiones')).toEqual({ valor: '', dias: '', suprimido: 'true' });
  expect(csv).not.toContain('4567');
  expect(csv).not.toContain('Biblioteca');
  // Every row conforms to the data package's own table schema.
  const pack = (await (await fetch(`${baseURL}/informe/datapackage.json`)).json()) as { licenses: Array<{ name: string }>; resources: Array<{ path: string; schema: TableSchema }> };
  expect(pack.licenses.map((l) => l.name)).toContain('CC-BY-4.0');
  const csvResource = pack.resources.find((r) => r.path.endsWith('.csv'))!;
  expect(validateTable(csv, csvResource.schema)).toEqual([]);
  const json = (await (await fetch(`${baseURL}/informe/datos.json?mes=${month}`)).json()) as { filas: unknown[] };
  expect(json.filas).toHaveLength(rows.length);

  // The public page says the same, in both languages, and axe finds nothing on it.
  const reader = await browser.newContext({ baseURL });
  const page = await reader.newPage();
  await page.goto(`/informe?mes=${month}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('main')).toContainText(NOT_FOUND);
  await expectNoAxeViolations(page);
  await page.goto(`/informe?mes=${month}&lang=qu`);
  await expect(page.locator('html')).toHaveAttribute('lang', /qu/);
  await expectNoAxeViolations(page);
  await reader.close();

  await proxy.stop();
  for (const station of stations) await station.context.close();
});
