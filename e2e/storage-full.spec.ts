// A kiosk whose disk fills up: a real QuotaExceededError from Chromium's IndexedDB. The quota of
// a fresh browser profile is lowered through CDP before the first visit (Chromium only applies
// the override to storage that has not been written yet), then another database takes all the
// space that is left, as photos or another app would on a real machine.
import { readFileSync } from 'node:fs';
import { expect, type Page, test } from './fixtures';
import { enrollKiosk, Kiosk, LIBRARIAN_PIN, patronDatabaseDump, serverSubmissions } from './kiosk';
import { E2E_ADMIN_TOKEN, E2E_ENROLL_CODE } from './playwright.config';

const strings = (lang: 'es' | 'qu') =>
  (JSON.parse(readFileSync(new URL(`../locales/${lang}/common.json`, import.meta.url), 'utf8')) as { storage: { full: string; sendFailed: string } }).storage;

/** Writes random bytes into a separate database until Chromium refuses even 1 KB more. */
async function fillTheDisk(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('disk-filler', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('blocks');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    let written = 0;
    for (const size of [1_000_000, 64_000, 4_000, 1_000]) {
      for (;;) {
        const bytes = Uint8Array.from({ length: size }, () => Math.floor(Math.random() * 256));
        const stored = await new Promise<boolean>((resolve) => {
          const tx = db.transaction('blocks', 'readwrite');
          tx.objectStore('blocks').put(bytes, written);
          tx.oncomplete = () => resolve(true);
          tx.onabort = () => resolve(false);
        });
        if (!stored) break;
        written += size;
      }
    }
    db.close();
    return written;
  });
}

async function freeTheDisk(page: Page) {
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.deleteDatabase('disk-filler');
        request.onsuccess = () => resolve();
        request.onerror = () => reject(request.error);
      }),
  );
}

async function fillFeedback(page: Page, comment: string) {
  await page.goto('/formulario/comentario-guia?guia=sis-gratuito');
  await page.getByRole('group', { name: /¿Le sirvió esta guía\?/ }).getByLabel('Sí').check();
  await page.getByLabel(/^¿Hay algo equivocado o que falta/).fill(comment);
}

test('a kiosk out of space says so, keeps every answer and the outbox, and recovers when space returns', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(baseURL!).origin, quotaSize: 12_000_000 });
  const kiosk = new Kiosk(page);
  await kiosk.firstVisit();
  await enrollKiosk(page, E2E_ENROLL_CODE, 'Biblioteca Comunal de Ccatca');
  const before = await serverSubmissions(baseURL!, E2E_ADMIN_TOKEN, 'comentario-guia');
  await context.setOffline(true);

  // With space left, a comment waits in the outbox.
  await fillFeedback(page, 'Falta el horario de la posta de Ccatca.');
  await page.getByRole('button', { name: 'Enviar' }).click();
  await expect(page.getByTestId('receipt-status')).toHaveText('En espera de envío');
  const firstCode = (await page.getByTestId('receipt-code').textContent())!;

  // The disk fills up. The next patron's Send fails plainly, and nothing typed is lost.
  expect(await fillTheDisk(page)).toBeGreaterThan(5_000_000);
  await fillFeedback(page, 'El costo del DNI cambió en Ccatca.');
  await page.getByRole('button', { name: 'Enviar' }).click();
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
  await page.getByLabel('PIN', { exact: true }).fill(LIBRARIAN_PIN);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await expect(page.getByRole('heading', { name: 'Envíos pendientes' })).toBeVisible();
  await expect(page.getByText(firstCode)).toBeVisible();
  // The queued comment is untouched by the failed write.
  expect(await patronDatabaseDump(page)).toContain(firstCode);

  // Space returns: the warning goes at the next start, and Send works again.
  await freeTheDisk(page);
  await page.reload();
  await expect(page.getByTestId('storage-full')).toBeHidden();
  await fillFeedback(page, 'El costo del DNI cambió en Ccatca.');
  await page.getByRole('button', { name: 'Enviar' }).click();
  await expect(page.getByTestId('receipt-status')).toHaveText('En espera de envío');

  // Back online: both comments reach the server, once each.
  await context.setOffline(false);
  await expect(page.getByTestId('receipt-status')).toHaveText('Enviado');
  const mine = (await serverSubmissions(baseURL!, E2E_ADMIN_TOKEN, 'comentario-guia')).filter((s) => !before.some((b) => b.id === s.id));
  expect(mine.map((s) => s.payload.answers.problema).sort()).toEqual(['El costo del DNI cambió en Ccatca.', 'Falta el horario de la posta de Ccatca.']);
  await context.close();
});
