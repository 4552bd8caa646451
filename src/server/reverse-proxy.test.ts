// Chaski behind a real nginx, configured by the snippet deploy/nginx/chaski.conf ships
// (test/server/nginx.ts): what a network notices when a proxy cache sits between its kiosks and
// its servers. The feed is served from the cache and never outlives a publication by more than
// the second the config allows; nothing a token or an operator asked for is ever kept; the app's
// hashed files are; and Chaski still throttles each patron by their own address.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangesPage } from '../core/protocol';
import { BROWSER_ENCODINGS, fakeDist, HASHED_ASSET, libraryNote, raw, type RawRequest } from '../../test/server/http-client';
import { enrol } from '../../test/server/kiosk-client';
import { type RunningNginx, startNginx } from '../../test/server/nginx';
import { tempDir } from '../../test/server/support';
import { type RunningServer, startServer } from '../../test/start-server';

const ADMIN = 'reverse-proxy-admin-token-0123456789abcdef';
/** Enrolment attempts one address may make per minute: low, so the throttle is quick to reach. */
const ENROLL_PER_MINUTE = 3;
/** The longest a feed page lives in the proxy: proxy_cache_valid 1s, counted by nginx in whole
 * seconds, so a page stored late in one second is fresh to the end of the next. */
const FEED_LIFE_MS = 2_000;
const past = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms + 150));

let server: RunningServer;
const dist = tempDir('chaski-dist-');
let proxy: RunningNginx;

beforeAll(async () => {
  server = await startServer({
    env: { ADMIN_TOKEN: ADMIN, TRUST_PROXY: '1', ENROLL_PER_MINUTE: String(ENROLL_PER_MINUTE), STATIC_DIR: fakeDist(dist), LOG_LEVEL: 'error' },
  });
  proxy = await startNginx([`127.0.0.1:${server.port}`]);
}, 120_000);
afterAll(async () => {
  await proxy?.stop();
  await server?.stop();
  rmSync(dist, { recursive: true, force: true });
});

const viaProxy = (path: string, options: RawRequest = {}) => raw(`${proxy.url}${path}`, options);
const feed = (query: string, headers: Record<string, string> = {}) => viaProxy(`/api/v1/changes${query}`, { headers: { 'accept-encoding': BROWSER_ENCODINGS, ...headers } });
const cacheStatus = (answer: { headers: Record<string, string | undefined> }) => answer.headers['x-cache-status'];
const admin = { authorization: `Bearer ${ADMIN}` };

/** The cursor of the catalogue's head, where an up-to-date kiosk polls. */
async function headCursor(): Promise<string> {
  let since = '';
  for (;;) {
    const page = (await raw(`${server.url}/api/v1/changes?limit=1000${since ? `&since=${since}` : ''}`)).json<ChangesPage>();
    since = page.cursor;
    if (!page.more) return since;
  }
}

describe('the change feed behind the proxy', () => {
  it('serves a page a second kiosk asks for from the cache, byte for byte, and revalidates it by ETag once its second is up', async () => {
    const first = await feed('?limit=40');
    const second = await feed('?limit=40');
    expect(first.status).toBe(200);
    expect(cacheStatus(first)).toBe('MISS');
    // REVALIDATED only if this machine took over a second between the two.
    expect(['HIT', 'REVALIDATED']).toContain(cacheStatus(second));
    expect(second.body.equals(first.body)).toBe(true);
    expect(second.headers.etag).toBe(first.headers.etag);

    // A kiosk that kept the page asks with its ETag: the proxy answers 304 without a body.
    const kept = await feed('?limit=40', { 'if-none-match': first.headers.etag! });
    expect([kept.status, kept.body.length]).toEqual([304, 0]);

    await past(FEED_LIFE_MS);
    const later = await feed('?limit=40');
    expect(cacheStatus(later)).toBe('REVALIDATED');
    expect(later.body.equals(first.body)).toBe(true);
  });

  it('serves the new page once content is published, and never the old one again', async () => {
    const cursor = await headCursor();
    const idle = await feed(`?since=${cursor}`);
    expect(idle.json<ChangesPage>().changes).toEqual([]);
    expect(['HIT', 'REVALIDATED']).toContain(cacheStatus(await feed(`?since=${cursor}`)));

    // An editor changes a guide's title and publishes it through the proxy, as from the office.
    const file = join(server.contentDir, 'guides/acta-defuncion-copia.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Copia certificada del acta de defunción', 'Copia del acta de defunción (nuevo)'));
    const published = await viaProxy('/api/v1/admin/content/import', { method: 'POST', headers: admin, body: {} });
    expect(published.status).toBe(200);
    expect(cacheStatus(published)).toBeUndefined();

    await past(FEED_LIFE_MS);
    for (let poll = 0; poll < 3; poll++) {
      const answer = await feed(`?since=${cursor}`);
      expect(answer.headers.etag).not.toBe(idle.headers.etag);
      const page = answer.json<ChangesPage>();
      expect(page.changes.map((change) => change.id)).toContain('acta-defuncion-copia');
      expect(answer.text()).toContain('Copia del acta de defunción (nuevo)');
    }
  });
});

describe('answers the proxy must never keep', () => {
  it('gives two kiosks of two libraries each their own notes, straight from Chaski', async () => {
    const lamay = await enrol(proxy.url, { adminToken: ADMIN, library: 'Biblioteca Municipal de Lamay', from: '127.0.0.2' });
    const pisac = await enrol(proxy.url, { adminToken: ADMIN, library: 'Biblioteca Comunal de Pisac', from: '127.0.0.3' });
    const push = (token: string, text: string) => viaProxy('/api/v1/notes', { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: { notes: [libraryNote(text)] } });
    expect((await push(lamay.token, 'En Lamay RENIEC atiende los martes.')).status).toBe(200);
    expect((await push(pisac.token, 'En Pisac la municipalidad cierra a la 1.')).status).toBe(200);

    for (let round = 0; round < 2; round++) {
      for (const [kiosk, own, other] of [[lamay, 'Lamay', 'Pisac'], [pisac, 'Pisac', 'Lamay']] as const) {
        const notes = await viaProxy('/api/v1/notes', { headers: { authorization: `Bearer ${kiosk.token}` } });
        expect(notes.status).toBe(200);
        expect(notes.text()).toContain(`En ${own}`);
        expect(notes.text()).not.toContain(`En ${other}`);
        expect(notes.headers['cache-control']).toBe('private, no-cache');
        expect(cacheStatus(notes)).toBeUndefined();
      }
    }
  });

  it('neither serves from nor stores in the cache what a request with a token got, even on a cached path', async () => {
    const withToken = await feed('?limit=7', { authorization: 'Bearer someone' });
    expect(cacheStatus(withToken)).toBe('BYPASS');
    expect(cacheStatus(await feed('?limit=7'))).toBe('MISS');
    expect(cacheStatus(await feed('?limit=7', { authorization: 'Bearer someone' }))).toBe('BYPASS');
    const asset = await viaProxy(HASHED_ASSET, { headers: { authorization: 'Bearer someone' } });
    expect(cacheStatus(asset)).toBe('BYPASS');
  });

  it('passes every admin answer through, fresh each time', async () => {
    const before = await viaProxy('/api/v1/admin/enrollment-codes', { headers: admin });
    await viaProxy('/api/v1/admin/enrollment-codes', { method: 'POST', headers: admin, body: { label: 'biblioteca nueva' } });
    const after = await viaProxy('/api/v1/admin/enrollment-codes', { headers: admin });
    expect([before.status, after.status]).toEqual([200, 200]);
    expect(after.json<{ codes: unknown[] }>().codes.length).toBe(before.json<{ codes: unknown[] }>().codes.length + 1);
    for (const answer of [before, after]) {
      expect(answer.headers['cache-control']).toBe('no-store');
      expect(cacheStatus(answer)).toBeUndefined();
    }
    expect((await viaProxy('/api/v1/admin/kiosks')).status).toBe(401);
  });
});

describe('the app behind the proxy', () => {
  it('keeps the hashed files and has the entry page come from Chaski each time', async () => {
    const first = await viaProxy(HASHED_ASSET, { headers: { 'accept-encoding': BROWSER_ENCODINGS } });
    const second = await viaProxy(HASHED_ASSET, { headers: { 'accept-encoding': BROWSER_ENCODINGS } });
    expect([first.status, cacheStatus(first), cacheStatus(second)]).toEqual([200, 'MISS', 'HIT']);
    expect(second.body.equals(first.body)).toBe(true);
    expect(second.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const page = await viaProxy('/');
    expect([page.status, page.headers['cache-control'], cacheStatus(page)]).toEqual([200, 'no-cache', undefined]);
  });
});

describe('patrons\' addresses behind the proxy', () => {
  it('throttles enrolment per patron, and a forged X-Forwarded-For does not get round it', async () => {
    const attempt = (from: string, headers: Record<string, string> = {}) =>
      viaProxy('/api/v1/kiosks/enroll', { method: 'POST', body: { code: 'NO-SUCH-CODE', library: 'Biblioteca de Chinchero' }, from, headers });
    for (let i = 0; i < ENROLL_PER_MINUTE; i++) expect((await attempt('127.0.0.4')).status).not.toBe(429);
    expect((await attempt('127.0.0.4')).status).toBe(429);
    expect((await attempt('127.0.0.4', { 'x-forwarded-for': '203.0.113.9' })).status).toBe(429);
    // Another patron at the same proxy is not held back by the first one's attempts.
    expect((await attempt('127.0.0.5')).status).not.toBe(429);
  });
});
