// With no Chaski page open, the service worker's Background Sync drains the outbox with the
// same sync module the page uses.
import { expect, test } from './fixtures';
import { FaultProxy } from './fault-proxy';
import { Kiosk } from './kiosk';
import { Librarian } from './librarian';
import { E2E_PORT } from './playwright.config';

test('the service worker sends what waits in the outbox when no page is open', async ({ browser, server }) => {
  const proxy = new FaultProxy(E2E_PORT);
  const origin = `http://localhost:${await proxy.start()}`;
  const context = await browser.newContext({ baseURL: origin });
  try {
    const page = await context.newPage();
    const kiosk = new Kiosk(page);
    await kiosk.firstVisit();
    await new Librarian(page).enrol('Biblioteca de Paucartambo');

    proxy.down = true;
    const comment = `Enviado por el service worker ${Date.now()}`;
    const receipt = await kiosk.sendFeedback({ guide: 'beca-18', useful: false, comment });
    await expect(kiosk.receiptStatus()).toHaveText('En espera de envío');
    // The page asked the browser for a Background Sync when the patron pressed Send.
    await expect
      .poll(() => page.evaluate(async () => (await (await navigator.serviceWorker.ready) as ServiceWorkerRegistration & { sync: { getTags(): Promise<string[]> } }).sync.getTags()))
      .toContain('chaski-outbox');
    await page.close();

    // Every Chaski page is closed. The server becomes reachable and the browser fires the sync.
    proxy.down = false;
    const blank = await context.newPage();
    const cdp = await context.newCDPSession(blank);
    const registrations = new Promise<Array<{ registrationId: string; scopeURL: string }>>((resolve) =>
      cdp.on('ServiceWorker.workerRegistrationUpdated', (event) => resolve(event.registrations)),
    );
    await cdp.send('ServiceWorker.enable');
    const registration = (await registrations).find((r) => r.scopeURL.startsWith(origin))!;
    expect(registration).toBeDefined();
    await cdp.send('ServiceWorker.dispatchSyncEvent', { origin, registrationId: registration.registrationId, tag: 'chaski-outbox', lastChance: false });

    await expect.poll(async () => (await server.commentsSaying(comment)).length, { timeout: 30_000 }).toBe(1);
    await blank.goto(receipt.path);
    await expect(new Kiosk(blank).receiptStatus()).toHaveText('Enviado');
  } finally {
    await context.close();
    await proxy.stop();
  }
});
