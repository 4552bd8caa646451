// A kiosk that still holds submissions queued in the clear by the previous version of the app
// (before sealing existed) keeps every one: they are sealed on start, then sent once.
import { expect, test } from './fixtures';
import { Kiosk } from './kiosk';
import { patronDatabaseDump, queueOutboxRow } from './kiosk-storage';
import { Librarian } from './librarian';

test('submissions queued in the clear by the previous version are sealed, kept and sent once', async ({ page, context, server }) => {
  const kiosk = new Kiosk(page);
  await kiosk.firstVisit();
  await new Librarian(page).enrol('Biblioteca de Andahuaylillas');
  await context.setOffline(true);
  const comment = `Guardado por la versión anterior ${Date.now()}`;
  const id = `01937a3e-5f7c-7cc1-8f3a-${String(Date.now()).slice(-12)}`;
  // Write the row exactly as the previous version did: answers in the clear.
  await queueOutboxRow(page, {
    id,
    formId: 'comentario-guia',
    formVersion: 1,
    createdAt: new Date().toISOString(),
    payload: { answers: { util: false, problema: comment }, context: { guideId: 'juntos' } },
    status: 'waiting',
    receipt: 'OLD0-0001',
    attempts: 0,
  });
  await page.reload();
  await expect.poll(() => patronDatabaseDump(page)).not.toContain(comment);
  expect(await patronDatabaseDump(page)).toContain('OLD0-0001');

  // The connection returns. (Chromium 150 forgets the emulated offline state in a reloaded page,
  // so it is set again first, for the page to hear "online" as it would when a cable comes back.)
  await context.setOffline(true);
  await context.setOffline(false);
  const sent = () => server.submissions('comentario-guia').then((all) => all.filter((s) => s.id === id));
  await expect.poll(async () => (await sent()).length, { timeout: 30_000 }).toBe(1);
  const [stored] = await sent();
  expect(stored!.payload).toEqual({ answers: { util: false, problema: comment }, context: { guideId: 'juntos' } });
});
