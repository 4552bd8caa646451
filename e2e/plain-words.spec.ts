// Plain words: the State's jargon in a guide (CSE, ULE …) can be tapped for its explanation, in
// the patron's language; a guide sends to the other guides it mentions, and a form back to its
// guide, as links; wrong answers say exactly what is expected.
import { expectNoAxeViolations } from './axe';
import { expect, test } from './fixtures';
import { Kiosk } from './kiosk';

test('a tap on a term explains it, in Spanish and in Quechua, and goes back where it was', async ({ page }) => {
  const kiosk = new Kiosk(page);
  await kiosk.firstVisit();
  await kiosk.openGuide('pension-65');
  const term = page.getByRole('button', { name: 'CSE', exact: true }).first();
  await term.click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('heading')).toHaveText('CSE (clasificación socioeconómica)');
  await expect(dialog).toContainText('dice si su hogar es no pobre, pobre o pobre extremo');
  // The explanation is plain text: its one button closes it.
  await expect(dialog.getByRole('button')).toHaveCount(1);
  await expectNoAxeViolations(page);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(term).toBeFocused();

  await kiosk.switchTo('Runasimi');
  // In Quechua the acronym carries suffixes (CSEyuq, ULEman …); the term is found all the same.
  await page.getByRole('button', { name: /^ULE/ }).first().click();
  await expect(page.getByRole('dialog')).toContainText('Munisipalidad');
  await page.getByRole('dialog').getByRole('button', { name: "Wichq'ay" }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
});

test('a guide links to the guides it sends the patron to, and a form back to its guide', async ({ page }) => {
  const kiosk = new Kiosk(page);
  await kiosk.firstVisit();
  await kiosk.openGuide('pension-65');
  const related = page.getByRole('region', { name: 'También le puede servir' });
  await related.getByRole('link', { name: /Clasificación socioeconómica del hogar/ }).click();
  await expect(kiosk.heading()).toHaveText(/Clasificación socioeconómica del hogar/);

  await kiosk.openForm('preinscripcion-pension-65');
  await page.getByRole('link', { name: '← Volver a: Pensión 65' }).click();
  await expect(kiosk.heading()).toHaveText('Pensión 65');
});

test('wrong answers say what is expected: a mobile, the numbers of a DNI', async ({ page }) => {
  const kiosk = new Kiosk(page);
  await kiosk.firstVisit();
  await kiosk.openForm('preinscripcion-pension-65');
  // A landline typed where a mobile is asked for.
  await kiosk.fillForm([
    [/^Número de celular/, '084 231234'],
    [/^Número de DNI/, '10117410-5'],
  ]);
  await page.getByLabel(/^Nombres/).focus();
  await expect(page.getByText('Escriba un celular: 9 números que empiezan con 9.')).toBeVisible();
  await expect(page.getByText('El número o la letra después del guion no corresponde a este DNI. Escriba solo los 8 números.')).toBeVisible();
});
