// The report page in a real Chromium, served by the real routes with the server's Content
// Security Policy: its stylesheet applies and nothing is refused, axe finds nothing in Spanish
// or Quechua, the tables carry the figures for assistive technology, and the month picker works
// from the keyboard.
import AxeBuilder from '@axe-core/playwright';
import Fastify, { type FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenForTests } from '../../../test/server/support';
import { sampleNetworkRows } from '../../../test/server/usage-rows';
import { registerSecurityHeaders } from '../security-headers';
import { loadUbigeo } from '../ubigeo-data';
import { reportRoutes } from './report';

// The same rules as the kiosk's screens (e2e/axe.ts).
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

let app: FastifyInstance;
let base: string;
let browser: Browser;

beforeAll(async () => {
  app = Fastify();
  await registerSecurityHeaders(app);
  const rows = sampleNetworkRows();
  reportRoutes(app, {
    source: { rows: async (from, to) => rows.filter((row) => row.day >= from && row.day <= to) },
    places: loadUbigeo(),
    firstMonth: '2025-01',
    now: () => new Date('2025-04-10T15:00:00Z'),
  });
  base = await listenForTests(app);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** Opens a path, collecting what the browser refused or failed to load. Closing the page
 * closes its own browser context (axe needs one). */
async function open(path: string): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  // (When the browser is already closing, the context goes with it: nothing left to close.)
  page.on('close', () => void context.close().catch(() => undefined));
  const problems: string[] = [];
  // A refused style or script is logged as a console error; a 404 is logged too, with no URL,
  // so failed loads are taken from the responses (the browser's own favicon request aside: the
  // full server serves the kiosk's icons, these test routes do not).
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(message.text());
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) problems.push(`${response.status()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => problems.push(`failed: ${request.url()}`));
  await page.goto(`${base}${path}`);
  return { page, problems };
}

describe('/informe in Chromium', () => {
  it('loads its stylesheet under the Content Security Policy, with nothing refused', async () => {
    const { page, problems } = await open('/informe');
    try {
      expect(await page.evaluate("getComputedStyle(document.querySelector('.visually-hidden')).position")).toBe('absolute');
      expect(await page.evaluate("getComputedStyle(document.querySelector('.bar rect')).fill")).toBe('rgb(31, 95, 139)');
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  for (const [lang, path] of [['Spanish', '/informe'], ['Quechua', '/informe?lang=qu'], ['Spanish, a bad month', '/informe?mes=2031-01']] as const) {
    it(`has no accessibility violations (${lang})`, async () => {
      const { page } = await open(path);
      try {
        const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
        expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }

  it('gives each figure to assistive technology as a table cell, a hidden one as words', async () => {
    const { page } = await open('/informe');
    try {
      const departments = page.getByRole('table', { name: 'Por departamento' });
      await expect.poll(() => departments.getByRole('row', { name: /^Cusco/ }).getByRole('cell').first().textContent()).toBe('304');
      expect(await departments.getByRole('row', { name: /^Lima/ }).getByRole('cell').first().innerText()).toContain('cifra no publicada');
      // Bars are drawn for the eye only.
      expect(await page.locator('svg.bar[aria-hidden="true"]').count()).toBeGreaterThan(5);
    } finally {
      await page.close();
    }
  });

  it('changes month from the keyboard alone', async () => {
    const { page } = await open('/informe');
    try {
      await page.keyboard.press('Tab'); // the language link
      await page.keyboard.press('Tab'); // the month
      expect(await page.evaluate('document.activeElement.id')).toBe('mes');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.waitForURL(/mes=2025-02/);
      expect(await page.locator('h1').textContent()).toContain('febrero de 2025');
    } finally {
      await page.close();
    }
  });
});
