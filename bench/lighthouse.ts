// Lighthouse on the built app (issue 6, item 2; issue 19): performance ≥ 95 and accessibility 100
// on a decade-old kiosk PC (budgets: docs/architecture.md), through Lighthouse's programmatic API
// against the real server (startChaski) serving dist/ and publishing a copy of the real catalogue.
// Lighthouse's mobile profile (Moto G Power screen, simulated throttling: 150 ms RTT, 1.6 Mbps)
// with the CPU slowed 6× instead of 4× (issue 19: the kiosk is slower than Lighthouse's phone),
// and a storage reset before the load, so each run is a first visit that pulls the catalogue.
// Five runs, a fresh Chromium each; medians reported.
//
// Lighthouse's TBT stops at its estimate of interactivity, which may come before the catalogue is
// stored; the first visit's own blocking time is measured beside it: Chromium at 6× CPU
// slowdown on a fresh profile, every long task (PerformanceObserver 'longtask', registered
// before the page's first script) from navigation until the catalogue is stored and the service
// worker controls the page, summed as TBT sums them (the part of each task beyond 50 ms).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { type Result } from 'lighthouse';
import { firstVisitBlocking, type FirstVisitBlocking } from './first-visit-blocking';
import { type BenchSection, type Figure, median, ROOT, round, startChaski } from './support';

const SECTION = 'Lighthouse (mobile, 6× CPU, median of 5)';
const COMMAND = 'npm run bench lighthouse';
const RUNS = 5;
const CPU_SLOWDOWN = 6;
/** Lighthouse's default mobile throttling (constants.throttling.mobileSlow4G), CPU 6× instead of 4×. */
const THROTTLING = { rttMs: 150, throughputKbps: 1.6 * 1024, requestLatencyMs: 150 * 3.75, downloadThroughputKbps: 1.6 * 1024 * 0.9, uploadThroughputKbps: 750 * 0.9, cpuSlowdownMultiplier: CPU_SLOWDOWN };
const BLOCKING_RUNS = 3;
const CHROME_PATH = process.env.CHROME_PATH ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface Run { performance: number; accessibility: number; bestPractices: number; lcp: number; tbt: number; cls: number; fcp: number; lhr: Result }

async function runOnce(url: string): Promise<Run> {
  const chrome = await chromeLauncher.launch({ chromePath: CHROME_PATH, chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'], logLevel: 'error' });
  try {
    const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility', 'best-practices'], throttling: THROTTLING });
    if (!result) throw new Error('Lighthouse returned no result');
    const lhr = result.lhr;
    if (lhr.runtimeError) throw new Error(`Lighthouse runtime error ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
    const score = (id: string) => {
      const value = lhr.categories[id]?.score;
      if (value === null || value === undefined) throw new Error(`Lighthouse gave no ${id} score (warnings: ${lhr.runWarnings.join('; ')})`);
      return value * 100;
    };
    const metric = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
    return {
      performance: score('performance'),
      accessibility: score('accessibility'),
      bestPractices: score('best-practices'),
      lcp: metric('largest-contentful-paint'),
      tbt: metric('total-blocking-time'),
      cls: metric('cumulative-layout-shift'),
      fcp: metric('first-contentful-paint'),
      lhr,
    };
  } finally {
    chrome.kill();
  }
}

/** Now and then (about one run in fifteen here) Lighthouse's own trace misses the navigation
 * (NO_NAVSTART, "please run Lighthouse again"): that run is done again, up to twice, instead of
 * failing the section. Any other error fails it. */
async function runAgainIfTraceLost(url: string): Promise<Run> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await runOnce(url);
    } catch (error) {
      if (attempt >= 3 || !String(error).includes('NO_NAVSTART')) throw error;
      console.warn(`  Lighthouse lost its trace (NO_NAVSTART), running again (${attempt} of 2)`);
    }
  }
}

/** What Lighthouse says stands in the way: opportunities with estimated savings, and failing
 * audits of a category (score below 1, excluding informative/manual ones). */
function opportunities(lhr: Result): string {
  const found = Object.values(lhr.audits)
    .filter((a) => a.details?.type === 'opportunity' && ((a.metricSavings?.LCP ?? 0) > 0 || (a.metricSavings?.FCP ?? 0) > 0 || (a.numericValue ?? 0) > 0))
    .map((a) => `${a.id}${a.displayValue ? ` (${a.displayValue})` : ''}`);
  return found.length > 0 ? found.join('; ') : 'none';
}

function failing(lhr: Result, category: string): string {
  // The metrics themselves are reported as figures, and opportunities are listed on their own;
  // what is listed here is the other audits that did not pass.
  const ids = (lhr.categories[category]?.auditRefs ?? [])
    .filter((ref) => ref.group !== 'metrics' && lhr.audits[ref.id]?.details?.type !== 'opportunity')
    .map((ref) => ref.id);
  const bad = ids
    .map((id) => lhr.audits[id])
    .filter((a): a is NonNullable<typeof a> => !!a && a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'manual' && a.scoreDisplayMode !== 'notApplicable')
    .map((a) => `${a.id}${a.displayValue ? ` (${a.displayValue})` : ''}`);
  return bad.length > 0 ? bad.join('; ') : 'none';
}

export const section: BenchSection = {
  id: 'lighthouse',
  title: 'Lighthouse, mobile profile at 6× CPU slowdown, on the built app; the first visit\'s blocking time',
  async run() {
    const server = await startChaski();
    const runs: Run[] = [];
    const blocking: FirstVisitBlocking[] = [];
    try {
      for (let i = 0; i < RUNS; i++) runs.push(await runAgainIfTraceLost(`${server.url}/`));
      for (let i = 0; i < BLOCKING_RUNS; i++) blocking.push(await firstVisitBlocking(server.url, CPU_SLOWDOWN));
    } finally {
      await server.stop();
    }
    const med = (key: Exclude<keyof Run, 'lhr'>) => median(runs.map((r) => r[key]));
    const all = (key: Exclude<keyof Run, 'lhr'>, digits = 0) => `runs: ${runs.map((r) => round(r[key], digits)).join(', ')}`;
    // The run whose performance score is the median speaks for the opportunities.
    const typical = [...runs].sort((a, b) => a.performance - b.performance)[Math.floor(runs.length / 2)]!;
    const figure = (name: string, value: number, unit: string, extra: Partial<Figure> = {}): Figure => ({ section: SECTION, name, value, unit, command: COMMAND, ...extra });
    // The whole reports, for long tasks, layout shifts and per-script timings.
    mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench/results/lighthouse-runs.json'), JSON.stringify(runs.map((r) => r.lhr)));
    const mainThread = typical.lhr.audits['mainthread-work-breakdown']?.displayValue ?? '?';
    const bootup = typical.lhr.audits['bootup-time']?.displayValue ?? '?';
    const longTasks = typical.lhr.audits['long-tasks']?.displayValue ?? '?';
    // Lighthouse's own CPU benchmark of this machine at the time (a 2-core machine shared with
    // other work); simulated timings scale observed main-thread tasks by 6, so they inherit it.
    const benchmarkIndex = runs.map((r) => Math.round(r.lhr.environment.benchmarkIndex)).join(', ');
    return [
      figure('performance score', round(med('performance'), 0), '/100', {
        budget: { limit: 95, lowerIsBetter: false },
        note: `${all('performance')}; opportunities: ${opportunities(typical.lhr)}; failing: ${failing(typical.lhr, 'performance')}; main-thread work ${mainThread}, JS execution ${bootup}, ${longTasks}; Lighthouse benchmarkIndex ${benchmarkIndex}`,
      }),
      figure('accessibility score', round(med('accessibility'), 0), '/100', { budget: { limit: 100, lowerIsBetter: false }, note: `${all('accessibility')}; failing: ${failing(typical.lhr, 'accessibility')}` }),
      figure('best-practices score', round(med('bestPractices'), 0), '/100', { note: `${all('bestPractices')}; failing: ${failing(typical.lhr, 'best-practices')}` }),
      figure('Largest Contentful Paint (simulated)', round(med('lcp'), 0), 'ms', { note: `${all('lcp')}; LCP element: ${lcpElement(typical.lhr)}` }),
      figure('Total Blocking Time (simulated)', round(med('tbt'), 0), 'ms', { note: all('tbt') }),
      figure('Cumulative Layout Shift', round(med('cls'), 3), '', { note: all('cls', 3) }),
      figure('First Contentful Paint (simulated)', round(med('fcp'), 0), 'ms', { note: all('fcp') }),
      figure('first visit, until the catalogue is stored: Total Blocking Time at 6× CPU', round(median(blocking.map((b) => b.tbt)), 0), 'ms', {
        budget: { limit: 200 },
        note: `median of ${blocking.length} fresh profiles: ${blocking.map((b) => `${round(b.tbt, 0)} ms (${b.tasks} long tasks, longest ${round(b.longest, 0)} ms, over ${round(b.window / 1000, 1)} s)`).join('; ')}; observed, not simulated: Chromium's own throttling of a loaded 2-core machine; the longest frames of the median profile: ${medianProfile(blocking).blockers.join('; ') || 'none over 50 ms'}`,
      }),
    ];
  },
};

function medianProfile(blocking: FirstVisitBlocking[]): FirstVisitBlocking {
  return [...blocking].sort((a, b) => a.tbt - b.tbt)[Math.floor(blocking.length / 2)]!;
}

function lcpElement(lhr: Result): string {
  const details = lhr.audits['largest-contentful-paint-element']?.details as { items?: Array<{ items?: Array<{ node?: { snippet?: string } }> }> } | undefined;
  return details?.items?.[0]?.items?.[0]?.node?.snippet ?? 'unknown';
}
