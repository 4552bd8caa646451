// One submission the server cannot take never holds back the others. Two kinds: one the server
// refuses by itself (a form version no database can hold, as a broken older app could have
// queued), answered item by item; and one that makes the server fail whenever a batch holds it
// (a proxy stands in for a server bug). Everything else is delivered; both end up in front of
// the librarian with the reason, and the second goes through once the server is fixed.
import { v7 as uuidv7 } from 'uuid';
import { FaultProxy } from './fault-proxy';
import { expect, type Page, test } from './fixtures';
import { enrollKiosk, Kiosk, LIBRARIAN_PIN, serverSubmissions } from './kiosk';
import { E2E_ADMIN_TOKEN, E2E_ENROLL_CODE, E2E_PORT } from './playwright.config';

/** Sends a feedback comment through the form, as a patron does; returns the submission's id. */
async function sendComment(page: Page, text: string): Promise<string> {
  await page.goto('/formulario/comentario-guia?guia=juntos');
  await page.getByRole('group', { name: /Le sirvió esta guía/ }).getByLabel('Sí').check();
  await page.getByLabel(/Hay algo equivocado/).fill(text);
  await page.getByRole('button', { name: 'Enviar' }).click();
  await expect(page.getByTestId('receipt-code')).toBeVisible();
  return decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
}

/** Queues a row straight into the outbox, as an older, broken version of the app might have. */
async function queueBroken(page: Page, id: string) {
  await page.evaluate(
    (row) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('chaski-patron');
        open.onsuccess = () => {
          const tx = open.result.transaction('outbox', 'readwrite');
          tx.objectStore('outbox').put(row);
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
      }),
    { id, formId: 'comentario-guia', formVersion: 3_000_000_000, createdAt: new Date().toISOString(), payload: { answers: { util: true } }, status: 'waiting', receipt: 'ROTO-0001', attempts: 0 },
  );
}

test('one submission the server cannot take never holds back the others, and the librarian sees why', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const proxy = new FaultProxy(E2E_PORT);
  const origin = `http://localhost:${await proxy.start()}`;
  const context = await browser.newContext({ baseURL: origin });
  const page = await context.newPage();
  try {
    await new Kiosk(page).firstVisit();
    await enrollKiosk(page, E2E_ENROLL_CODE, 'Biblioteca de Tinta');

    await context.setOffline(true);
    const stamp = Date.now();
    const poisoned = await sendComment(page, `Veneno ${stamp}`);
    proxy.poison = poisoned;
    const broken = uuidv7();
    await queueBroken(page, broken);
    const good: string[] = [];
    for (let i = 1; i <= 3; i++) good.push(await sendComment(page, `Bueno ${i} ${stamp}`));

    await context.setOffline(false);
    const held = async () => new Set((await serverSubmissions(baseURL!, E2E_ADMIN_TOKEN, 'comentario-guia')).map((s) => s.id));
    await expect.poll(async () => {
      const onServer = await held();
      return good.every((id) => onServer.has(id));
    }, { timeout: 30_000 }).toBe(true);

    // Two more patrons send while the poisoned one still waits: theirs go straight through.
    for (let i = 4; i <= 5; i++) {
      const id = await sendComment(page, `Bueno ${i} ${stamp}`);
      await expect(page.getByTestId('receipt-status')).toHaveText('Enviado');
      good.push(id);
    }
    expect(proxy.stats.poisoned).toBeGreaterThanOrEqual(3);
    const onServer = await held();
    expect(onServer.has(poisoned)).toBe(false);
    expect(onServer.has(broken)).toBe(false);
    for (const id of good) expect(onServer.has(id)).toBe(true);

    // The librarian sees both, with the reason, and no answer.
    await page.goto('/biblioteca');
    await page.getByLabel('PIN', { exact: true }).fill(LIBRARIAN_PIN);
    await page.getByRole('button', { name: 'Entrar' }).click();
    const outbox = page.getByTestId('outbox');
    const brokenEntry = outbox.locator('li', { hasText: 'ROTO-0001' });
    await expect(brokenEntry).toContainText('Necesita atención');
    await expect(brokenEntry).toContainText('El envío está dañado.');
    const poisonedEntry = outbox.locator('li', { hasText: 'El servidor falla cada vez que recibe este envío (error 500)' });
    await expect(poisonedEntry).toContainText('Necesita atención');
    await expect(outbox).not.toContainText('Veneno');

    // Once the network fixes its server, "Reintentar" delivers it, once.
    proxy.poison = null;
    await poisonedEntry.getByRole('button', { name: 'Reintentar' }).click();
    await expect(outbox.locator('li')).toHaveCount(1); // only the broken one is left
    expect((await serverSubmissions(baseURL!, E2E_ADMIN_TOKEN, 'comentario-guia')).filter((s) => s.id === poisoned)).toHaveLength(1);
  } finally {
    await context.close();
    await proxy.stop();
  }
});
