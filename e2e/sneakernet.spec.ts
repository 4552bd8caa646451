// Weeks without a connection: the librarian saves the outbox to a file, the operator imports
// it on the server (twice, by mistake), and the kiosk loads the signed receipts back. Every
// submission arrives exactly once, and the file never holds an answer in the clear.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { Kiosk } from './kiosk';
import { patronDatabaseDump } from './kiosk-storage';
import { Librarian } from './librarian';

test('outbox file → server import (twice) → receipts file → kiosk: exactly once', async ({ page, context, server }) => {
  const kiosk = new Kiosk(page);
  const librarian = new Librarian(page);
  await kiosk.firstVisit();
  await librarian.enrolFromPanel('Biblioteca de Ccatca');
  await context.setOffline(true);

  const comments = [1, 2].map((n) => `Por USB ${n} ${Date.now()}`);
  for (const comment of comments) {
    await kiosk.sendFeedback({ guide: 'sis-gratuito', useful: true, comment });
    await expect(kiosk.receiptStatus()).toHaveText('En espera de envío');
  }

  await librarian.openPanel();
  const download = await librarian.saveOutboxFile();
  const dir = mkdtempSync(join(tmpdir(), 'chaski-usb-'));
  const fileName = download.suggestedFilename();
  const outboxPath = join(dir, fileName);
  await download.saveAs(outboxPath);
  // The librarian is told what went where, and what to do with it.
  await expect(page.getByText(`Se guardaron 2 envíos en el archivo ${fileName}, en la carpeta Descargas. Cópielo a la memoria USB y llévelo a la red de bibliotecas.`)).toBeVisible();
  const outboxText = readFileSync(outboxPath, 'utf8');
  for (const comment of comments) expect(outboxText).not.toContain(comment);
  const outbox = JSON.parse(outboxText) as { submissions: Array<{ id: string; sealed?: unknown }> };
  expect(outbox.submissions).toHaveLength(2);
  expect(outbox.submissions.every((s) => s.sealed)).toBe(true);

  // At the network's office: imported, and by mistake imported again.
  const receipts = await server.importOutboxFile(outboxText);
  expect(receipts.results.map((r) => r.status)).toEqual(['accepted', 'accepted']);
  const second = await server.importOutboxFile(outboxText);
  expect(second.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);

  // A receipts file that was tampered with is refused and changes nothing.
  const tamperedPath = join(dir, 'tampered.json');
  writeFileSync(tamperedPath, JSON.stringify({ ...receipts, issuedAt: '2030-01-01T00:00:00.000Z' }));
  await librarian.loadReceiptsFile(tamperedPath);
  await expect(page.getByText('El archivo no es válido o fue modificado.')).toBeVisible();
  await expect(librarian.outbox()).toContainText('En espera');

  const receiptsPath = join(dir, 'recibos.json');
  writeFileSync(receiptsPath, JSON.stringify(receipts));
  await librarian.loadReceiptsFile(receiptsPath);
  await expect(page.getByText('El servidor confirmó 2 envíos.')).toBeVisible();
  await expect(page.getByText('No hay envíos pendientes.')).toBeVisible();
  // With nothing left waiting, saving a file says there is nothing to carry.
  await librarian.saveOutboxButton().click();
  await expect(page.getByText('No hay envíos pendientes: no hace falta un archivo.')).toBeVisible();
  // Delivered by the USB stick counts as delivered.
  await expect(librarian.lastPush()).toContainText('hace un momento');
  await page.goto(`/recibo/${outbox.submissions[0]!.id}`);
  await expect(kiosk.receiptStatus()).toHaveText('Enviado');
  expect(await patronDatabaseDump(page)).not.toContain(comments[0]!);

  // Back online: nothing is sent twice.
  await context.setOffline(false);
  await librarian.openPanel();
  await librarian.syncNow();
  await expect(librarian.syncNowButton()).toBeEnabled();
  for (const comment of comments) expect(await server.commentsSaying(comment)).toHaveLength(1);
});
