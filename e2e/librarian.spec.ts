// The librarian's panel: enrolment with a PIN on first run, a lockout that grows with wrong
// PINs, the outbox shown without a single answer, settings, and no accessibility problems.
import { expectNoAxeViolations } from './axe';
import { expect, test } from './fixtures';
import { Kiosk } from './kiosk';
import { Librarian, LIBRARIAN_PIN } from './librarian';
import { FaultProxy } from './fault-proxy';
import { E2E_PORT } from './playwright.config';

test('enrolment sets a PIN; wrong PINs lock the panel, and the lock survives a reload', async ({ page }) => {
  const kiosk = new Kiosk(page);
  const librarian = new Librarian(page);
  await kiosk.firstVisit();
  await page.getByRole('link', { name: 'Panel del bibliotecario' }).click();
  await expect(kiosk.heading()).toHaveText('Registrar este equipo');
  // The server is the app's own: shown, never asked for.
  await expect(page.getByTestId('kiosk-server')).toHaveText(new URL(page.url()).origin);
  // Code, library, PIN twice, and the district's three lists: nothing for a server address.
  await expect(page.locator('main input:not([type="hidden"])')).toHaveCount(4);
  await expect(page.locator('main select')).toHaveCount(3);
  await expect(page.getByLabel(/servidor/i)).toHaveCount(0);
  await expectNoAxeViolations(page);
  await librarian.enrolFromPanel('Biblioteca de Lares');

  await page.goto('/biblioteca');
  await expect(kiosk.heading()).toHaveText('Panel del bibliotecario');
  await expectNoAxeViolations(page);
  for (let i = 0; i < 2; i++) {
    await librarian.tryRefusedPin('1357');
    await expect(page.getByRole('alert')).toHaveText('PIN incorrecto.');
  }
  await librarian.tryRefusedPin('1357');
  await expect(page.getByRole('alert')).toContainText('Demasiados intentos');
  // Even the right PIN waits now, also after a reload.
  await page.reload();
  await expect(page.getByRole('alert')).toContainText('Demasiados intentos');
  await librarian.tryRefusedPin(LIBRARIAN_PIN);
  await expect(page.getByRole('alert')).toContainText('Demasiados intentos');
  await expect(librarian.panelHeading()).toBeHidden();
});

test('the panel shows the outbox by status without any answer, and its settings take effect', async ({ page, context }) => {
  const kiosk = new Kiosk(page);
  const librarian = new Librarian(page);
  await kiosk.firstVisit();
  await librarian.enrolFromPanel('Biblioteca de Pisac');

  await context.setOffline(true);
  const { code } = await kiosk.sendFeedback({ guide: 'dni-duplicado', useful: false, comment: 'Mi vecina Filomena Huillca dice que el costo cambió' });

  await librarian.openPanel();
  await expect(librarian.outbox()).toContainText(code);
  await expect(librarian.outbox()).toContainText('En espera');
  await expect(librarian.outbox()).toContainText('¿Qué le pareció esta guía?');
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
  await kiosk.pressSalir();
  await expect(kiosk.heading()).toHaveText('¿Ima ruranatataq munanki?');

  // The session's end also closed the panel.
  await page.goto('/biblioteca');
  await expect(librarian.pinField('qu')).toBeVisible();

  await context.setOffline(false);
  await librarian.unlock(LIBRARIAN_PIN, 'qu');
  await expect(librarian.outbox()).toBeHidden();
  await expect(page.getByText('Manam imapas suyachkanchu.')).toBeVisible();
  await expect(librarian.lastPush()).not.toHaveText('Manaraq');
});

test('the panel locks as soon as the librarian leaves it, by a link or by Back', async ({ page }) => {
  const kiosk = new Kiosk(page);
  const librarian = new Librarian(page);
  await kiosk.firstVisit();
  await librarian.enrolFromPanel('Biblioteca de Huaro');
  const panel = librarian.panelHeading();
  await expect(panel).toBeVisible();
  // Left by the logo: the next tap on ⚙ asks for the PIN.
  await kiosk.goHomeByLogo();
  await page.getByRole('link', { name: 'Panel del bibliotecario' }).click();
  await expect(librarian.pinField()).toBeVisible();
  await expect(panel).toBeHidden();
  await librarian.unlock();
  await expect(panel).toBeVisible();
  // Left by Back: Forward does not bring it back open.
  await page.goBack();
  await expect(kiosk.heading()).toHaveText('¿Qué trámite necesita?');
  await page.goForward();
  await expect(librarian.pinField()).toBeVisible();
  await expect(panel).toBeHidden();
});

test('a revoked kiosk says so in the panel; enrolling again with a new code delivers what waited', async ({ page, server }) => {
  const kiosk = new Kiosk(page);
  const librarian = new Librarian(page);
  await kiosk.firstVisit();
  await librarian.enrolFromPanel('Biblioteca de Urpay');
  await server.revokeKiosk(await librarian.kioskId());

  const comment = `Esperó a que el equipo se registrara de nuevo ${Date.now()}`;
  await kiosk.sendFeedback({ guide: 'sis-gratuito', useful: true, comment });
  await expect(kiosk.receiptStatus()).toHaveText('En espera de envío');

  await librarian.openPanel();
  await expect(page.getByRole('alert')).toContainText('El servidor ya no acepta a este equipo');
  await librarian.enrolAgain(await server.newEnrolmentCode('Biblioteca de Urpay, de nuevo'));
  await expect(page.getByText('Equipo registrado de nuevo para Biblioteca de Urpay.')).toBeVisible();
  await expect(page.getByText('No hay envíos pendientes.')).toBeVisible();
  await expect(page.getByText('El servidor ya no acepta a este equipo')).toBeHidden();
  expect(await server.commentsSaying(comment)).toHaveLength(1);
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
    const librarian = new Librarian(page);
    await kiosk.firstVisit();
    await librarian.enrolFromPanel('Biblioteca de Andahuaylillas');
    // Enrolling asked the browser to keep this kiosk's data.
    expect(await page.evaluate(() => (window as unknown as { persistAsked: number }).persistAsked)).toBeGreaterThanOrEqual(1);
    await expect(librarian.connection()).toContainText('Conectado al servidor');

    // The library's network is up, the way to the server is not: the browser still says online.
    proxy.down = true;
    await librarian.syncNow();
    await expect(librarian.connection()).toHaveText(/^No se llega al servidor\. Último contacto: hace un momento/);
    await expect(kiosk.connection()).toHaveText('Sin conexión');
    expect(await page.evaluate(() => navigator.onLine)).toBe(true);

    proxy.down = false;
    await librarian.syncNow();
    await expect(librarian.connection()).toContainText('Conectado al servidor');
    await expect(kiosk.connection()).toHaveText('Conectado');
    await expectNoAxeViolations(page);
  } finally {
    await context.close();
    await proxy.stop();
  }
});
