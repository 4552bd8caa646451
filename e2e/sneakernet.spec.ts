// Weeks without a connection: the librarian saves the outbox to a file, the operator imports
// it on the server (twice, by mistake), and the kiosk loads the signed receipts back. Every
// submission arrives exactly once, and the file never holds an answer in the clear.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { enrollKiosk, Kiosk, LIBRARIAN_PIN, patronDatabaseDump, serverSubmissions } from './kiosk';
import { E2E_ADMIN_TOKEN, E2E_ENROLL_CODE } from './playwright.config';

test('outbox file → server import (twice) → receipts file → kiosk: exactly once', async ({ page, context, baseURL }) => {
  const kiosk = new Kiosk(page);
  await kiosk.firstVisit();
  await enrollKiosk(page, E2E_ENROLL_CODE, 'Biblioteca de Ccatca', '/biblioteca');
  await context.setOffline(true);

  const comments = [1, 2].map((n) => `Por USB ${n} ${Date.now()}`);
  for (const comment of comments) {
    await page.goto('/formulario/comentario-guia?guia=sis-gratuito');
    await page.getByRole('group', { name: /Le sirvió esta guía/ }).getByLabel('Sí').check();
    await page.getByLabel(/Hay algo equivocado/).fill(comment);
    await page.getByRole('button', { name: 'Enviar' }).click();
    await expect(page.getByTestId('receipt-status')).toHaveText('En espera de envío');
  }

  await page.goto('/biblioteca');
  await page.getByLabel('PIN', { exact: true }).fill(LIBRARIAN_PIN);
  await page.getByRole('button', { name: 'Entrar' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Guardar envíos en un archivo' }).click();
  const dir = mkdtempSync(join(tmpdir(), 'chaski-usb-'));
  const fileName = (await download).suggestedFilename();
  const outboxPath = join(dir, fileName);
  await (await download).saveAs(outboxPath);
  // The librarian is told what went where, and what to do with it.
  await expect(page.getByText(`Se guardaron 2 envíos en el archivo ${fileName}, en la carpeta Descargas. Cópielo a la memoria USB y llévelo a la red de bibliotecas.`)).toBeVisible();
  const outboxText = readFileSync(outboxPath, 'utf8');
  for (const comment of comments) expect(outboxText).not.toContain(comment);
  const outbox = JSON.parse(outboxText) as { submissions: Array<{ id: string; sealed?: unknown }> };
  expect(outbox.submissions).toHaveLength(2);
  expect(outbox.submissions.every((s) => s.sealed)).toBe(true);

  // At the network's office: imported, and by mistake imported again.
  const importFile = () =>
    fetch(`${baseURL}/api/v1/admin/outbox/import`, { method: 'POST', headers: { authorization: `Bearer ${E2E_ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: outboxText });
  const receipts = await (await importFile()).json();
  expect(receipts.results.map((r: { status: string }) => r.status)).toEqual(['accepted', 'accepted']);
  const second = await (await importFile()).json();
  expect(second.results.map((r: { status: string }) => r.status)).toEqual(['duplicate', 'duplicate']);

  // A receipts file that was tampered with is refused and changes nothing.
  const tamperedPath = join(dir, 'tampered.json');
  writeFileSync(tamperedPath, JSON.stringify({ ...receipts, issuedAt: '2030-01-01T00:00:00.000Z' }));
  await page.getByText('Cargar archivo de recibos').setInputFiles(tamperedPath);
  await expect(page.getByText('El archivo no es válido o fue modificado.')).toBeVisible();
  await expect(page.getByTestId('outbox')).toContainText('En espera');

  const receiptsPath = join(dir, 'recibos.json');
  writeFileSync(receiptsPath, JSON.stringify(receipts));
  await page.getByText('Cargar archivo de recibos').setInputFiles(receiptsPath);
  await expect(page.getByText('El servidor confirmó 2 envíos.')).toBeVisible();
  await expect(page.getByText('No hay envíos pendientes.')).toBeVisible();
  // With nothing left waiting, saving a file says there is nothing to carry.
  await page.getByRole('button', { name: 'Guardar envíos en un archivo' }).click();
  await expect(page.getByText('No hay envíos pendientes: no hace falta un archivo.')).toBeVisible();
  // Delivered by the USB stick counts as delivered.
  await expect(page.getByTestId('last-push')).toContainText('hace un momento');
  await page.goto(`/recibo/${outbox.submissions[0]!.id}`);
  await expect(page.getByTestId('receipt-status')).toHaveText('Enviado');
  expect(await patronDatabaseDump(page)).not.toContain(comments[0]!);

  // Back online: nothing is sent twice.
  await context.setOffline(false);
  await page.goto('/biblioteca');
  await page.getByLabel('PIN', { exact: true }).fill(LIBRARIAN_PIN);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.getByRole('button', { name: 'Actualizar ahora' }).click();
  await expect(page.getByRole('button', { name: 'Actualizar ahora' })).toBeEnabled();
  const stored = await serverSubmissions(baseURL!, E2E_ADMIN_TOKEN, 'comentario-guia');
  for (const comment of comments) expect(stored.filter((s) => s.payload.answers.problema === comment)).toHaveLength(1);
});
