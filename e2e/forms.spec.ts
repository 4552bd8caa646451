// Filling a form with no connection, in Quechua: the receipt says "waiting" until the server
// has the submission, once; then "sent". Drafts survive a reload.
import { expectNoAxeViolations } from './axe';
import { expect, test } from './fixtures';
import { Kiosk } from './kiosk';
import { draftRows, patronDatabaseDump, queueOutboxRow } from './kiosk-storage';
import { Librarian } from './librarian';

test('a form filled offline in Quechua is sent once when the connection returns', async ({ page, context, server }) => {
  const kiosk = new Kiosk(page);
  await kiosk.firstVisit();
  await new Librarian(page).enrol('Biblioteca Municipal de Urcos');
  const arrivals = await server.arrivalsOf('afiliacion-sis');

  await context.setOffline(true);
  await kiosk.openGuide('sis-gratuito');
  await kiosk.switchTo('Runasimi');
  await page.getByRole('link', { name: /^SISman qillqachikuy/ }).click();
  await expect(kiosk.heading()).toHaveText('SISman qillqachikuy (mana pagana hampikuy amachay)');

  // A wrong DNI is pointed out beside the field, in Quechua, as soon as the patron leaves it.
  const dni = page.getByLabel(/^Qillqachikuqpa DNI yupaynin/);
  await dni.fill('1011741');
  await dni.blur();
  await expect(page.getByText('DNIqa 8 yupayniyuqmi.')).toBeVisible();
  await dni.fill('10117410');
  await kiosk.fillForm([[/^Qillqachikuqpa sutin/, 'Rosa']]);
  await expect(page.getByText('DNIqa 8 yupayniyuqmi.')).toBeHidden();
  await kiosk.fillForm([
    [/^Qillqachikuqpa ayllu sutinkuna/, 'Quispe Mamani'],
    ['Dipartamintu', 'Cusco'],
    ['Pruwinsya', 'Quispicanchi'],
    ['Distritu', 'Urcos'],
    [/^Qillqachikuqpa wasin maypi kasqan/, 'Jr. Grau 123'],
    [/^Silular yupay/, '987 654 321'],
  ]);

  // Send without answering a required question: the error summary and the field say so.
  await kiosk.send('Apachiy');
  await expect(page.getByText(/1 sananchasqa kutichiyta qhawapay/)).toBeVisible();
  await kiosk.choose(/Qillqachikuqqa huk hampikuy amachayniyuqchu/, 'Manam');
  // What the receipt says the moment its code appears (a MutationObserver sees every change).
  await page.evaluate(() => {
    const first = new Promise<string>((resolve) => {
      const observer = new MutationObserver(() => {
        if (!document.querySelector('[data-testid="receipt-code"]')) return;
        observer.disconnect();
        resolve(document.querySelectorAll('.receipt-facts dd')[1]?.textContent ?? '');
      });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    (window as unknown as { receiptFirstForm: Promise<string> }).receiptFirstForm = first;
  });
  await kiosk.send('Apachiy');

  await expect(kiosk.heading()).toHaveText('Apachisqa qillqapa chiqaqchanan');
  await expect(kiosk.receiptStatus()).toHaveText('Apachinanpaq suyachkan');
  const { code } = await kiosk.receipt();
  // The receipt names the form in the patron's language from its first paint, never by its id.
  expect(await page.evaluate(() => (window as unknown as { receiptFirstForm: Promise<string> }).receiptFirstForm)).toBe('SISman qillqachikuy (mana pagana hampikuy amachay)');
  expect(await arrivals()).toEqual([]);
  // While it waits, the submission is sealed for the server: nothing on the kiosk reads it.
  const waiting = await patronDatabaseDump(page);
  expect(waiting).toContain('"sealed"');
  for (const answer of ['Quispe Mamani', 'Jr. Grau 123', '10117410']) expect(waiting).not.toContain(answer);

  await expectNoAxeViolations(page);

  await context.setOffline(false);
  await expect(kiosk.receiptStatus()).toHaveText('Apachisqaña');
  // Acknowledged: the answers are gone from the kiosk, only the receipt remains.
  const stored = await patronDatabaseDump(page);
  expect(stored).toContain(code);
  for (const answer of ['Quispe Mamani', 'Jr. Grau 123', '987 654 321']) expect(stored).not.toContain(answer);
  const mine = await arrivals();
  expect(mine).toHaveLength(1);
  expect(mine[0]!.library).toBe('Biblioteca Municipal de Urcos');
  expect(mine[0]!.payload.answers).toEqual({
    dni: '10117410',
    nombres: 'Rosa',
    apellidos: 'Quispe Mamani',
    ubigeo: '081201',
    direccion: 'Jr. Grau 123',
    celular: '987 654 321',
    tiene_otro_seguro: false,
  });
});

test('a reload in the middle of a draft keeps the answers', async ({ page }) => {
  const kiosk = new Kiosk(page);
  await kiosk.firstVisit();
  await kiosk.openForm('afiliacion-sis');
  await kiosk.fillForm([
    [/^Nombres/, 'Juana'],
    [/^Dirección de su casa/, 'Comunidad de Huayllay'],
  ]);
  await kiosk.choose(/Tiene otro seguro de salud/, 'Sí');
  await page.reload();
  await expect(page.getByText('Recuperamos lo que había escrito.')).toBeVisible();
  await expect(page.getByLabel(/^Nombres/)).toHaveValue('Juana');
  await expect(page.getByLabel(/^Dirección de su casa/)).toHaveValue('Comunidad de Huayllay');
  await expect(page.getByRole('group', { name: /Tiene otro seguro de salud/ }).getByLabel('Sí')).toBeChecked();
});

// Send adds the outbox row, then deletes the draft (src/data/outbox-queue.ts). The draft carries
// the id its submission has, so one a crash leaves behind is known to be spent.
test('Send queues the answers under the id their draft was saved with, and the draft goes', async ({ page }) => {
  const kiosk = new Kiosk(page);
  await kiosk.firstVisit();
  await kiosk.fillPension65('Gregoria');
  await expect.poll(async () => (await draftRows(page))[0]?.answers.recibe_pension).toBe(false);
  const id = (await draftRows(page))[0]!.submissionId!;
  await kiosk.send();
  await expect(kiosk.receiptCode()).toBeVisible();
  expect(new URL(page.url()).pathname).toBe(`/recibo/${id}`);
  await expect.poll(async () => (await draftRows(page)).length).toBe(0);
});

test('a draft whose submission was queued just before the power went is not offered again', async ({ page, context }) => {
  const kiosk = new Kiosk(page);
  await kiosk.firstVisit();
  await kiosk.openForm('afiliacion-sis');
  await kiosk.fillForm([[/^Nombres/, 'Juana']]);
  await expect.poll(async () => (await draftRows(page)).find((d) => d.answers.nombres === 'Juana')?.submissionId ?? '').toMatch(/^[0-9a-f-]{36}$/);
  const [draft] = await draftRows(page);
  // The outbox row committed under the draft's id; the draft's delete never ran.
  await queueOutboxRow(page, { id: draft!.submissionId, formId: 'afiliacion-sis', formVersion: 1, createdAt: new Date().toISOString(), payload: { answers: draft!.answers }, status: 'waiting', receipt: 'ABC-234', attempts: 0 });
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByLabel(/^Nombres/)).toBeVisible();
  await expect.poll(async () => (await draftRows(page)).length).toBe(0);
  await expect(page.getByLabel(/^Nombres/)).toHaveValue('');
  await expect(page.getByText('Recuperamos lo que había escrito.')).toHaveCount(0);
});

test('the complaints book is one tap away on every screen, in both languages, and a complaint reaches the network once', async ({ page, server }) => {
  const kiosk = new Kiosk(page);
  await kiosk.firstVisit();
  await new Librarian(page).enrol('Biblioteca Municipal de Urcos');
  const arrivals = await server.arrivalsOf('libro-reclamaciones');

  await kiosk.openGuide('pension-65');
  await kiosk.switchTo('Runasimi');
  await page.getByRole('contentinfo').getByRole('link', { name: 'Anyakuy qillqa (Libro de Reclamaciones)' }).click();
  await expect(kiosk.heading()).toHaveText("P'anqa wasikunapa huñunakuyninpa anyakuy qillqan (Libro de Reclamaciones)");
  await expectNoAxeViolations(page);
  await kiosk.switchTo('Español');
  await expect(kiosk.heading()).toHaveText('Libro de Reclamaciones de la red de bibliotecas');

  await kiosk.choose(/^Documento de identidad/, 'DNI');
  await kiosk.fillForm([
    [/^Número de DNI/, '10117410'],
    [/^Nombres/, 'Rosa'],
    [/^Apellidos/, 'Quispe Mamani'],
    [/^Dirección de su casa/, 'Comunidad de Huayllay'],
    [/^¿En qué biblioteca o kiosco pasó\?/, 'Biblioteca Municipal de Urcos'],
    [/^¿Qué pasó\?/, 'El kiosco estuvo apagado toda la mañana.'],
    [/^¿Qué pide a la red de bibliotecas\?/, 'Que lo enciendan a la hora de apertura.'],
  ]);
  await kiosk.send();
  await expect(kiosk.receiptStatus()).toHaveText('Enviado');

  const mine = await arrivals();
  expect(mine).toHaveLength(1);
  expect(mine[0]!.payload.answers).toMatchObject({ tipo_documento: 'dni', dni: '10117410', detalle: 'El kiosco estuvo apagado toda la mañana.' });
});
