// The first visit's blocking time (issue 19, bench/lighthouse.ts): a fresh profile at a slowed CPU
// on Lighthouse's simulated link (150 ms, 1.6 Mbit/s, emulated here by Chromium), from navigation
// until the catalogue is stored and the service worker controls the page. Every long task the
// page's main thread ran in that window counts as TBT counts it (its part beyond 50 ms), without
// Lighthouse's cut-off at its estimate of interactivity, which can come before the pull is applied.
//
// Nothing of Playwright's runs in the page meanwhile (waitFor and evaluate inject a helper script,
// itself a long task at 6×): the page reports through console messages from an init script, and
// the requests are watched from node.
import type { Page } from 'playwright';
import { launchChromium } from './support';

export interface FirstVisitBlocking {
  tbt: number;
  tasks: number;
  longest: number;
  /** ms from navigation to the end of the window. */
  window: number;
  /** The frames that blocked longest, with the scripts in them (long-animation-frame entries):
   * what to work on next, named without a trace (tracing inflates some calls and hides others). */
  blockers: string[];
}

const PREFIX = 'chaski-bench-visit:';
const WATCH = `(() => {
  window.__longTasks = [];
  window.__frames = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longTasks.push([entry.startTime, entry.duration]);
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const frame of list.getEntries()) {
      const scripts = frame.scripts.map((s) => [s.invoker || s.invokerType, (s.sourceURL || '').split('/').pop().replace(/-[\\w-]{8}\\.js$/, '.js'), s.sourceFunctionName, s.duration]);
      const render = frame.renderStart ? frame.startTime + frame.duration - frame.renderStart : 0;
      window.__frames.push([frame.blockingDuration, frame.duration, render, scripts]);
    }
  }).observe({ type: 'long-animation-frame', buffered: true });
  navigator.serviceWorker.addEventListener('controllerchange', () => console.debug('${PREFIX}controlled'));
})();`;

/** Resolves once no /api/ request has been in flight for `quietMs`. */
function apiQuiet(page: Page, quietMs: number): Promise<void> {
  let inFlight = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  return new Promise((resolve) => {
    const arm = () => {
      clearTimeout(timer);
      if (inFlight === 0) timer = setTimeout(resolve, quietMs);
    };
    const isApi = (url: string) => new URL(url).pathname.startsWith('/api/');
    page.on('request', (request) => {
      if (!isApi(request.url())) return;
      inFlight += 1;
      clearTimeout(timer);
    });
    const finished = (request: { url(): string }) => {
      if (!isApi(request.url())) return;
      inFlight -= 1;
      arm();
    };
    page.on('requestfinished', finished);
    page.on('requestfailed', finished);
  });
}

/** [blocking ms, duration, style and layout at its end, scripts: [invoker, file, function, ms]] */
type Frame = [number, number, number, Array<[string, string, string, number]>];

/** The three frames that blocked longest, each as its duration and its scripts over 5 ms, e.g.
 * "110 ms: IDBTransaction.oncomplete (boot.js) 60 ms + style and layout 45 ms". */
function blockers(frames: Frame[]): string[] {
  return [...frames]
    .sort((a, b) => b[0] - a[0])
    .slice(0, 3)
    .map(([, duration, render, scripts]) => {
      const parts = scripts.filter(([, , , ms]) => ms >= 5).map(([invoker, file, fn, ms]) => `${invoker}${fn ? ` ${fn}` : ''} (${file}) ${Math.round(ms)} ms`);
      if (render >= 5) parts.push(`style and layout ${Math.round(render)} ms`);
      return `${Math.round(duration)} ms: ${parts.join(' + ') || 'no script named'}`;
    });
}

export async function firstVisitBlocking(url: string, cpuSlowdown: number): Promise<FirstVisitBlocking> {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext();
    await context.addInitScript({ content: WATCH });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 });
    const controlled = page.waitForEvent('console', { predicate: (m) => m.text() === `${PREFIX}controlled`, timeout: 180_000 });
    const quiet = apiQuiet(page, 3_000);
    await page.goto(`${url}/`, { waitUntil: 'commit' });
    // The service worker takes control once its precache is stored (app/main.tsx); the usage and
    // notes requests after the pull are over when the API has been quiet for 3 s.
    await controlled;
    await quiet;
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    const { tasks, now, frames } = await page.evaluate(`({ tasks: window.__longTasks, now: performance.now(), frames: window.__frames })`) as { tasks: Array<[number, number]>; now: number; frames: Frame[] };
    const cards = await page.locator('.category-card').count();
    if (cards === 0) throw new Error('the first visit showed no categories');
    await context.close();
    return {
      tbt: tasks.reduce((sum, [, duration]) => sum + Math.max(0, duration - 50), 0),
      tasks: tasks.length,
      longest: Math.max(0, ...tasks.map(([, duration]) => duration)),
      window: now,
      blockers: blockers(frames),
    };
  } finally {
    await browser.close();
  }
}
