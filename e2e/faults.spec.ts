// Fault injection: two kiosks send 300 forms in all through a proxy that drops connections,
// answers 500, delays, and resets requests after the server committed them. At the end the
// server holds exactly 300, each as the patron typed it, and both outboxes are empty.
import { expect, test } from './fixtures';
import { FaultProxy } from './fault-proxy';
import { Kiosk } from './kiosk';
import { outboxRows } from './kiosk-storage';
import { Librarian } from './librarian';
import { E2E_PORT } from './playwright.config';

const PER_KIOSK = Number(process.env.FAULT_FORMS_PER_KIOSK ?? 150);

test('300 forms from 2 kiosks through a faulty network arrive exactly once, intact', async ({ browser, server }) => {
  test.setTimeout(20 * 60_000);
  const proxy = new FaultProxy(E2E_PORT, 2026);
  const origin = `http://localhost:${await proxy.start()}`;
  const arrivals = await server.arrivalsOf('comentario-guia');

  // Healthy network while the kiosks are installed and enrolled.
  const kiosks = await Promise.all(
    ['A', 'B'].map(async (name) => {
      const context = await browser.newContext({ baseURL: origin });
      const page = await context.newPage();
      const kiosk = new Kiosk(page);
      await kiosk.firstVisit();
      await new Librarian(page).enrol(`Biblioteca ${name}`);
      return { name, context, page, kiosk };
    }),
  );

  proxy.faults = { drop: 0.1, error500: 0.1, resetAfterCommit: 0.2, maxDelayMs: 150 };
  const typed = new Map<string, boolean>();
  try {
    await Promise.all(
      kiosks.map(async ({ name, kiosk }) => {
        for (let i = 0; i < PER_KIOSK; i++) {
          const comment = `Kiosco ${name}, formulario ${i}: el costo cambió`;
          const useful = i % 3 !== 0;
          typed.set(comment, useful);
          await kiosk.sendFeedback({ guide: 'pension-65', useful, comment });
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
    // What still waits, shown whole if it never drains.
    const stillQueued = async () => (await outboxRows(page)).map((r) => [r.status, r.rejection, r.attempts]);
    await expect.poll(stillQueued, { timeout: 120_000, message: 'outbox still holds' }).toEqual([]);
  }

  const received = await arrivals();
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
