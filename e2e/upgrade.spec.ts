// A kiosk that still holds submissions queued in the clear by the previous version of the app
// (before sealing existed) keeps every one: they are sealed on start, then sent once.
import { expect, test } from './fixtures';
import { enrollKiosk, Kiosk, patronDatabaseDump, serverSubmissions } from './kiosk';
import { E2E_ADMIN_TOKEN, E2E_ENROLL_CODE } from './playwright.config';

test('submissions queued in the clear by the previous version are sealed, kept and sent once', async ({ page, context, baseURL }) => {
  const kiosk = new Kiosk(page);
  await kiosk.firstVisit();
  await enrollKiosk(page, E2E_ENROLL_CODE, 'Biblioteca de Andahuaylillas');
  await context.setOffline(true);
  const comment = `Guardado por la versión anterior ${Date.now()}`;
  const id = `01937a3e-5f7c-7cc1-8f3a-${String(Date.now()).slice(-12)}`;
  // Write the row exactly as the previous version did: answers in the clear.
  await page.evaluate(
    ({ id, comment }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('chaski-patron');
        open.onsuccess = () => {
          const tx = open.result.transaction('outbox', 'readwrite');
          tx.objectStore('outbox').put({
            id, formId: 'comentario-guia', formVersion: 1, createdAt: new Date().toISOString(),
            payload: { answers: { util: false, problema: comment }, context: { guideId: 'juntos' } },
            status: 'waiting', receipt: 'OLD0-0001', attempts: 0,
          });
          tx.oncomplete = () => { open.result.close(); resolve(); };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { id, comment },
  );
  await page.reload();
  await expect.poll(() => patronDatabaseDump(page)).not.toContain(comment);
  expect(await patronDatabaseDump(page)).toContain('OLD0-0001');

  await context.setOffline(false);
  await expect
    .poll(async () => (await serverSubmissions(baseURL!, E2E_ADMIN_TOKEN, 'comentario-guia')).filter((s) => s.id === id).length, { timeout: 30_000 })
    .toBe(1);
  const [stored] = (await serverSubmissions(baseURL!, E2E_ADMIN_TOKEN, 'comentario-guia')).filter((s) => s.id === id);
  expect(stored!.payload).toEqual({ answers: { util: false, problema: comment }, context: { guideId: 'juntos' } });
});
