// The editors' review page of recorded guides in a real Chromium, served by the whole app with
// its Content Security Policy: the token asked once, a pending recording listed with the text it
// reads, played from a blob: URL the policy allows, rejected with a reason (required) and
// approved from the keyboard; axe finds nothing; nothing is refused by the policy.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser } from 'playwright';
import { v4 as uuidv4 } from 'uuid';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { partText } from '../../core/audio';
import { type RecordingMeta } from '../../core/recording';
import { sampleCategory, sampleGuide, sampleWav } from '../../../test/records';
import { listenForTests, NO_THROTTLES, tempDir, tempPglite, writeContent } from '../../../test/server/support';
import { buildApp } from '../app';
import type { Db } from '../db';
import { KioskStore } from '../kiosk-store';
import { SigningKey } from '../signing-key';

const ADMIN = 'review-page-admin-token-0123456789abcdef';
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const guide = sampleGuide('dni-duplicado', 'salud');

let app: FastifyInstance;
let base: string;
let db: Db;
let dispose: () => Promise<void>;
let browser: Browser;

/** Half a second of silence as a WAV file: something Chromium can play. */
const silence = () => Buffer.from(sampleWav(500));

/** A kiosk records `part` and sends it whole: pending. */
async function recordPart(token: string, part: string): Promise<RecordingMeta> {
  const bytes = silence();
  const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
  const meta: RecordingMeta = {
    id: uuidv4(), guideId: guide.id, lang: 'qu', part, sha256: sha256(bytes), bytes: bytes.length, durationMs: 500, type: 'audio/wav',
    recordedBy: 'Rosa Quispe', recordedAt: new Date().toISOString(), guideVersion: 1, textHash: sha256(partText(guide, part, 'qu')!),
  };
  const headers = { authorization: `Bearer ${token}` };
  expect((await app.inject({ method: 'POST', url: '/api/v1/recordings', headers, payload: meta })).json()).toMatchObject({ status: 'incomplete' });
  const sent = await app.inject({ method: 'PUT', url: `/api/v1/recordings/${meta.id}/audio?offset=0`, headers: { ...headers, 'content-type': 'application/octet-stream' }, payload: bytes });
  expect(sent.json()).toEqual({ id: meta.id, status: 'pending' });
  return meta;
}

beforeAll(async () => {
  const pg = await tempPglite();
  db = pg.db;
  dispose = pg.dispose;
  const contentDir = writeContent(join(pg.dir, 'content'), { categories: [sampleCategory('salud')], guides: [guide] });
  app = await buildApp({ db, contentDir, adminToken: ADMIN, signingKey: new SigningKey(db, join(tempDir(), 'signing-key.json')), rateLimits: NO_THROTTLES });
  base = await listenForTests(app);
  await app.inject({ method: 'POST', url: '/api/v1/admin/content/import', headers: { authorization: `Bearer ${ADMIN}` }, payload: {} });
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--autoplay-policy=no-user-gesture-required'] });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await dispose?.();
});

it('lists, plays, rejects with a reason and approves, with the token asked once and nothing refused', async () => {
  const kiosks = new KioskStore(db);
  const { token } = (await kiosks.enroll(await kiosks.createEnrollmentCode('tests'), 'Biblioteca Municipal de Urcos'))!;
  const toReject = await recordPart(token, 'summary');
  const toApprove = await recordPart(token, 'step-1');

  const context = await browser.newContext();
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(message.text());
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) problems.push(`${response.status()} ${response.url()}`);
  });
  await page.goto(`${base}/admin/recordings`);
  await page.getByLabel('Clave de administración').fill(ADMIN);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByRole('status').textContent()).toBe('2 grabaciones pendientes.');
  const items = page.locator('li.recording');
  await expect.poll(() => items.count()).toBe(2);
  expect(await items.nth(1).locator('blockquote').textContent()).toBe(partText(guide, 'step-1', 'qu'));
  expect((await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze()).violations).toEqual([]);

  await items.nth(0).getByRole('button', { name: 'Escuchar' }).click();
  const audio = items.nth(0).locator('audio');
  await expect.poll(() => audio.getAttribute('src')).toMatch(/^blob:/);
  await expect.poll(() => audio.evaluate((element: HTMLAudioElement) => element.readyState)).toBeGreaterThan(0);

  // The reason is required: without one nothing is sent.
  await items.nth(0).getByRole('button', { name: 'Rechazar' }).click();
  expect(await db.query('SELECT status FROM recordings WHERE id = $1', [toReject.id])).toEqual([{ status: 'pending' }]);
  await items.nth(0).getByLabel(/Motivo del rechazo/).fill('Se oye ruido de fondo.');
  await items.nth(0).getByRole('button', { name: 'Rechazar' }).click();
  await expect.poll(() => items.count()).toBe(1);
  expect(await db.query('SELECT status, reason FROM recordings WHERE id = $1', [toReject.id])).toEqual([{ status: 'rejected', reason: 'Se oye ruido de fondo.' }]);

  await items.nth(0).getByRole('button', { name: 'Aprobar y publicar' }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => items.count()).toBe(0);
  expect(await db.query('SELECT status FROM recordings WHERE id = $1', [toApprove.id])).toEqual([{ status: 'approved' }]);

  // Reloading keeps the token for this tab: the page goes straight to the list.
  await page.reload();
  await expect.poll(() => page.getByRole('status').textContent()).toBe('No hay grabaciones pendientes.');
  expect(problems).toEqual([]);
  await context.close();
});
