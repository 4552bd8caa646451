// The server publishes a change while the kiosk is offline; when the connection returns the
// kiosk shows it, without a reload.
import { expect, test } from './fixtures';
import { Kiosk } from './kiosk';
import { Librarian } from './librarian';

test('an edit published while the kiosk is offline appears after reconnecting, without a reload', async ({ page, context, server }) => {
  const guide = server.guideFile('juntos');
  const kiosk = new Kiosk(page);
  await kiosk.firstVisit();
  await kiosk.switchTo('Runasimi');
  await kiosk.openGuide('juntos');
  const oldTitle = await kiosk.heading().textContent();
  // Marks the page, to prove later that it was never reloaded.
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

  await context.setOffline(true);
  await expect(kiosk.connection()).toHaveText("Mana t'inkisqachu");
  try {
    guide.retitle({ es: 'Programa Juntos (actualizado)', qu: 'Juntos yanapay (musuqchasqa)' });
    const published = await server.publishContent();
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
    await guide.restore();
  }
});

test('in the panel, "Actualizar ahora" pulls a change at once and says when; patrons see only a quiet connection dot', async ({ page, server }) => {
  const guide = server.guideFile('juntos');
  const kiosk = new Kiosk(page);
  const librarian = new Librarian(page);
  await kiosk.firstVisit();
  // Patron screens carry no sync details or buttons.
  await kiosk.openGuide('juntos');
  await expect(kiosk.connection()).toHaveText('Conectado');
  await expect(librarian.syncNowButton()).toHaveCount(0);
  await librarian.enrolFromPanel('Biblioteca de Huaro');
  try {
    guide.retitle({ es: 'Juntos, revisado hoy' });
    await server.publishContent();
    await librarian.syncNow();
    await expect(librarian.lastPull()).toContainText('hace un momento');
    await expect(librarian.connection()).toContainText('Conectado al servidor');
    await kiosk.openGuide('juntos');
    await expect(kiosk.heading()).toHaveText('Juntos, revisado hoy');
  } finally {
    await guide.restore();
  }
});
