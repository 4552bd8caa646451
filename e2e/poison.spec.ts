// One submission the server cannot take never holds back the others. Two kinds: one the server
// refuses by itself (a form version no database can hold, as a broken older app could have
// queued), answered item by item; and one that makes the server fail whenever a batch holds it
// (a proxy stands in for a server bug). Everything else is delivered; both end up in front of
// the librarian with the reason, and the second goes through once the server is fixed.
import { v7 as uuidv7 } from 'uuid';
import { FaultProxy } from './fault-proxy';
import { expect, test } from './fixtures';
import { Kiosk } from './kiosk';
import { outboxRows, queueOutboxRow } from './kiosk-storage';
import { Librarian } from './librarian';
import { E2E_PORT } from './playwright.config';

test('one submission the server cannot take never holds back the others, and the librarian sees why', async ({ browser, server }) => {
  test.setTimeout(180_000);
  const proxy = new FaultProxy(E2E_PORT);
  const origin = `http://localhost:${await proxy.start()}`;
  const context = await browser.newContext({ baseURL: origin });
  const page = await context.newPage();
  try {
    const kiosk = new Kiosk(page);
    const librarian = new Librarian(page);
    await kiosk.firstVisit();
    await librarian.enrol('Biblioteca de Tinta');
    const sendComment = async (comment: string) => (await kiosk.sendFeedback({ guide: 'juntos', useful: true, comment })).id;

    await context.setOffline(true);
    const stamp = Date.now();
    const poisoned = await sendComment(`Veneno ${stamp}`);
    proxy.poison = poisoned;
    // A row as an older, broken version of the app might have queued: a form version no
    // database can hold.
    const broken = uuidv7();
    await queueOutboxRow(page, { id: broken, formId: 'comentario-guia', formVersion: 3_000_000_000, createdAt: new Date().toISOString(), payload: { answers: { util: true } }, status: 'waiting', receipt: 'ROTO-0001', attempts: 0 });
    const good: string[] = [];
    for (let i = 1; i <= 3; i++) good.push(await sendComment(`Bueno ${i} ${stamp}`));
    // Offline, all five wait in the outbox, the broken one among them.
    const queued = await outboxRows(page);
    expect(queued.map((r) => r.id).sort()).toEqual([poisoned, broken, ...good].sort());
    expect(queued.find((r) => r.id === broken)?.receipt).toBe('ROTO-0001');

    await context.setOffline(false);
    const held = async () => new Set((await server.submissions('comentario-guia')).map((s) => s.id));
    await expect.poll(async () => {
      const onServer = await held();
      return good.every((id) => onServer.has(id));
    }, { timeout: 30_000 }).toBe(true);

    // Two more patrons send while the poisoned one still waits: theirs go straight through.
    for (let i = 4; i <= 5; i++) {
      const id = await sendComment(`Bueno ${i} ${stamp}`);
      await expect(kiosk.receiptStatus()).toHaveText('Enviado');
      good.push(id);
    }
    expect(proxy.stats.poisoned).toBeGreaterThanOrEqual(3);
    const onServer = await held();
    expect(onServer.has(poisoned)).toBe(false);
    expect(onServer.has(broken)).toBe(false);
    for (const id of good) expect(onServer.has(id)).toBe(true);

    // The librarian sees both, with the reason, and no answer.
    await librarian.openPanel();
    const outbox = librarian.outbox();
    const brokenEntry = librarian.outboxEntry('ROTO-0001');
    await expect(brokenEntry).toContainText('Necesita atención');
    await expect(brokenEntry).toContainText('El envío está dañado.');
    const poisonedEntry = librarian.outboxEntry('El servidor falla cada vez que recibe este envío (error 500)');
    await expect(poisonedEntry).toContainText('Necesita atención');
    await expect(outbox).not.toContainText('Veneno');

    // Once the network fixes its server, "Reintentar" delivers it, once.
    proxy.poison = null;
    await librarian.retry(poisonedEntry);
    await expect(outbox.locator('li')).toHaveCount(1); // only the broken one is left
    expect((await server.submissions('comentario-guia')).filter((s) => s.id === poisoned)).toHaveLength(1);
  } finally {
    await context.close();
    await proxy.stop();
  }
});
