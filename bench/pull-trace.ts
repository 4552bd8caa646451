// Why the apply takes what it takes: one more fresh kiosk pulls the catalogue under Chromium's
// tracing, and the trace says how busy each thread was while the app's transactions were open.
// The renderer's main thread issues the puts (and copies each row: IndexedDB's structured clone);
// a thread of the browser process stores them. The raw write (the floor) overlaps the two; the
// apply cannot go faster than the busier one. This kiosk is left out of every other figure:
// tracing slows what it watches. (Not a pass/fail figure: a reason to read next to the ratio.)
import type { Browser } from 'playwright';
import { kioskPull, RAW_WRITE } from './pull-kiosk';
import { round } from './support';

interface TraceEvent { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number }

export interface ThreadBusy {
  /** The transactions' time, summed. */
  txMs: number;
  /** The page's main thread, busy while they were open. */
  mainMs: number;
  /** Of which copying rows into IndexedDB's format (IDBObjectStore::putRequestSetup). */
  cloneMs: number;
  /** IndexedDB's tasks in the browser process, storing the rows (any of its pool threads). */
  storingMs: number;
}

type Interval = [number, number];

/** The time the intervals cover inside the windows (overlaps counted once). */
function coveredWithin(intervals: Interval[], windows: Interval[]): number {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  const merged: Interval[] = [];
  for (const [s, e] of sorted) {
    const last = merged.at(-1);
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  let total = 0;
  for (const [s, e] of merged) for (const [ws, we] of windows) total += Math.max(0, Math.min(e, we) - Math.max(s, ws));
  return total;
}

/** `what`: the app's transactions (INSTRUMENT marks them) or the floor's (RAW_WRITE does). */
export function threadBusy(events: TraceEvent[], what: 'apply' | 'raw'): ThreadBusy {
  const marks = events.filter((e) => e.name === `bench-${what}-start` || e.name === `bench-${what}-end`).sort((a, b) => a.ts - b.ts);
  const windows: Interval[] = [];
  let open: number | undefined;
  for (const mark of marks) {
    if (mark.name.endsWith('-start')) open = mark.ts;
    else if (open !== undefined) {
      windows.push([open, mark.ts]);
      open = undefined;
    }
  }
  if (!windows.length) throw new Error(`the trace holds no ${what} transaction`);
  const thread = (e: TraceEvent) => `${e.pid}:${e.tid}`;
  const main = thread(marks[0]!);
  // IndexedDB's tasks run in the browser process on whichever pool thread is free: its work is
  // its own events (Transaction::…, Database::…), on any thread of that process.
  const storing = events.find((e) => e.name === 'Database::PutOperation')?.pid;
  const indexedDbTask = /^(Transaction|Database|BucketContext)::/;
  const spans = (keep: (e: TraceEvent) => boolean) => events.filter((e) => e.ph === 'X' && e.dur && keep(e)).map((e): Interval => [e.ts, e.ts + e.dur!]);
  const ms = (us: number) => round(us / 1000, 0);
  return {
    txMs: ms(windows.reduce((sum, [s, e]) => sum + e - s, 0)),
    mainMs: ms(coveredWithin(spans((e) => thread(e) === main), windows)),
    cloneMs: ms(coveredWithin(spans((e) => thread(e) === main && e.name === 'IDBObjectStore::putRequestSetup'), windows)),
    storingMs: ms(coveredWithin(spans((e) => e.pid === storing && indexedDbTask.test(e.name)), windows)),
  };
}

/** A fresh kiosk (service workers blocked, as the counted ones) pulls, then writes the floor,
 * under tracing. */
export async function tracedPull(browser: Browser, url: string, count: number): Promise<Record<'apply' | 'raw', ThreadBusy>> {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    await browser.startTracing(undefined, { categories: ['toplevel', 'devtools.timeline', 'blink.user_timing', 'IndexedDB'] });
    let trace: Buffer;
    try {
      const { page } = await kioskPull(context, url, count);
      await page.evaluate(RAW_WRITE(false, Number.MAX_SAFE_INTEGER));
    } finally {
      trace = await browser.stopTracing();
    }
    const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
    return { apply: threadBusy(events, 'apply'), raw: threadBusy(events, 'raw') };
  } finally {
    await context.close();
  }
}
