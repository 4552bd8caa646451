// What a patron who means harm can reach at the kiosk, tried: pointing the kiosk at a server of
// their own, and following a link off the kiosk. Neither works.
import { createServer } from 'node:http';
import { expect, test } from './fixtures';
import { Kiosk } from './kiosk';
import { kioskMeta, putCatalogueRows, setKioskMeta } from './kiosk-storage';
import { Librarian } from './librarian';
import { publishedGuideIds } from './server';

/** What a patron's own server would publish. */
const FAKE_GUIDE = {
  id: 'deposito-dni',
  category: 'identidad',
  agency: 'RENIEC',
  title: { es: 'DNI gratis: deposite S/ 50 a la cuenta 123', qu: 'DNI mana pagana' },
  summary: { es: 'Falso.', qu: 'Llulla.' },
  audience: { es: 'Todos.', qu: 'Llapan.' },
  requirements: [{ es: 'Dinero', qu: 'Qullqi' }],
  steps: [{ es: 'Deposite.', qu: 'Churay.' }],
  cost: { free: true },
  where: { es: 'Banco', qu: 'Banku' },
  duration: { es: 'Un día', qu: 'Huk punchaw' },
  source: 'https://estafa.example',
  reviewed: '2026-11-24',
};

test('nobody at the kiosk can point it at another server: it enrols and syncs only with its own', async ({ page, context, baseURL, server }) => {
  // A server of the patron's own, ready to serve a fake catalogue and collect submissions.
  const rogueRequests: string[] = [];
  const rogue = createServer((request, response) => {
    rogueRequests.push(`${request.method} ${request.url}`);
    response.writeHead(request.url?.includes('enroll') ? 201 : 200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
    response.end(JSON.stringify({ kioskId: 'rogue', token: 'rogue-token-0000000000000000', library: 'Fake', changes: [], cursor: 'x', more: false, results: [] }));
  });
  await new Promise<void>((resolve) => rogue.listen(0, '127.0.0.1', resolve));
  const rogueUrl = `http://127.0.0.1:${(rogue.address() as { port: number }).port}`;
  try {
    const kiosk = new Kiosk(page);
    const librarian = new Librarian(page);
    await kiosk.firstVisit();
    // An unenrolled kiosk shows which server it belongs to, and offers no field to change it,
    // whatever the address bar says.
    await page.goto(`/kiosco?server=${encodeURIComponent(rogueUrl)}`);
    await expect(page.getByTestId('kiosk-server')).toHaveText(new URL(baseURL!).origin);
    await expect(page.locator('input[type="url"], input[name="server"]')).toHaveCount(0);
    await librarian.enrol('Biblioteca de Checacupe');

    // A kiosk hijacked under the old version kept the patron's server in its identity: it is
    // ignored now, and the kiosk talks to its own server again. (Offline while it is set up.)
    await context.setOffline(true);
    const identity = await kioskMeta<Record<string, unknown>>(page, 'identity');
    expect(identity).toBeDefined();
    await setKioskMeta(page, 'identity', { ...identity, serverUrl: rogueUrl });
    // And the catalogue that server left: a fake guide, and a cursor this network never made.
    await putCatalogueRows(page, {
      guides: [{ id: FAKE_GUIDE.id, version: 1, category: FAKE_GUIDE.category, forms: [], json: JSON.stringify(FAKE_GUIDE) }],
      meta: [{ key: 'cursor', value: 'cursor-del-servidor-falso' }],
    });
    await kiosk.openGuide(FAKE_GUIDE.id);
    await expect(kiosk.heading()).toHaveText(FAKE_GUIDE.title.es);
    await context.setOffline(false);
    await page.reload();
    const comment = `Comentario que no debe salir de la red ${Date.now()}`;
    await kiosk.sendFeedback({ guide: 'juntos', useful: true, comment });
    await expect(kiosk.receiptStatus()).toHaveText('Enviado');
    expect(await server.commentsSaying(comment)).toHaveLength(1);
    // The network's own catalogue replaced the fake one whole.
    await expect(async () => {
      await page.goto(`/guia/${FAKE_GUIDE.id}`);
      await expect(page.getByText('No encontramos esta guía.')).toBeVisible({ timeout: 1_000 });
    }).toPass();
    await kiosk.openGuide('pension-65');
    await expect(kiosk.heading()).toHaveText(/Pensión 65/);

    // Enrolled: the enrolment screen only says so; enrolling again is behind the PIN.
    await page.goto('/kiosco');
    await expect(page.getByText('Este equipo está registrado para Biblioteca de Checacupe.')).toBeVisible();
    await expect(page.getByLabel('Código de registro')).toHaveCount(0);
    await page.goto('/biblioteca');
    await expect(librarian.pinField()).toBeVisible();
    await expect(page.getByLabel('Código de registro')).toHaveCount(0);
    await librarian.unlock();
    await expect(page.getByTestId('panel-server')).toHaveText(new URL(baseURL!).origin);
    await expect(page.getByRole('button', { name: 'Registrar de nuevo' })).toBeVisible();

    expect(rogueRequests).toEqual([]);
  } finally {
    rogue.close();
  }
});

test('no guide takes the kiosk off its origin: outside addresses are text and a QR code, on screen and on paper', async ({ page }) => {
  test.setTimeout(120_000);
  const kiosk = new Kiosk(page);
  await kiosk.firstVisit();
  const guides = publishedGuideIds();
  expect(guides.length).toBeGreaterThan(20);
  const origin = new URL(page.url()).origin;
  for (const id of guides) {
    await kiosk.openGuide(id);
    // Every link on the screen stays in the app.
    const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
    expect(hrefs.filter((href) => new URL(href).origin !== origin), id).toEqual([]);
    // The official page is there to read and to scan.
    await expect(page.locator('.outside-address .address-text').first(), id).toHaveText(/^[a-z0-9.-]+\.[a-z]{2,}(\/\S*)?$/i);
    await expect(page.getByRole('img', { name: /^Código QR de / }).first(), id).toBeVisible();
  }

  // Touching the address or the code goes nowhere; on paper, the code is printed.
  await kiosk.openGuide('pension-65');
  const before = page.url();
  await page.locator('.outside-address .address-text').first().click();
  await page.locator('svg.qr').first().click();
  expect(page.url()).toBe(before);
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('svg.qr').first()).toBeVisible();
  await expect(page.locator('.top-bar')).toBeHidden();
});
