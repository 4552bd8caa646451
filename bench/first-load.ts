// First-load bytes (issue 6, item 1): what a kiosk on a slow rural link downloads before the home
// screen is usable, against the JavaScript budgets (e2e/js-budgets.ts: the first screen, before
// the app's first render, and the whole first visit), and what the service worker downloads
// after that to make the kiosk work offline (its precache).
// "First load" is the definition of e2e/budget.spec.ts: Chromium on a fresh profile with service
// workers blocked (so the precache download is not counted), every response the page received
// until the first `.category-card` is visible. Bodies are recompressed here (gzip 9, brotli 11)
// rather than read off the wire, so the figures do not depend on the server's compression level
// (it serves brotli at quality 5); the wire bytes are reported beside them for comparison.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Response } from 'playwright';
import { FIRST_RENDER_MARK, FIRST_SCREEN_JS_BUDGET, FIRST_SCREEN_JS_FILES, FIRST_VISIT_JS_BUDGET, FIRST_VISIT_JS_FILES, resourcesStartedBefore } from '../e2e/js-budgets';
import { type BenchSection, type Figure, launchChromium, ROOT, round, startChaski } from './support';

const SECTION = 'First load (bytes)';
const COMMAND = 'npm run bench first-load';

export const gzipSize = (body: Buffer) => gzipSync(body, { level: 9 }).length;
export const brotliSize = (body: Buffer) =>
  brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }).length;
const kib = (bytes: number) => round(bytes / 1024, 1);

/** `firstScreen`: the request started before the app's first render (`chaski:app-rendered`). */
interface Loaded { path: string; kind: string; raw: number; gzip: number; brotli: number; wire: number; firstScreen: boolean }

/** Loads the home screen on a fresh profile and returns every response body received until the
 * categories were visible. */
async function loadOnce(url: string): Promise<Loaded[]> {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    const responses: Response[] = [];
    page.on('response', (response) => responses.push(response));
    await page.goto(url);
    await page.locator('.category-card').first().waitFor({ state: 'visible', timeout: 60_000 });
    const seen = [...responses];
    const rendered = await page.evaluate((mark) => performance.getEntriesByName(mark)[0]?.startTime ?? Infinity, FIRST_RENDER_MARK);
    const early = await resourcesStartedBefore(page, rendered);
    const loaded: Loaded[] = [];
    for (const response of seen) {
      const request = response.request();
      const body = await response.body().catch(() => Buffer.alloc(0));
      const sizes = await request.sizes().catch(() => ({ responseBodySize: 0 }));
      loaded.push({
        path: new URL(response.url()).pathname + new URL(response.url()).search,
        kind: request.resourceType(),
        raw: body.length,
        gzip: body.length === 0 ? 0 : gzipSize(body),
        brotli: body.length === 0 ? 0 : brotliSize(body),
        wire: sizes.responseBodySize,
        // The document has no resource entry: it is part of the first screen.
        firstScreen: request.resourceType() === 'document' || early.has(response.url()),
      });
    }
    await context.close();
    return loaded;
  } finally {
    await browser.close();
  }
}

/** The precache manifest Workbox injected into dist/sw.js (the array literal of {revision,url}). */
export function precacheManifest(swSource: string): Array<{ url: string; revision: string | null }> {
  const start = swSource.search(/\[\{"(revision|url)":/);
  if (start < 0) throw new Error('no injected precache manifest found in dist/sw.js');
  let depth = 0;
  for (let i = start; i < swSource.length; i++) {
    if (swSource[i] === '[') depth++;
    else if (swSource[i] === ']' && --depth === 0) return JSON.parse(swSource.slice(start, i + 1)) as Array<{ url: string; revision: string | null }>;
  }
  throw new Error('unterminated precache manifest in dist/sw.js');
}

function precacheFigures(): Figure[] {
  const dist = join(ROOT, 'dist');
  const sw = readFileSync(join(dist, 'sw.js'));
  const entries = precacheManifest(sw.toString('utf8'));
  // Workbox downloads each URL once; the manifest may list one twice (vite-plugin-pwa adds the
  // web manifest and icons again), which costs nothing but an entry.
  const urls = [...new Set(entries.map((e) => e.url))];
  const files = urls.map((url) => ({ url, body: readFileSync(join(dist, url)) }));
  const raw = files.reduce((s, f) => s + f.body.length, 0);
  const gzip = files.reduce((s, f) => s + gzipSize(f.body), 0);
  const biggest = [...files].sort((a, b) => b.body.length - a.body.length).slice(0, 4).map((f) => `${f.url} ${kib(gzipSize(f.body))}`).join(', ');
  const figure = (name: string, value: number, unit: string, note?: string): Figure => ({ section: SECTION, name, value, unit, command: COMMAND, ...(note ? { note } : {}) });
  return [
    figure('service-worker precache, raw', kib(raw), 'KiB', `${urls.length} files`),
    figure('service-worker precache, gzip 9', kib(gzip), 'KiB', `largest (KiB gzip): ${biggest}`),
    figure('service-worker precache entries', entries.length, 'entries', `${urls.length} distinct URLs`),
    figure('service worker itself (dist/sw.js), raw', kib(sw.length), 'KiB'),
    figure('service worker itself (dist/sw.js), gzip 9', kib(gzipSize(sw)), 'KiB'),
  ];
}

export const section: BenchSection = {
  id: 'first-load',
  title: 'First-load bytes and the service-worker precache',
  async run() {
    const server = await startChaski();
    let loaded: Loaded[];
    try {
      loaded = await loadOnce(server.url);
    } finally {
      await server.stop();
    }
    const figures: Figure[] = [];
    const figure = (name: string, value: number, unit: string, extra: Partial<Figure> = {}): Figure => ({ section: SECTION, name, value, unit, command: COMMAND, ...extra });
    const groups: Array<{ label: string; kinds: string[] }> = [
      { label: 'JavaScript', kinds: ['script'] },
      { label: 'CSS', kinds: ['stylesheet'] },
      { label: 'HTML', kinds: ['document'] },
      { label: 'fonts', kinds: ['font'] },
    ];
    for (const { label, kinds } of groups) {
      const items = loaded.filter((l) => kinds.includes(l.kind));
      const sum = (key: 'raw' | 'gzip' | 'brotli' | 'wire') => items.reduce((s, l) => s + l[key], 0);
      const files = `${items.length} file${items.length === 1 ? '' : 's'}`;
      const largest = [...items].sort((a, b) => b.gzip - a.gzip).map((l) => `${l.path} ${kib(l.gzip)}`).join(', ');
      figures.push(
        figure(`first-load ${label}, gzip 9`, kib(sum('gzip')), 'KiB', {
          ...(label === 'JavaScript' ? { budget: { limit: kib(FIRST_VISIT_JS_BUDGET) } } : {}),
          note: items.length > 0 ? `${files}, KiB gzip each: ${largest}${label === 'JavaScript' ? `; a first visit, budget ${kib(FIRST_VISIT_JS_BUDGET)} KiB in at most ${FIRST_VISIT_JS_FILES} files` : ''}` : 'none loaded',
        }),
        figure(`first-load ${label}, brotli 11`, kib(sum('brotli')), 'KiB'),
        figure(`first-load ${label}, raw`, kib(sum('raw')), 'KiB', { note: `as served (brotli 5 / gzip by the server): ${kib(sum('wire'))} KiB on the wire` }),
      );
    }
    const firstScreen = loaded.filter((l) => l.kind === 'script' && l.firstScreen);
    figures.push(figure('first screen JavaScript (before the app\u2019s first render), gzip 9', kib(firstScreen.reduce((s, l) => s + l.gzip, 0)), 'KiB', {
      budget: { limit: kib(FIRST_SCREEN_JS_BUDGET) },
      note: `${firstScreen.length} files (at most ${FIRST_SCREEN_JS_FILES}): ${firstScreen.map((l) => `${l.path} ${kib(l.gzip)}`).join(', ')}`,
    }));
    // Everything else the first load needed (the catalogue pull, icons, the web manifest) is not
    // under the JavaScript budget, but a rural link pays for it too.
    const others = loaded.filter((l) => !groups.some((g) => g.kinds.includes(l.kind)));
    const otherNote = others.map((l) => `${l.kind} ${l.path} ${kib(l.gzip)}`).join(', ');
    figures.push(figure('first-load other responses (API, images, manifest), gzip 9', kib(others.reduce((s, l) => s + l.gzip, 0)), 'KiB', { note: otherNote || 'none' }));
    figures.push(...precacheFigures());
    return figures;
  },
};
