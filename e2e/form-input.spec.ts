// No lost taps and no wrong dates: the press on "Enviar" right after leaving a field counts,
// and a birth date typed day first is stored as the patron meant it, whatever the browser's
// locale; the form's own rules (65 or older, not in the future) are checked on the kiosk.
import { expect, test } from './fixtures';
import { Kiosk } from './kiosk';
import { Librarian } from './librarian';

test('the first press on "Enviar" right after leaving a field with a mistake is not lost', async ({ page }) => {
  const kiosk = new Kiosk(page);
  await kiosk.firstVisit();
  await kiosk.fillPension65('Gregoria');
  // The last thing typed is a wrong mobile number; the next thing the patron does is press Enviar.
  await kiosk.fillForm([[/^Número de celular/, '12345']]);
  await kiosk.send();
  const summary = page.getByRole('alert').filter({ hasText: 'Revise 1 respuesta marcada.' });
  await expect(summary).toBeVisible();
  await expect(summary).toBeFocused();
  await expect(page.getByText('Escriba un celular: 9 números que empiezan con 9.')).toBeVisible();

  // Corrected, and Enviar pressed straight after typing: it sends.
  await kiosk.fillForm([[/^Número de celular/, '987 654 321']]);
  await kiosk.send();
  await expect(kiosk.receiptCode()).toBeVisible();
});

test('at 200 % zoom on a touchscreen, in Runasimi, the first tap on "Apachiy" after a mistake counts too', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, viewport: { width: 640, height: 400 }, hasTouch: true });
  const page = await context.newPage();
  const kiosk = new Kiosk(page);
  await kiosk.firstVisit();
  await kiosk.fillPension65('Gregoria');
  await kiosk.switchTo('Runasimi');
  await kiosk.fillForm([[/^Silular yupay/, '12345']]);
  const send = page.getByRole('button', { name: 'Apachiy' });
  await send.scrollIntoViewIfNeeded();
  await send.tap();
  await expect(page.getByRole('alert').filter({ hasText: /1 sananchasqa kutichiyta qhawapay/ })).toBeFocused();
  await context.close();
});

test('on an en-US browser a birth date typed day first is stored as typed, and the age rule is checked', async ({ browser, baseURL, server }) => {
  const context = await browser.newContext({ baseURL, locale: 'en-US', timezoneId: 'America/New_York' });
  const page = await context.newPage();
  const kiosk = new Kiosk(page);
  await kiosk.firstVisit();
  await new Librarian(page).enrol('Biblioteca de Cusipata');
  // A name no other test uses, in letters only (the form refuses digits in a name).
  const name = `Natividad ${Date.now().toString(36).replace(/\d/g, (d) => 'abcdefghij'[Number(d)]!)}`;
  await kiosk.fillPension65(name);

  // Too young for Pensión 65: said on the kiosk, in words.
  await kiosk.fillDate(/^Fecha de nacimiento/, { day: 14, month: 3, year: 1990 });
  await kiosk.send();
  await expect(page.getByText('Debe tener 65 años o más.')).toBeVisible();
  // Half a date is not a date.
  const birth = page.getByRole('group', { name: /^Fecha de nacimiento/ });
  await birth.getByLabel('Año').fill('');
  await expect(page.getByText('Escriba el día, elija el mes y escriba el año (4 números).')).toBeVisible();

  await kiosk.fillDate(/^Fecha de nacimiento/, { day: 14, month: 3, year: 1952 });
  await expect(birth.getByLabel('Mes')).toHaveValue('03');
  await expect(birth.getByLabel('Mes').locator('option:checked')).toHaveText('marzo');
  await kiosk.send();
  await expect(kiosk.receiptStatus()).toHaveText('Enviado');
  const stored = (await server.submissions('preinscripcion-pension-65')).find((s) => s.payload.answers.nombres === name);
  expect(stored?.payload.answers.fecha_nacimiento).toBe('1952-03-14');
  await context.close();
});
