// A kiosk runs from opening to closing without a reload: patron after patron must leave nothing
// behind that grows — DOM nodes, event listeners, timers, IndexedDB rows. 40 patrons in one page
// (category, guide, search, feedback form sent, then "Salir" or the idle countdown), counted after
// the 2nd and after the 40th. The 1,000-patron day, with the JS heap, is `npm run bench day`.
import { expect, test } from './fixtures';
import { Kiosk } from './kiosk';
import { Librarian } from './librarian';
import { type DayCounts, dayCounts, openDayProbes, patronSession, TIMER_PROBE } from './patron-day';

const SESSIONS = 40;

// Playwright's own step log and snapshots hold on to the page's nodes: a trace would be the leak.
test.use({ trace: 'off' });

test('40 patrons in one page leave the DOM, listeners, timers and IndexedDB rows where the 2nd left them', async ({ page, context }) => {
  test.setTimeout(150_000);
  // A morning in Peru, so the compressed idle minutes stay within one day (one usage row).
  await page.clock.install({ time: new Date('2026-12-03T08:00:00-05:00') });
  await page.addInitScript({ content: TIMER_PROBE });
  const kiosk = new Kiosk(page);
  await kiosk.firstVisit();
  await new Librarian(page).enrol('Biblioteca Municipal de Urcos');
  await page.getByRole('link', { name: /Chaski/ }).first().click();
  const cdp = await openDayProbes(context, page);

  let second: DayCounts | undefined;
  for (let n = 1; n <= SESSIONS; n++) {
    await patronSession(page, n, n % 2 ? 'finish' : 'idle');
    if (n === 2) second = await dayCounts(page, cdp);
  }
  const last = await dayCounts(page, cdp);
  const { heap: _h1, ...before } = second!;
  const { heap: _h2, ...after } = last;
  // Exactly the same counts, no slack: every screen, dialog, listener and timer of a session is
  // gone with it (and the search field is a new one: Chromium's undo history holds a node of
  // what was typed into a field for as long as the field lives), the drafts and receipts are
  // erased at its end, the outbox is empty (delivered), the usage counters are one day's row.
  expect(after).toEqual(before);
  expect(after.rows['chaski-patron.outbox']).toBe(0);
  expect(after.rows['chaski-patron.receipts']).toBe(0);
  expect(after.rows['chaski-patron.drafts']).toBe(0);
});
