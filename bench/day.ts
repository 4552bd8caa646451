// A day at the kiosk: 1,000 patrons in one page that is never reloaded (each: a category, a guide,
// a search, the guide's feedback form sent and "sent" on its receipt, then "Salir" or walking away
// until the idle countdown ends the session), against the real server. What must not grow: the JS
// heap after a forced GC, the DOM nodes, listeners and documents, the timers pending, the
// IndexedDB rows and bytes. Idle time is Playwright's clock (page.clock), not a kiosk setting.
// The steps and probes are e2e/patron-day.ts, which the leak test (e2e/day-at-the-kiosk.spec.ts)
// runs 40 times.
import { type DayCounts, dayCounts, openDayProbes, patronSession, TIMER_PROBE } from '../e2e/patron-day';
import { type HeapParts, heapParts } from './heap-snapshot';
import { type BenchSection, enrolKiosk, type Figure, machineLoad, round, waitOfflineReady, waitUpdated, withChaski } from './support';

const SESSIONS = Number(process.env.BENCH_DAY_SESSIONS ?? 1000);
const COMMAND = 'npm run bench day';

const STORAGE = `navigator.storage.estimate().then((e) => ({ indexedDB: e.usageDetails?.indexedDB ?? e.usage ?? 0 }))`;

export const daySection: BenchSection = {
  id: 'day',
  title: `A day at the kiosk: ${SESSIONS} patron sessions in one page, nothing left growing`,
  async run() {
    return withChaski(undefined, async (server, browser) => {
      const context = await browser.newContext({ baseURL: server.url });
      const page = await context.newPage();
      // Opening time in Peru; idle patrons move the clock 3.6 minutes each.
      await page.clock.install({ time: new Date('2026-12-03T08:00:00-05:00') });
      await page.addInitScript({ content: TIMER_PROBE });
      await page.goto('/');
      await waitUpdated(page);
      await enrolKiosk(page);
      await waitOfflineReady(page);
      await page.getByRole('link', { name: /Chaski/ }).first().click();
      const cdp = await openDayProbes(context, page);

      const started = Date.now();
      let first: (DayCounts & { indexedDB: number }) | undefined;
      let firstParts: HeapParts | undefined;
      let hundredth: (DayCounts & { parts: HeapParts }) | undefined;
      const samples: string[] = [];
      const failures: string[] = [];
      for (let n = 1; n <= SESSIONS; n++) {
        // Every other patron presses "Salir"; the others walk away from the receipt.
        try {
          await patronSession(page, n, n % 2 ? 'finish' : 'idle');
        } catch (error) {
          // Counted and reported, not hidden: the patron leaves with "Salir" (erasing what was
          // typed), still without a reload, and the day goes on.
          failures.push(`${n}: ${String(error instanceof Error ? error.message : error).split('\n')[0]}`);
          if (process.env.BENCH_VERBOSE) console.error(`  session ${n} failed: ${failures.at(-1)}`);
          await page.getByRole('button', { name: 'Salir', exact: true }).click();
          const erase = page.getByRole('button', { name: 'Salir y borrar' });
          if (await erase.isVisible()) await erase.click();
          await page.getByRole('heading', { level: 1 }).filter({ hasText: '¿Qué trámite necesita?' }).waitFor();
        }
        if (process.env.BENCH_VERBOSE && n % 25 === 0) console.error(`  ${n} sessions, ${round((Date.now() - started) / 1000)} s`);
        if (n === 1 || n % 100 === 0 || n === SESSIONS) {
          const counts = { ...(await dayCounts(page, cdp)), ...((await page.evaluate(STORAGE)) as { indexedDB: number }) };
          if (!first) firstParts = await heapParts(cdp);
          first ??= counts;
          if (n === 100) hundredth = { ...counts, parts: await heapParts(cdp) };
          samples.push(`${n}: ${round(counts.heap / 2 ** 20, 2)} MiB, ${counts.nodes} nodes, ${counts.listeners} listeners, ${counts.timers} timers`);
          if (process.env.BENCH_VERBOSE) console.error(`  after ${samples.at(-1)}, ${JSON.stringify(counts.rows)}`);
        }
      }
      const last = { ...(await dayCounts(page, cdp)), ...((await page.evaluate(STORAGE)) as { indexedDB: number }) };
      const lastParts = await heapParts(cdp);
      const parts = (p: HeapParts) => `objects ${round(p.objects / 2 ** 20, 2)} MiB, compiled code ${round(p.code / 2 ** 20, 2)} MiB, browser objects ${round(p.native / 2 ** 20, 2)} MiB`;
      const seconds = (Date.now() - started) / 1000;
      const f = (name: string, value: number, unit: string, extra: Partial<Figure> = {}): Figure => ({ section: 'A day at the kiosk', name, value, unit, command: COMMAND, ...extra });
      const pair = (what: string, key: 'heap' | 'nodes' | 'listeners' | 'documents' | 'timers', unit: string, scale = 1) => [
        f(`${what} after the 1st session`, round(first![key] / scale, 2), unit),
        f(`${what} after the ${SESSIONS}th session`, round(last[key] / scale, 2), unit),
        f(`${what}: last / 1st`, round(last[key] / first![key], 3), '×', { budget: { limit: 1.1, lowerIsBetter: true } }),
      ];
      const rows = (counts: DayCounts) => Object.entries(counts.rows).filter(([store]) => store.startsWith('chaski-patron.')).map(([store, count]) => `${store.replace('chaski-patron.', '')} ${count}`).join(', ');
      return [
        f('sessions in one page, no reload', SESSIONS, 'sessions', { note: `${round(seconds / 60, 1)} min; ${machineLoad()}` }),
        ...pair('JS heap used after forced GC', 'heap', 'MiB', 2 ** 20),
        f('↳ JS objects (heap snapshot, compiled code left out): last / 1st', round(lastParts.objects / firstParts!.objects, 3), '×', {
          budget: { limit: 1.1, lowerIsBetter: true },
          note: `after the 1st: ${parts(firstParts!)}; after the last: ${parts(lastParts)}. V8 compiles and optimises more of the app's functions as patrons use them, which is most of the heap's growth over the first hundred sessions`,
        }),
        ...(hundredth && SESSIONS > 100
          ? [
              f(`↳ JS heap used: last / after the 100th session`, round(last.heap / hundredth.heap, 3), '×', { note: `${round(hundredth.heap / 2 ** 20, 2)} → ${round(last.heap / 2 ** 20, 2)} MiB: growth once the day's code is warm` }),
              f(`↳ JS objects: last / after the 100th session`, round(lastParts.objects / hundredth.parts.objects, 3), '×', { note: `after the 100th: ${parts(hundredth.parts)}. The first patrons fill bounded caches (the search index with its listings, data/search-index.ts; the screens' code and strings as they are first opened)` }),
            ]
          : []),
        ...pair('DOM nodes (Memory.getDOMCounters, after GC)', 'nodes', 'nodes'),
        ...pair('JS event listeners', 'listeners', 'listeners'),
        f('documents after the last session', last.documents, 'documents', { note: `after the 1st: ${first!.documents}` }),
        f('timers pending after the last session', last.timers, 'timers', { note: `after the 1st: ${first!.timers} (the 5-minute sync and the idle guard's 1 s tick)` }),
        f('IndexedDB bytes after the 1st session', first!.indexedDB, 'bytes'),
        f(`IndexedDB bytes after the ${SESSIONS}th session`, last.indexedDB, 'bytes', { note: `navigator.storage.estimate().usageDetails.indexedDB; patron rows after the last: ${rows(last)}; after the 1st: ${rows(first!)}` }),
        f('samples', samples.length, 'samples', { note: samples.join('; ') }),
        f('sessions that did not finish their steps', failures.length, 'sessions', { note: failures.join('; ') || 'none' }),
      ];
    });
  },
};
