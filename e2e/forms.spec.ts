// Filling a form with no connection, in Quechua: the receipt says "waiting" until the server
// has the submission, once; then "sent". Drafts survive a reload.
import { expectNoAxeViolations } from './axe';
import { expect, test } from './fixtures';
import { enrollKiosk, Kiosk, patronDatabaseDump, serverSubmissions } from './kiosk';
import { E2E_ADMIN_TOKEN, E2E_ENROLL_CODE } from './playwright.config';

test('a form filled offline in Quechua is sent once when the connection returns', async ({ page, context, baseURL }) => {
  const kiosk = new Kiosk(page);
  await kiosk.firstVisit();
  await enrollKiosk(page, E2E_ENROLL_CODE);
  const before = await serverSubmissions(baseURL!, E2E_ADMIN_TOKEN, 'afiliacion-sis');

  await context.setOffline(true);
  await page.goto('/guia/sis-gratuito');
  await kiosk.switchTo('Runasimi');
  await page.getByRole('link', { name: /^SISman qillqachikuy/ }).click();
  await expect(kiosk.heading()).toHaveText('SISman qillqachikuy (mana pagana hampikuy amachay)');

  // A wrong DNI is pointed out beside the field, in Quechua, as soon as the patron leaves it.
  const dni = page.getByLabel(/^DNI yupayniyki/);
  await dni.fill('1011741');
  await dni.blur();
  await expect(page.getByText('DNIqa 8 yupayniyuqmi.')).toBeVisible();
  await dni.fill('10117410');
  await page.getByLabel(/^Sutiyki/).fill('Rosa');
  await expect(page.getByText('DNIqa 8 yupayniyuqmi.')).toBeHidden();
  await page.getByLabel(/^Ayllu sutiykikuna/).fill('Quispe Mamani');
  await page.getByLabel('Dipartamintu').selectOption({ label: 'Cusco' });
  await page.getByLabel('Pruwinsya').selectOption({ label: 'Quispicanchi' });
  await page.getByLabel('Distritu').selectOption({ label: 'Urcos' });
  await page.getByLabel(/^Wasiykipa maypi kasqan/).fill('Jr. Grau 123');
  await page.getByLabel(/^Waqyana yupayniyki/).fill('987 654 321');

  // Send without answering a required question: the error summary and the field say so.
  await page.getByRole('button', { name: 'Apachiy' }).click();
  await expect(page.getByText(/1 sananchasqa kutichiyta qhawapay/)).toBeVisible();
  await page.getByRole('group', { name: /Huk hampikuy amachayniyuqchu kanki/ }).getByLabel('Manam').check();
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
  await page.getByRole('button', { name: 'Apachiy' }).click();

  await expect(kiosk.heading()).toHaveText('Apachisqa qillqapa chiqaqchanan');
  await expect(page.getByTestId('receipt-status')).toHaveText('Apachinanpaq suyachkan');
  const code = await page.getByTestId('receipt-code').textContent();
  expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  // The receipt names the form in the patron's language from its first paint, never by its id.
  expect(await page.evaluate(() => (window as unknown as { receiptFirstForm: Promise<string> }).receiptFirstForm)).toBe('SISman qillqachikuy (mana pagana hampikuy amachay)');
  expect(await serverSubmissions(baseURL!, E2E_ADMIN_TOKEN, 'afiliacion-sis')).toHaveLength(before.length);
  // While it waits, the submission is sealed for the server: nothing on the kiosk reads it.
  const waiting = await patronDatabaseDump(page);
  expect(waiting).toContain('"sealed"');
  for (const answer of ['Quispe Mamani', 'Jr. Grau 123', '10117410']) expect(waiting).not.toContain(answer);

  await expectNoAxeViolations(page);

  await context.setOffline(false);
  await expect(page.getByTestId('receipt-status')).toHaveText('Apachisqaña');
  // Acknowledged: the answers are gone from the kiosk, only the receipt remains.
  const stored = await patronDatabaseDump(page);
  expect(stored).toContain(code!);
  for (const answer of ['Quispe Mamani', 'Jr. Grau 123', '987 654 321']) expect(stored).not.toContain(answer);
  const after = await serverSubmissions(baseURL!, E2E_ADMIN_TOKEN, 'afiliacion-sis');
  const mine = after.filter((s) => !before.some((b) => b.id === s.id));
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
  await page.goto('/formulario/afiliacion-sis');
  await page.getByLabel(/^Nombres/).fill('Juana');
  await page.getByLabel(/^Dirección de su casa/).fill('Comunidad de Huayllay');
  await page.getByRole('group', { name: /Tiene otro seguro de salud/ }).getByLabel('Sí').check();
  await page.reload();
  await expect(page.getByText('Recuperamos lo que había escrito.')).toBeVisible();
  await expect(page.getByLabel(/^Nombres/)).toHaveValue('Juana');
  await expect(page.getByLabel(/^Dirección de su casa/)).toHaveValue('Comunidad de Huayllay');
  await expect(page.getByRole('group', { name: /Tiene otro seguro de salud/ }).getByLabel('Sí')).toBeChecked();
});

test('the complaints book is one tap away on every screen, in both languages, and a complaint reaches the network once', async ({ page, baseURL }) => {
  const kiosk = new Kiosk(page);
  await kiosk.firstVisit();
  await enrollKiosk(page, E2E_ENROLL_CODE);
  const before = await serverSubmissions(baseURL!, E2E_ADMIN_TOKEN, 'libro-reclamaciones');

  await page.goto('/guia/pension-65');
  await kiosk.switchTo('Runasimi');
  await page.getByRole('contentinfo').getByRole('link', { name: 'Anyakuy qillqa (Libro de Reclamaciones)' }).click();
  await expect(kiosk.heading()).toHaveText("P'anqa wasikunapa huñunakuyninpa anyakuy qillqan (Libro de Reclamaciones)");
  await expectNoAxeViolations(page);
  await kiosk.switchTo('Español');
  await expect(kiosk.heading()).toHaveText('Libro de Reclamaciones de la red de bibliotecas');

  await page.getByRole('group', { name: /^Documento de identidad/ }).getByLabel('DNI').check();
  await page.getByLabel(/^Número de DNI/).fill('10117410');
  await page.getByLabel(/^Nombres/).fill('Rosa');
  await page.getByLabel(/^Apellidos/).fill('Quispe Mamani');
  await page.getByLabel(/^Dirección de su casa/).fill('Comunidad de Huayllay');
  await page.getByLabel(/^¿En qué biblioteca o kiosco pasó\?/).fill('Biblioteca Municipal de Urcos');
  await page.getByLabel(/^¿Qué pasó\?/).fill('El kiosco estuvo apagado toda la mañana.');
  await page.getByLabel(/^¿Qué pide a la red de bibliotecas\?/).fill('Que lo enciendan a la hora de apertura.');
  await page.getByRole('button', { name: 'Enviar' }).click();
  await expect(page.getByTestId('receipt-status')).toHaveText('Enviado');

  const mine = (await serverSubmissions(baseURL!, E2E_ADMIN_TOKEN, 'libro-reclamaciones')).filter((s) => !before.some((b) => b.id === s.id));
  expect(mine).toHaveLength(1);
  expect(mine[0]!.payload.answers).toMatchObject({ tipo_documento: 'dni', dni: '10117410', detalle: 'El kiosco estuvo apagado toda la mañana.' });
});
