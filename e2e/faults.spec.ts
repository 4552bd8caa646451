// Fault injection: two kiosks send 300 forms in all through a proxy that drops connections,
// answers 500, delays, and resets requests after the server committed them. At the end the
// server holds exactly 300, each as the patron typed it, and both outboxes are empty.
import { expect, type Page, test } from './fixtures';
import { FaultProxy } from './fault-proxy';
import { enrollKiosk, Kiosk, serverSubmissions } from './kiosk';
import { E2E_ADMIN_TOKEN, E2E_ENROLL_CODE, E2E_PORT } from './playwright.config';

const PER_KIOSK = Number(process.env.FAULT_FORMS_PER_KIOSK ?? 150);

async function outboxCount(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('chaski-patron');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('outbox').objectStore('outbox').count();
          request.onsuccess = () => {
            resolve(request.result);
            open.result.close();
          };
        };
      }),
  );
}

async function outboxRows(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const open = indexedDB.open('chaski-patron');
        open.onsuccess = () => {
          const request = open.result.transaction('outbox').objectStore('outbox').getAll();
          request.onsuccess = () => resolve(JSON.stringify(request.result.map((r: { status: string; rejection?: unknown; attempts: number }) => [r.status, r.rejection, r.attempts])));
        };
      }),
  );
}

test('300 forms from 2 kiosks through a faulty network arrive exactly once, intact', async ({ browser, baseURL }) => {
  test.setTimeout(20 * 60_000);
  const proxy = new FaultProxy(E2E_PORT, 2026);
  const origin = `http://localhost:${await proxy.start()}`;
  const before = new Set((await serverSubmissions(baseURL!, E2E_ADMIN_TOKEN, 'comentario-guia')).map((s) => s.id));

  // Healthy network while the kiosks are installed and enrolled.
  const kiosks = await Promise.all(
    ['A', 'B'].map(async (name) => {
      const context = await browser.newContext({ baseURL: origin });
      const page = await context.newPage();
      await new Kiosk(page).firstVisit();
      await enrollKiosk(page, E2E_ENROLL_CODE, `Biblioteca ${name}`);
      return { name, context, page };
    }),
  );

  proxy.faults = { drop: 0.1, error500: 0.1, resetAfterCommit: 0.2, maxDelayMs: 150 };
  const typed = new Map<string, boolean>();
  try {
    await Promise.all(
      kiosks.map(async ({ name, page }) => {
        for (let i = 0; i < PER_KIOSK; i++) {
          const comment = `Kiosco ${name}, formulario ${i}: el costo cambió`;
          const useful = i % 3 !== 0;
          typed.set(comment, useful);
          await page.goto('/formulario/comentario-guia?guia=pension-65');
          await page.getByRole('group', { name: /Le sirvió esta guía/ }).getByLabel(useful ? 'Sí' : 'No').check();
          await page.getByLabel(/Hay algo equivocado/).fill(comment);
          await page.getByRole('button', { name: 'Enviar' }).click();
          await expect(page.getByTestId('receipt-code')).toBeVisible();
        }
      }),
    );
  } finally {
    proxy.faults = null;
  }
  // The network is healthy again: the connection "returns" and every outbox drains at once.
  for (const { context } of kiosks) {
    await context.setOffline(true);
    await context.setOffline(false);
  }
  for (const { page } of kiosks) {
    await expect
      .poll(() => outboxCount(page), { timeout: 120_000, message: `outbox still holds: ${await outboxRows(page)}` })
      .toBe(0);
  }

  const received = (await serverSubmissions(baseURL!, E2E_ADMIN_TOKEN, 'comentario-guia')).filter((s) => !before.has(s.id));
  console.log(`fault proxy: ${JSON.stringify(proxy.stats)}; submissions received: ${received.length}`);
  expect(proxy.stats.resetAfterCommit).toBeGreaterThan(0);
  expect(proxy.stats.dropped + proxy.stats.answered500).toBeGreaterThan(0);
  expect(received).toHaveLength(2 * PER_KIOSK);
  const comments = received.map((s) => s.payload.answers.problema as string);
  expect(new Set(comments).size).toBe(2 * PER_KIOSK);
  for (const submission of received) {
    const comment = submission.payload.answers.problema as string;
    expect(typed.has(comment)).toBe(true);
    expect(submission.payload).toEqual({ answers: { util: typed.get(comment), problema: comment }, context: { guideId: 'pension-65' } });
  }
  await proxy.stop();
  for (const { context } of kiosks) await context.close();
});
