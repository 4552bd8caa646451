// The server publishes a change while the kiosk is offline; when the connection returns the
// kiosk shows it, without a reload.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { enrollKiosk, Kiosk, publishContent } from './kiosk';
import { E2E_ADMIN_TOKEN, E2E_CONTENT_DIR, E2E_ENROLL_CODE } from './playwright.config';

const GUIDE_FILE = join(E2E_CONTENT_DIR, 'guides', 'juntos.yaml');

test('an edit published while the kiosk is offline appears after reconnecting, without a reload', async ({ page, context, baseURL }) => {
  const original = readFileSync(GUIDE_FILE, 'utf8');
  const kiosk = new Kiosk(page);
  await kiosk.firstVisit();
  await kiosk.switchTo('Runasimi');
  await page.goto('/guia/juntos');
  const oldTitle = await kiosk.heading().textContent();
  // Marks the page, to prove later that it was never reloaded.
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

  await context.setOffline(true);
  await expect(kiosk.connection()).toHaveText("Mana t'inkisqachu");
  try {
    writeFileSync(
      GUIDE_FILE,
      original
        .replace(/^( {2}es: )".*"$/m, '$1"Programa Juntos (actualizado)"')
        .replace(/^( {2}qu: )".*"$/m, '$1"Juntos yanapay (musuqchasqa)"'),
    );
    const published = await publishContent(baseURL!, E2E_ADMIN_TOKEN);
    expect(published.summary.updated).toEqual(['guide/juntos']);

    // Still offline: the patron keeps seeing what the kiosk holds.
    await page.getByRole('button', { name: 'Runasimi' }).focus();
    await expect(kiosk.heading()).toHaveText(oldTitle!);

    await context.setOffline(false);
    await expect(kiosk.connection()).toHaveText("T'inkisqa");
    await expect(kiosk.heading()).toHaveText('Juntos yanapay (musuqchasqa)');
    await kiosk.switchTo('Español');
    await expect(kiosk.heading()).toHaveText('Programa Juntos (actualizado)');
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  } finally {
    writeFileSync(GUIDE_FILE, original);
    await publishContent(baseURL!, E2E_ADMIN_TOKEN);
  }
});

test('in the panel, "Actualizar ahora" pulls a change at once and says when; patrons see only a quiet connection dot', async ({ page, baseURL }) => {
  const original = readFileSync(GUIDE_FILE, 'utf8');
  const kiosk = new Kiosk(page);
  await kiosk.firstVisit();
  // Patron screens carry no sync details or buttons.
  await page.goto('/guia/juntos');
  await expect(kiosk.connection()).toHaveText('Conectado');
  await expect(page.getByRole('button', { name: 'Actualizar ahora' })).toHaveCount(0);
  await enrollKiosk(page, E2E_ENROLL_CODE, 'Biblioteca de Huaro', '/biblioteca');
  try {
    writeFileSync(GUIDE_FILE, original.replace(/^( {2}es: )".*"$/m, '$1"Juntos, revisado hoy"'));
    await publishContent(baseURL!, E2E_ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Actualizar ahora' }).click();
    await expect(page.getByTestId('last-pull')).toContainText('hace un momento');
    await expect(page.getByTestId('panel-connection')).toContainText('Conectado al servidor');
    await page.goto('/guia/juntos');
    await expect(kiosk.heading()).toHaveText('Juntos, revisado hoy');
  } finally {
    writeFileSync(GUIDE_FILE, original);
    await publishContent(baseURL!, E2E_ADMIN_TOKEN);
  }
});
