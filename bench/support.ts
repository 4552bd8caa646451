// Shared parts of the benchmarks: the real Chaski server as a child process (what `npm start`
// runs), generated catalogues, Debian's Chromium with CPU throttling, and small statistics.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright';
import { stringify } from 'yaml';
import { type RunningServer, startServer } from '../test/start-server';
import { tempDir } from '../test/temp';

/** One measured figure in the report. `command` is what reproduces it. */
export interface Figure {
  section: string;
  name: string;
  value: number;
  unit: string;
  /** The budget from docs/architecture.md, when there is one, and whether lower is better. */
  budget?: { limit: number; lowerIsBetter?: boolean };
  command: string;
  note?: string;
}

export const ROOT = new URL('..', import.meta.url).pathname;
export const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdefghij';
export const ENROLL_CODE = 'BENCH-CODE';

export type { RunningServer };

/** Starts the server (test/start-server.ts) publishing `contentDir` (by default a private copy
 * of the real catalogue, content/), on its own PGlite data folder or the given PostgreSQL URL,
 * with the bench's admin token and enrolment code. */
export async function startChaski(options: { contentDir?: string; databaseUrl?: string; dataDir?: string } = {}): Promise<RunningServer> {
  return startServer({
    ...options,
    timeoutMs: 300_000,
    env: { ADMIN_TOKEN, DEMO_ENROLL_CODE: ENROLL_CODE, DEMO_ENROLL_USES: '100', ENROLL_PER_MINUTE: '100' },
  });
}

const PLACES = ['Cusco', 'Puno', 'Ayacucho', 'Apurímac', 'Huancavelica', 'Junín', 'Áncash', 'Loreto', 'Ucayali', 'San Martín'];
const SERVICES = ['DNI', 'SIS', 'Pensión 65', 'Juntos', 'Beca 18', 'CUL', 'RUC', 'Contigo', 'Cuna Más', 'ONP'];

/** Writes a catalogue of `count` realistic guides (both languages, ~2 KB of text each) into a
 * new content folder, plus the sample categories. Guide i is stable: the same call twice writes
 * the same files. */
export function generateContent(count: number, dir = tempDir('chaski-bench-content-')): string {
  for (const folder of ['categories', 'guides', 'forms']) mkdirSync(join(dir, folder), { recursive: true });
  const categories = ['identidad', 'salud', 'programas-sociales', 'educacion', 'trabajo'];
  categories.forEach((id, order) =>
    writeFileSync(join(dir, 'categories', `${id}.yaml`), stringify({ id, icon: 'id-card', order, name: { es: `Tema ${id}`, qu: `T'aqa ${id}` } })),
  );
  for (let i = 0; i < count; i++) writeFileSync(join(dir, 'guides', `guia-${i}.yaml`), stringify(generatedGuide(i, categories[i % categories.length]!)));
  return dir;
}

export function generatedGuide(i: number, category: string, edition = 1) {
  const place = PLACES[i % PLACES.length]!;
  const service = SERVICES[i % SERVICES.length]!;
  const line = (es: string, qu: string) => ({ es: `${es} (${i})`, qu: `${qu} (${i})` });
  return {
    id: `guia-${i}`,
    category,
    agency: 'RENIEC',
    title: line(`${service}: trámite ${i} en ${place}`, `${service}: ${place}pi ${i} ruranan`),
    summary: line(`Cómo hacer el trámite de ${service} en ${place}, paso a paso, con lo que debe llevar y cuánto cuesta.`, `${place}pi ${service} ruranata imaynata ruranapaq, imakunatam apana, hayk'a qullqitaq.`),
    audience: line('Personas mayores de edad que viven en la zona.', 'Chay llaqtapi tiyaq kuraq runakuna.'),
    requirements: [line('Su DNI vigente.', 'Manaraq tukusqa DNIyki.'), line('El recibo de luz o agua.', 'Kanchaypa utaq yakupa pagasqa qillqan.')],
    steps: [
      line(`Vaya a la oficina de ${place} con sus documentos.`, `${place}pa kamachikuy wasinman qillqaykikunawan riy.`),
      line('Pida el formulario y llénelo con letra clara.', "Qillqata mañakuy, sut'ita hunt'ay."),
      line('Entregue el formulario y guarde su constancia.', 'Qillqata quy, chiqaqchasqa qillqaykita waqaychay.'),
    ],
    cost: { soles: 10 + (i % 30), checked: '2026-11-24' },
    where: line(`Oficina de ${place}.`, `${place}pa kamachikuy wasin.`),
    duration: line(`Entre ${1 + (i % 10)} y ${5 + (i % 10)} días hábiles; edición ${edition}.`, `${1 + (i % 10)} manta ${5 + (i % 10)} llamk'ana punchawkama; ${edition} kaq.`),
    problems: line('Si algo sale mal, pregunte en la oficina o en la biblioteca.', "Sasachakuy kaptinqa, kamachikuy wasipi utaq p'anqa wasipi tapukuy."),
    source: 'https://www.gob.pe/reniec',
    reviewed: '2026-11-24',
  };
}

const CHROMIUM = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
};

/** A kiosk whose profile is on disk, as a real one's is (a browser of its own, in a new folder
 * `dir`): Playwright's other contexts are off the record and keep IndexedDB in memory. */
export async function launchKioskOnDisk(dir: string, options: { serviceWorkers?: 'block' | 'allow' } = {}): Promise<BrowserContext> {
  return chromium.launchPersistentContext(dir, { ...CHROMIUM, bypassCSP: true, ...options });
}

export async function launchChromium(): Promise<Browser> {
  const browser = await chromium.launch(CHROMIUM);
  // The bench's in-page probes are strings (tsx rewrites functions in ways that break when
  // Playwright serialises them), which Playwright evaluates in the page: the app's Content
  // Security Policy forbids that, so bench pages bypass it. The e2e suite checks the policy.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = (options) => newContext({ bypassCSP: true, ...options });
  return browser;
}

/** Slows the page's CPU the way Lighthouse's mobile profile does (4× by default). */
export async function throttleCpu(context: BrowserContext, page: Page, rate = 4): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function median(values: number[]): number {
  return percentile(values, 50);
}

export const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
export const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** A part of the report: `npm run bench <id>` runs just this one. */
export interface BenchSection {
  id: string;
  title: string;
  run(): Promise<Figure[]>;
}

/** Timings on a shared machine: say how busy it was. */
export const machineLoad = () => `load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores when measured`;

/** Runs `use` with the server on `contentDir` (the real catalogue if omitted) and Chromium,
 * then stops both, whatever happens. */
export async function withChaski<T>(contentDir: string | undefined, use: (server: RunningServer, browser: Browser) => Promise<T>): Promise<T> {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await startChaski({ contentDir });
    browser = await launchChromium();
    return await use(server, browser);
  } finally {
    await browser?.close();
    await server?.stop();
    if (contentDir) rmSync(contentDir, { recursive: true, force: true });
  }
}

// "Guides updated at": written in the transaction of a pull's last page (data/catalog-apply.ts),
// so every page of that pull has committed; null before the first pull.
const LAST_PULL_AT = `new Promise((resolve) => { const open = indexedDB.open('chaski'); open.onsuccess = () => { const db = open.result; try { const r = db.transaction('meta').objectStore('meta').get('lastPullAt'); r.onsuccess = () => { db.close(); resolve(r.result?.value ?? null); }; } catch { db.close(); resolve(null); } }; open.onerror = () => resolve(null); })`;

/** When the kiosk last finished a pull (ISO time), or null. */
export const lastPullAt = (page: Page) => page.evaluate(LAST_PULL_AT) as Promise<string | null>;

/** Waits until the kiosk has finished a pull, one after the pull that `lastPullAt` said was the
 * last when `after` is given. */
export async function waitUpdated(page: Page, timeout = 300_000, after: string | null = null): Promise<void> {
  await pollInPage(page, `${LAST_PULL_AT}.then((at) => at !== null && at !== ${JSON.stringify(after)})`, timeout);
}

/** Polls an expression from Node until it is true. `page.waitForFunction` cannot take these
 * probes: it does not await a Promise, which is truthy, so it returned at once and the benches
 * measured while the catalogue was still arriving. `evaluate` awaits it. */
async function pollInPage(page: Page, expression: string, timeout: number): Promise<void> {
  const deadline = Date.now() + timeout;
  // A probe that never settles (no worker registered yet: `ready` waits) counts as false.
  const probe = () => Promise.race([page.evaluate(expression).catch(() => false), new Promise((resolve) => setTimeout(() => resolve(false), 2_000))]);
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${expression.slice(0, 80)}…`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Enrols the kiosk as a librarian does, on /kiosco with the bench server's code (the page's
 * context has the kiosk's address as its baseURL). */
export async function enrolKiosk(page: Page): Promise<void> {
  await page.goto('/kiosco');
  await page.getByLabel('Código de registro').fill(ENROLL_CODE);
  await page.getByLabel('Nombre de la biblioteca').fill('Biblioteca Municipal de Urcos');
  await page.getByLabel('PIN del bibliotecario (4 a 8 números)').fill('4821');
  await page.getByLabel('Repita el PIN').fill('4821');
  await page.getByRole('button', { name: 'Registrar' }).click();
  await page.getByText('Este equipo está registrado para').waitFor();
}

/** Waits until the service worker has precached the app and controls the page: before that, a
 * kiosk that goes offline cannot load the screens it has not opened yet. */
export async function waitOfflineReady(page: Page, timeout = 60_000): Promise<void> {
  await pollInPage(page, `navigator.serviceWorker.ready.then((r) => r.active?.state === 'activated' && navigator.serviceWorker.controller !== null)`, timeout);
}
