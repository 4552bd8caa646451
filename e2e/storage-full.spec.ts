// A kiosk whose disk fills up: a real QuotaExceededError from Chromium's IndexedDB. The quota of
// a fresh browser profile is lowered through CDP before the first visit (Chromium only applies
// the override to storage that has not been written yet), then another database takes all the
// space that is left, as photos or another app would on a real machine.
import { expect, test } from './fixtures';
import { Kiosk } from './kiosk';
import { fillTheDisk, freeTheDisk, patronDatabaseDump, storageMessages as strings } from './kiosk-storage';
import { Librarian } from './librarian';

test('a kiosk out of space says so, keeps every answer and the outbox, and recovers when space returns', async ({ browser, baseURL, server }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(baseURL!).origin, quotaSize: 12_000_000 });
  const kiosk = new Kiosk(page);
  const librarian = new Librarian(page);
  await kiosk.firstVisit();
  await librarian.enrol('Biblioteca Comunal de Ccatca');
  const arrivals = await server.arrivalsOf('comentario-guia');
  await context.setOffline(true);
  const feedback = (comment: string) => ({ guide: 'sis-gratuito', useful: true, comment });

  // With space left, a comment waits in the outbox.
  const first = await kiosk.sendFeedback(feedback('Falta el horario de la posta de Ccatca.'));
  await expect(kiosk.receiptStatus()).toHaveText('En espera de envío');

  // The disk fills up. The next patron's Send fails plainly, and nothing typed is lost. (Filled
  // again just before the Send: fillTheDisk says why.)
  expect(await fillTheDisk(page)).toBeGreaterThan(5_000_000);
  await kiosk.fillFeedback(feedback('El costo del DNI cambió en Ccatca.'));
  await fillTheDisk(page);
  await kiosk.send();
  await expect(page.getByText(strings('es').sendFailed)).toBeVisible();
  await expect(page.getByTestId('storage-full')).toHaveText(strings('es').full);
  await expect(page.getByLabel(/^¿Hay algo equivocado o que falta/)).toHaveValue('El costo del DNI cambió en Ccatca.');
  await expect(kiosk.heading()).not.toHaveText('Constancia de envío');

  // In Quechua too.
  await kiosk.switchTo('Runasimi');
  await expect(page.getByTestId('storage-full')).toHaveText(strings('qu').full);
  await kiosk.switchTo('Español');

  // The librarian, who opens the panel later (after a reload), is told as well.
  await page.goto('/biblioteca');
  await expect(page.getByTestId('storage-full')).toHaveText(strings('es').full);
  await librarian.unlock();
  await expect(librarian.panelHeading()).toBeVisible();
  await expect(page.getByText(first.code)).toBeVisible();
  // The queued comment is untouched by the failed write.
  expect(await patronDatabaseDump(page)).toContain(first.code);

  // Space returns: the warning goes at the next start, and Send works again. (Chromium 150 does
  // not count a deleted database's space as free at once, so the room is also made by the
  // quota, as when the librarian clears the disk of other files.)
  await freeTheDisk(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(baseURL!).origin, quotaSize: 100_000_000 });
  await page.reload();
  await expect(page.getByTestId('storage-full')).toBeHidden();
  await kiosk.sendFeedback(feedback('El costo del DNI cambió en Ccatca.'));
  await expect(kiosk.receiptStatus()).toHaveText('En espera de envío');

  // Back online: both comments reach the server, once each.
  await context.setOffline(false);
  await expect(kiosk.receiptStatus()).toHaveText('Enviado');
  const mine = await arrivals();
  expect(mine.map((s) => s.payload.answers.problema).sort()).toEqual(['El costo del DNI cambió en Ccatca.', 'Falta el horario de la posta de Ccatca.']);
  await context.close();
});
