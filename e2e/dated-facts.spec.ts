// A fact with an end date (a free campaign, a price) stops being stated the day after it ends:
// the kiosk shows, in the patron's language, that it may have changed, and the rest of the
// guide as before. The date is in content (`until`); the kiosk's clock decides.
import { expect, test } from './fixtures';
import { Kiosk } from './kiosk';

const CAMPAIGN = /el primer DNI es gratis para bebés/;

test('a dated fact is stated until its last day and replaced by a notice after it, in both languages', async ({ page, context }) => {
  // 31 December 2026 at noon in Lima: the free campaign for a first DNI still holds.
  await context.clock.install({ time: new Date('2026-12-31T17:00:00Z') });
  const kiosk = new Kiosk(page);
  await kiosk.firstVisit();
  await kiosk.openGuide('dni-menor');
  await expect(page.getByText(CAMPAIGN)).toBeVisible();
  await expect(page.getByText('Este dato puede haber cambiado: pregunte en la biblioteca.')).toHaveCount(0);

  // 1 January 2027 in Lima: the campaign is over; the cost and the other steps stay.
  await context.clock.setSystemTime(new Date('2027-01-01T17:00:00Z'));
  await kiosk.openGuide('dni-menor');
  await expect(page.getByText(CAMPAIGN)).toHaveCount(0);
  await expect(page.getByText('Este dato puede haber cambiado: pregunte en la biblioteca.')).toBeVisible();
  await expect(page.getByText(/Pague S\/ 16\.00/)).toBeVisible();
  await kiosk.switchTo('Runasimi');
  await expect(page.getByText("Kay willakuyqa hukchakurqanchá: p'anqa wasipi tapukuy.")).toBeVisible();
});
