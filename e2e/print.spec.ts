// Printing a guide to take to the office: one button, one sheet, with the checklist's boxes, the
// steps, the cost, where to go and the addresses (and their QR codes); no breadcrumbs, buttons,
// forms or footer.
import { expect, test } from './fixtures';
import { Kiosk } from './kiosk';
import { publishedGuideIds } from './server';

test('every guide prints on one page, with what to bring and where to go, and nothing to tap', async ({ page }) => {
  test.setTimeout(180_000);
  const kiosk = new Kiosk(page);
  await kiosk.firstVisit();
  // The button is there, and it calls the browser's print (stubbed: headless Chromium has no dialog).
  await kiosk.openGuide('pension-65');
  await page.evaluate(() => {
    const counted = window as unknown as { printed: number };
    counted.printed = 0;
    window.print = () => void (counted.printed += 1);
  });
  await page.getByRole('button', { name: 'Imprimir lo que debe llevar' }).click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

  for (const id of publishedGuideIds()) {
    await kiosk.openGuide(id);
    await expect(page.locator('svg.qr').first()).toBeVisible();
    const printed = await kiosk.printout();
    expect(printed.pages, `${id} prints on ${printed.pages} pages`).toBe(1);
    expect(printed.text).toContain('Qué llevar');
    expect(printed.text).toContain('Pasos');
    expect(printed.text).toContain('Dónde ir');
    expect(printed.text).not.toMatch(/Imprimir lo que debe llevar|Formularios que puede llenar|Marque lo que ya tiene/);
    // The footer's link to the Libro de Reclamaciones stays off paper (a guide may name it).
    const named = (text: string) => text.split('Libro de Reclamaciones').length - 1;
    expect(named(printed.text)).toBe(named((await page.locator('article').innerText()).replace(/\s+/g, ' ')));
    if (id === 'pension-65') expect(printed.text).toMatch(/gob\.pe/);
  }

  // On paper, the day it was printed (not on screen).
  await kiosk.openGuide('pension-65');
  await expect(page.getByText(/Impreso el/)).toBeHidden();
  expect((await kiosk.printout()).text).toMatch(/Impreso el \d{1,2} de [a-z]+ de \d{4}/);
  // In Quechua, whose words run longer, every guide still fits one sheet.
  await kiosk.switchTo('Runasimi');
  expect((await kiosk.printout()).text).toContain('Imprimichisqa:');
  for (const id of publishedGuideIds()) {
    await kiosk.openGuide(id);
    const printed = await kiosk.printout();
    expect(printed.pages, `${id} prints on ${printed.pages} pages in Quechua`).toBe(1);
  }
});
