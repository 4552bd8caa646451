// A day at the kiosk: patron after patron in one page that is never reloaded, as a kiosk switched
// on in the morning runs until closing. Shared by the leak test (e2e/day-at-the-kiosk.spec.ts)
// and the bench (bench/day.ts, 1,000 sessions): plain Playwright steps and CDP probes, no test
// runner, so both can drive it. Every step is what a patron does with the mouse and keyboard;
// the idle end is reached with Playwright's clock (page.clock), never with a kiosk setting.
import type { BrowserContext, CDPSession, Page } from '@playwright/test';

/** Counts every timer the page sets and has not yet run or cleared. Added after
 * `page.clock.install()`, so it wraps the clock's timers (what the app really calls). */
export const TIMER_PROBE = `(() => {
  const live = new Map();
  const { setTimeout: st, setInterval: si, clearTimeout: ct, clearInterval: ci } = window;
  window.setTimeout = function (fn, ms, ...args) {
    const id = st.call(window, (...a) => { live.delete(id); return typeof fn === 'function' ? fn(...a) : undefined; }, ms, ...args);
    live.set(id, 'timeout ' + ms + ' ' + String(new Error().stack).split('\\n').slice(2, 4).join(' / '));
    return id;
  };
  window.setInterval = function (fn, ms, ...args) { const id = si.call(window, fn, ms, ...args); live.set(id, 'interval ' + ms + ' ' + String(new Error().stack).split('\\n').slice(2, 4).join(' / ')); return id; };
  window.clearTimeout = function (id) { live.delete(id); return ct.call(window, id); };
  window.clearInterval = function (id) { live.delete(id); return ci.call(window, id); };
  window.__liveTimers = () => live.size;
  // What each pending timer is (delay, where it was set): for whoever hunts a leak.
  window.__liveTimerInfo = () => [...live.values()];
})();`;

/** What a leak would make grow: the renderer's DOM counters after a forced garbage collection,
 * the timers pending, and the rows of every IndexedDB store of the kiosk. (Not the user timing
 * entries: Playwright's clock replaces `performance`, so the page records none here; that the
 * search keeps one is src/data/search-catalogue.browser.test.ts's.) */
export interface DayCounts {
  nodes: number;
  listeners: number;
  documents: number;
  timers: number;
  /** Used JS heap after a forced GC, bytes (the bench reports it; too noisy for a test). */
  heap: number;
  /** `database.store` → rows. */
  rows: Record<string, number>;
}

const ROW_COUNTS = `(async () => {
  const rows = {};
  for (const name of ['chaski', 'chaski-patron']) {
    const db = await new Promise((resolve, reject) => { const r = indexedDB.open(name); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
    const stores = Array.from(db.objectStoreNames);
    const tx = db.transaction(stores);
    await Promise.all(stores.map((store) => new Promise((resolve) => { const r = tx.objectStore(store).count(); r.onsuccess = () => resolve(rows[name + '.' + store] = r.result); })));
    db.close();
  }
  return rows;
})()`;

async function countOnce(page: Page, cdp: CDPSession): Promise<DayCounts> {
  // The probe's own IndexedDB requests are done before the DOM and heap are counted.
  const rows = (await page.evaluate(ROW_COUNTS)) as Record<string, number>;
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const dom = await cdp.send('Memory.getDOMCounters');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const timers = (await page.evaluate('window.__liveTimers()')) as number;
  return { nodes: dom.nodes, listeners: dom.jsEventListeners, documents: dom.documents, timers, heap: heap.usedSize, rows };
}

/** The counts once the kiosk is quiet: a sync the session's end set off holds request listeners
 * and timers for a moment, and waits of a few seconds follow it (the audio fetcher's 5 s). The
 * clock runs 10 s on before every reading, until two readings agree: a sync that ends after one
 * advance leaves its 5 s timer, which the next advance runs (with one advance before the first
 * reading only, such a timer was counted now and then, and the day test failed in CI). */
export async function dayCounts(page: Page, cdp: CDPSession): Promise<DayCounts> {
  const reading = async () => {
    await page.clock.runFor(10_000);
    return countOnce(page, cdp);
  };
  let last = await reading();
  for (let i = 0; i < 20; i++) {
    await page.waitForTimeout(300);
    const next = await reading();
    const same = next.nodes === last.nodes && next.listeners === last.listeners && next.timers === last.timers && JSON.stringify(next.rows) === JSON.stringify(last.rows);
    last = next;
    if (same) break;
  }
  return last;
}

export async function openDayProbes(context: BrowserContext, page: Page): Promise<CDPSession> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  return cdp;
}

/** Waits for `text` in the page's first heading. */
async function heading(page: Page, text: string | RegExp) {
  await page.getByRole('heading', { level: 1 }).filter({ hasText: text }).waitFor();
}

const SEARCHES = ['dni', 'pension', 'sis', 'beca', 'vaso de leche', 'ruc', 'hampikuy', 'qillqa'];
const HOME = '¿Qué trámite necesita?';

/** The Nth patron: a category, a guide in it, a search, the guide's feedback form filled and
 * sent, the receipt saying "sent"; then "Salir" (`end: 'finish'`) or walking away until the
 * countdown ends the session (`end: 'idle'`). Starts and ends on the home screen. */
export async function patronSession(page: Page, n: number, end: 'finish' | 'idle'): Promise<void> {
  const categories = page.locator('.category-card');
  await categories.first().waitFor();
  await categories.nth(n % (await categories.count())).click();
  // A sensitive guide has no feedback form (and counts nothing): this patron reads another.
  const guides = page.locator('.guide-link:not([href="/guia/violencia-familiar"])');
  await page.locator('.guide-link').first().waitFor();
  const guide = guides.nth(n % (await guides.count()));
  const title = ((await guide.textContent()) ?? '').trim();
  await guide.click();
  await page.locator('.feedback-link a').waitFor();

  await page.locator('#search-input').fill(SEARCHES[n % SEARCHES.length]!);
  await page.locator('.guide-link').first().waitFor();
  await page.goBack();
  await page.locator('.feedback-link a').click();

  await page.getByRole('group', { name: /Le sirvió esta guía/ }).getByLabel(n % 3 ? 'Sí' : 'No').check();
  await page.getByLabel(/Hay algo equivocado/).fill(`Paciente ${n}: en «${title.slice(0, 40)}» falta la dirección de la oficina.`);
  await page.getByRole('button', { name: 'Enviar' }).click();
  // Online: the receipt turns to "sent" once the server has it.
  await page.getByTestId('receipt-status').filter({ hasText: /^Enviado$/ }).waitFor();

  if (end === 'finish') {
    await page.getByRole('button', { name: 'Salir', exact: true }).click();
  } else {
    await page.clock.fastForward('03:05');
    await page.getByRole('alertdialog').waitFor();
    await page.clock.fastForward('00:31');
    await page.getByRole('alertdialog').waitFor({ state: 'hidden' });
  }
  await heading(page, HOME);
}
