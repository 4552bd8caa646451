// What counting costs a patron: guide views at 4× CPU slowdown, with every IndexedDB write of
// the usage counters recorded in the page. The claim to check (docs/impact-data.md): a view
// adds no write on the way to the screen; counts are written later, together, in one
// transaction per burst. Real server, real Chromium, the built app.
import type { Page } from 'playwright';
import { type BenchSection, type Figure, machineLoad, median, percentile, round, throttleCpu, waitUpdated, withChaski } from './support';

const VIEWS = 30;

/** Records every read-write transaction on the patron database's `usage` store: when it began
 * and when it committed (performance.now()). A string: see launchChromium in support.ts. */
const USAGE_WRITE_PROBE = `
  window.__usageWrites = [];
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (stores, mode, options) {
    const tx = transaction.call(this, stores, mode, options);
    const names = typeof stores === 'string' ? [stores] : Array.from(stores);
    if (mode === 'readwrite' && names.includes('usage')) {
      const entry = { start: performance.now(), end: undefined };
      window.__usageWrites.push(entry);
      tx.addEventListener('complete', () => (entry.end = performance.now()));
    }
    return tx;
  };
`;

interface View {
  /** Click to the guide's heading on screen, measured in the page. */
  ms: number;
  /** Usage writes that began between the click and the heading (a batch landing mid-view). */
  writesOnTheWay: number;
}

async function viewGuide(page: Page, index: number): Promise<View> {
  const link = page.locator('.guide-link').nth(index);
  // The link shows the title, the agency and the summary: the title is its first line.
  const title = (await link.innerText()).trim().split('\n')[0]!;
  const started = await page.evaluate('performance.now()');
  await link.click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  const ended = await page.evaluate('performance.now()');
  const writes = (await page.evaluate('window.__usageWrites')) as Array<{ start: number }>;
  const view = { ms: (ended as number) - (started as number), writesOnTheWay: writes.filter((w) => w.start >= (started as number) && w.start <= (ended as number)).length };
  await page.goBack();
  await page.locator('.guide-link').first().waitFor();
  return view;
}

export const usageSection: BenchSection = {
  id: 'usage',
  title: 'Counting what patrons do: guide views and the usage writes behind them (4× CPU slowdown)',
  async run() {
    const command = 'npm run bench usage';
    return withChaski(undefined, async (server, browser) => {
      const context = await browser.newContext({ baseURL: server.url });
      const page = await context.newPage();
      await page.addInitScript({ content: USAGE_WRITE_PROBE });
      await page.goto('/');
      await waitUpdated(page);
      await page.locator('.category-card').first().click();
      await page.locator('.guide-link').first().waitFor();
      const guides = await page.locator('.guide-link').count();
      await throttleCpu(context, page);
      const views: View[] = [];
      for (let i = 0; i < VIEWS; i++) views.push(await viewGuide(page, i % guides));
      // Let the last batch be written.
      await page.waitForTimeout(4000);
      const writes = (await page.evaluate('window.__usageWrites')) as Array<{ start: number; end?: number }>;
      await context.close();
      const durations = writes.filter((w) => w.end !== undefined).map((w) => w.end! - w.start);
      const ms = views.map((v) => v.ms);
      const f = (name: string, value: number, unit: string, extra: Partial<Figure> = {}): Figure => ({ section: 'Usage counters', name, value, unit, command, ...extra });
      const quiet = views.filter((v) => v.writesOnTheWay === 0).map((v) => v.ms);
      const overlapped = views.filter((v) => v.writesOnTheWay > 0).map((v) => v.ms);
      return [
        f('guide view, click to heading, p50', round(median(ms)), 'ms', { note: `${VIEWS} views at 4× CPU; p95 ${round(percentile(ms, 95))} ms; ${machineLoad()}` }),
        f('usage write transactions for all views', writes.length, 'transactions', { note: `${VIEWS} guide views and ${VIEWS} returns to the category, written in batches (one per 2 s burst)` }),
        f('one usage write transaction, p50', round(median(durations)), 'ms', { note: `max ${round(Math.max(...durations, 0))} ms` }),
        f('views a usage write overlapped, p50 / views with none, p50', overlapped.length > 0 && quiet.length > 0 ? round(median(overlapped) / median(quiet)) : Number.NaN, 'ratio', {
          note: `${overlapped.length} views overlapped a write (p50 ${round(median(overlapped))} ms), ${quiet.length} did not (p50 ${round(median(quiet))} ms): near 1 means counting adds no delay a patron could notice`,
        }),
      ];
    });
  },
};
