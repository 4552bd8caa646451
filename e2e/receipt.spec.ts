// The receipt says what the patron must still do: a pre-application is not the service, and a
// patron who reads little must not go home thinking she is done. On screen and on paper, in
// both languages.
import { expectNoAxeViolations } from './axe';
import { expect, test } from './fixtures';
import { Kiosk } from './kiosk';
import { Librarian } from './librarian';

test('the receipt says what is left to do, where, and what the code is for, on screen and in its printout', async ({ page, context }) => {
  const kiosk = new Kiosk(page);
  await kiosk.firstVisit();
  await new Librarian(page).enrol('Biblioteca Municipal de Ocongate');
  await context.setOffline(true);
  await kiosk.fillPension65('Leoncia');
  await kiosk.send();
  const { code } = await kiosk.receipt();

  const nextSteps = page.getByRole('region', { name: 'Qué le falta hacer' });
  await expect(nextSteps).toContainText('todavía no está inscrito en Pensión 65');
  await expect(nextSteps).toContainText('vaya con su DNI a la ULE de su municipalidad');
  await expect(page.getByText('Guarde este código: con él, en Biblioteca Municipal de Ocongate, pueden buscar su envío.')).toBeVisible();
  await expect(page.locator('main')).not.toContainText('tranquilo');

  const printed = await kiosk.printout();
  expect(printed.text).toContain(code);
  expect(printed.text).toContain('Qué le falta hacer');
  expect(printed.text).toContain('vaya con su DNI a la ULE de su municipalidad');
  expect(printed.text).toContain('Biblioteca Municipal de Ocongate');
  expect(printed.text).not.toContain('Imprimir');
  await expectNoAxeViolations(page);

  await kiosk.switchTo('Runasimi');
  const qu = page.getByRole('region', { name: 'Imatam ruranaykiraq' });
  await expect(qu).toContainText('DNIykiwan munisipalidadniykipa ULE nisqanman riy');
  await expect(page.locator('main')).not.toContainText('Mana llakikuspa');
  const printedQu = await kiosk.printout();
  expect(printedQu.text).toContain('DNIykiwan munisipalidadniykipa ULE nisqanman riy');
  expect(printedQu.text).toContain(code);
  await expectNoAxeViolations(page);
});
