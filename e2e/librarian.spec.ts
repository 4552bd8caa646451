// The librarian's panel: enrolment with a PIN on first run, a lockout that grows with wrong
// PINs, the outbox shown without a single answer, settings, and no accessibility problems.
import { expectNoAxeViolations } from './axe';
import { expect, type Page, test } from './fixtures';
import { enrollKiosk, Kiosk, LIBRARIAN_PIN, serverSubmissions } from './kiosk';
import { FaultProxy } from './fault-proxy';
import { E2E_ADMIN_TOKEN, E2E_ENROLL_CODE, E2E_PORT } from './playwright.config';

async function enterPin(page: Page, pin: string) {
  await page.getByLabel('PIN', { exact: true }).fill(pin);
  await page.getByRole('button', { name: 'Entrar' }).click();
}

/** A PIN the panel refuses: waits until it was checked (slow on purpose: PBKDF2) and the field
 * cleared, so the next try is a separate one. */
async function enterRefusedPin(page: Page, pin: string) {
  await enterPin(page, pin);
  await expect(page.getByLabel('PIN', { exact: true })).toHaveValue('', { timeout: 30_000 });
}

test('enrolment sets a PIN; wrong PINs lock the panel, and the lock survives a reload', async ({ page }) => {
  const kiosk = new Kiosk(page);
  await kiosk.firstVisit();
  await page.getByRole('link', { name: 'Panel del bibliotecario' }).click();
  await expect(kiosk.heading()).toHaveText('Registrar este equipo');
  // The server is the app's own: shown, never asked for.
  await expect(page.getByTestId('kiosk-server')).toHaveText(new URL(page.url()).origin);
  await expect(page.locator('main input')).toHaveCount(4); // code, library, PIN twice
  await expect(page.getByLabel(/servidor/i)).toHaveCount(0);
  await expectNoAxeViolations(page);
  await enrollKiosk(page, E2E_ENROLL_CODE, 'Biblioteca de Lares', '/biblioteca');

  await page.goto('/biblioteca');
  await expect(kiosk.heading()).toHaveText('Panel del bibliotecario');
  await expectNoAxeViolations(page);
  for (let i = 0; i < 2; i++) {
    await enterRefusedPin(page, '1357');
    await expect(page.getByRole('alert')).toHaveText('PIN incorrecto.');
  }
  await enterRefusedPin(page, '1357');
  await expect(page.getByRole('alert')).toContainText('Demasiados intentos');
  // Even the right PIN waits now, also after a reload.
  await page.reload();
  await expect(page.getByRole('alert')).toContainText('Demasiados intentos');
  await enterRefusedPin(page, LIBRARIAN_PIN);
  await expect(page.getByRole('alert')).toContainText('Demasiados intentos');
  await expect(page.getByRole('heading', { name: 'Envíos pendientes' })).toBeHidden();
});

test('the panel shows the outbox by status without any answer, and its settings take effect', async ({ page, context }) => {
  const kiosk = new Kiosk(page);
  await kiosk.firstVisit();
  await enrollKiosk(page, E2E_ENROLL_CODE, 'Biblioteca de Pisac', '/biblioteca');

  await context.setOffline(true);
  await page.goto('/formulario/comentario-guia?guia=dni-duplicado');
  await page.getByRole('group', { name: /Le sirvió esta guía/ }).getByLabel('No').check();
  await page.getByLabel(/Hay algo equivocado/).fill('Mi vecina Filomena Huillca dice que el costo cambió');
  await page.getByRole('button', { name: 'Enviar' }).click();
  const code = await page.getByTestId('receipt-code').textContent();

  await page.goto('/biblioteca');
  await enterPin(page, LIBRARIAN_PIN);
  const outbox = page.getByTestId('outbox');
  await expect(outbox).toContainText(code!);
  await expect(outbox).toContainText('En espera');
  await expect(outbox).toContainText('¿Qué le pareció esta guía?');
  await expect(page.getByTestId('catalogue-counts')).toHaveText(/\d+ temas, \d+ guías, \d+ formularios/);
  await expect(page.getByTestId('storage-use')).toContainText('usados de');
  expect(await page.content()).not.toContain('Filomena');
  await kiosk.switchTo('Runasimi');
  await expect(kiosk.heading()).toHaveText("P'anqa wasi kamayuqpa llamk'anan");
  await expectNoAxeViolations(page);
  await kiosk.switchTo('Español');

  // Default language for each new patron: Quechua.
  await page.getByLabel('Idioma para cada nuevo usuario').selectOption('qu');
  await page.getByRole('button', { name: 'Guardar ajustes' }).click();
  await expect(page.getByText('Ajustes guardados.')).toBeVisible();
  await page.getByRole('button', { name: 'Salir', exact: true }).click();
  await expect(kiosk.heading()).toHaveText('¿Ima ruranatataq munanki?');

  // The session's end also closed the panel.
  await page.goto('/biblioteca');
  await expect(page.getByLabel('Pakasqa yupay (PIN)')).toBeVisible();

  await context.setOffline(false);
  await enterPinQu(page);
  await expect(page.getByTestId('outbox')).toBeHidden();
  await expect(page.getByText('Manam imapas suyachkanchu.')).toBeVisible();
  await expect(page.getByTestId('last-push')).not.toHaveText('Manaraq');
});

test('the panel locks as soon as the librarian leaves it, by a link or by Back', async ({ page }) => {
  const kiosk = new Kiosk(page);
  await kiosk.firstVisit();
  await enrollKiosk(page, E2E_ENROLL_CODE, 'Biblioteca de Huaro', '/biblioteca');
  const panel = page.getByRole('heading', { name: 'Envíos pendientes' });
  await expect(panel).toBeVisible();
  // Left by the logo: the next tap on ⚙ asks for the PIN.
  await page.getByRole('link', { name: /Chaski/ }).first().click();
  await page.getByRole('link', { name: 'Panel del bibliotecario' }).click();
  await expect(page.getByLabel('PIN', { exact: true })).toBeVisible();
  await expect(panel).toBeHidden();
  await enterPin(page, LIBRARIAN_PIN);
  await expect(panel).toBeVisible();
  // Left by Back: Forward does not bring it back open.
  await page.goBack();
  await expect(kiosk.heading()).toHaveText('¿Qué trámite necesita?');
  await page.goForward();
  await expect(page.getByLabel('PIN', { exact: true })).toBeVisible();
  await expect(panel).toBeHidden();
});

test('a revoked kiosk says so in the panel; enrolling again with a new code delivers what waited', async ({ page, baseURL }) => {
  const kiosk = new Kiosk(page);
  await kiosk.firstVisit();
  await enrollKiosk(page, E2E_ENROLL_CODE, 'Biblioteca de Urpay', '/biblioteca');
  const admin = { authorization: `Bearer ${E2E_ADMIN_TOKEN}`, 'content-type': 'application/json' };
  const kioskId = (await page.getByText(/^[0-9a-f]{8}-[0-9a-f-]{27}$/).textContent())!;
  expect((await fetch(`${baseURL}/api/v1/admin/kiosks/${kioskId}/revoke`, { method: 'POST', headers: admin, body: '{}' })).status).toBe(200);

  const comment = `Esperó a que el equipo se registrara de nuevo ${Date.now()}`;
  await page.goto('/formulario/comentario-guia?guia=sis-gratuito');
  await page.getByRole('group', { name: /Le sirvió esta guía/ }).getByLabel('Sí').check();
  await page.getByLabel(/Hay algo equivocado/).fill(comment);
  await page.getByRole('button', { name: 'Enviar' }).click();
  await expect(page.getByTestId('receipt-status')).toHaveText('En espera de envío');

  await page.goto('/biblioteca');
  await enterPin(page, LIBRARIAN_PIN);
  await expect(page.getByRole('alert')).toContainText('El servidor ya no acepta a este equipo');
  const created = await fetch(`${baseURL}/api/v1/admin/enrollment-codes`, { method: 'POST', headers: admin, body: JSON.stringify({ label: 'Biblioteca de Urpay, de nuevo' }) });
  const { code } = (await created.json()) as { code: string };
  await page.getByLabel('Código de registro').fill(code);
  await page.getByRole('button', { name: 'Registrar de nuevo' }).click();
  await expect(page.getByText('Equipo registrado de nuevo para Biblioteca de Urpay.')).toBeVisible();
  await expect(page.getByText('No hay envíos pendientes.')).toBeVisible();
  await expect(page.getByText('El servidor ya no acepta a este equipo')).toBeHidden();
  const held = await serverSubmissions(baseURL!, E2E_ADMIN_TOKEN, 'comentario-guia');
  expect(held.filter((s) => s.payload.answers.problema === comment)).toHaveLength(1);
  await expectNoAxeViolations(page);
});

test('the panel tells the truth about the connection: a network that cannot reach the server is not "connected"', async ({ browser }) => {
  const proxy = new FaultProxy(E2E_PORT);
  const origin = `http://localhost:${await proxy.start()}`;
  const context = await browser.newContext({ baseURL: origin });
  // Counts the requests for storage that is never evicted.
  await context.addInitScript(() => {
    const storage = navigator.storage;
    const persist = storage.persist.bind(storage);
    (window as unknown as { persistAsked: number }).persistAsked = 0;
    storage.persist = () => {
      (window as unknown as { persistAsked: number }).persistAsked += 1;
      return persist();
    };
  });
  const page = await context.newPage();
  try {
    const kiosk = new Kiosk(page);
    await kiosk.firstVisit();
    await enrollKiosk(page, E2E_ENROLL_CODE, 'Biblioteca de Andahuaylillas', '/biblioteca');
    // Enrolling asked the browser to keep this kiosk's data.
    expect(await page.evaluate(() => (window as unknown as { persistAsked: number }).persistAsked)).toBeGreaterThanOrEqual(1);
    await expect(page.getByTestId('panel-connection')).toContainText('Conectado al servidor');

    // The library's network is up, the way to the server is not: the browser still says online.
    proxy.down = true;
    await page.getByRole('button', { name: 'Actualizar ahora' }).click();
    await expect(page.getByTestId('panel-connection')).toHaveText(/^No se llega al servidor\. Último contacto: hace un momento/);
    await expect(kiosk.connection()).toHaveText('Sin conexión');
    expect(await page.evaluate(() => navigator.onLine)).toBe(true);

    proxy.down = false;
    await page.getByRole('button', { name: 'Actualizar ahora' }).click();
    await expect(page.getByTestId('panel-connection')).toContainText('Conectado al servidor');
    await expect(kiosk.connection()).toHaveText('Conectado');
    await expectNoAxeViolations(page);
  } finally {
    await context.close();
    await proxy.stop();
  }
});

async function enterPinQu(page: Page) {
  await page.getByLabel('Pakasqa yupay (PIN)').fill(LIBRARIAN_PIN);
  await page.getByRole('button', { name: 'Yaykuy' }).click();
}
