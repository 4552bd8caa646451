// What a reverse proxy or CDN in front of Chaski is told it may keep (docs/operations.md,
// "Caching in front"), route by route, on a real server process: the app's hashed files for a
// year, its entry files and the change feed only after asking again, and nothing a token, an
// operator or an error produced.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/server/support';
import { BROWSER_ENCODINGS, fakeDist, HASHED_ASSET, libraryNote, raw, type RawRequest } from '../../test/server/http-client';
import { enrol } from '../../test/server/kiosk-client';
import { type RunningServer, startServer } from '../../test/start-server';

const ADMIN = 'cache-headers-admin-token-0123456789abcdef';
let server: RunningServer;
const dist = tempDir('chaski-dist-');
let kiosk: { token: string };

beforeAll(async () => {
  server = await startServer({ env: { ADMIN_TOKEN: ADMIN, STATIC_DIR: fakeDist(dist), LOG_LEVEL: 'error' } });
  kiosk = await enrol(server.url, { adminToken: ADMIN, library: 'Biblioteca Municipal de Lamay' });
}, 120_000);
afterAll(async () => {
  await server?.stop();
  rmSync(dist, { recursive: true, force: true });
});

const get = (path: string, options: RawRequest = {}) => raw(`${server.url}${path}`, options);
const asKiosk = (options: RawRequest = {}): RawRequest => ({ ...options, headers: { authorization: `Bearer ${kiosk.token}`, ...options.headers } });
const asAdmin = (options: RawRequest = {}): RawRequest => ({ ...options, headers: { authorization: `Bearer ${ADMIN}`, ...options.headers } });

describe('the app itself', () => {
  it('keeps hashed files for a year and has the entry files revalidated, so a new version is found at the next load', async () => {
    const cases: [string, number, string][] = [
      [HASHED_ASSET, 200, 'public, max-age=31536000, immutable'],
      ['/', 200, 'no-cache'],
      ['/index.html', 200, 'no-cache'],
      ['/sw.js', 200, 'no-cache'],
      ['/manifest.webmanifest', 200, 'no-cache'],
      ['/guide/dni-duplicado', 200, 'no-cache'],
      // Mid-upgrade one node may lack a file the other's index.html names: that 404 must not stick.
      ['/assets/index-00000000.js', 404, 'no-store'],
    ];
    for (const [path, status, cacheControl] of cases) {
      const answer = await get(path);
      expect({ path, status: answer.status, cacheControl: answer.headers['cache-control'] }).toEqual({ path, status, cacheControl });
    }
    expect((await get('/sw.js')).headers.etag).toBeTruthy();
  });
});

describe('the change feed', () => {
  it('may be kept by a shared cache, revalidated by ETag, one copy per encoding', async () => {
    const page = await get('/api/v1/changes?limit=50', { headers: { 'accept-encoding': BROWSER_ENCODINGS } });
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('public, no-cache');
    expect(page.headers.vary).toMatch(/accept-encoding/i);
    const etag = page.headers.etag!;
    expect(etag).toMatch(/^"/);

    // What a proxy gets when it revalidates its copy: a 304 that says the same.
    const again = await get('/api/v1/changes?limit=50', { headers: { 'accept-encoding': BROWSER_ENCODINGS, 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect([again.headers['cache-control'], again.headers.etag]).toEqual(['public, no-cache', etag]);
    expect(again.headers.vary).toMatch(/accept-encoding/i);
  });

  it('is kept by nobody when the request carries a token, or when it is a refusal', async () => {
    expect((await get('/api/v1/changes', asKiosk())).headers['cache-control']).toBe('private, no-store');
    const refused = await get('/api/v1/changes?since=not-a-cursor');
    expect([refused.status, refused.headers['cache-control']]).toEqual([400, 'no-store']);
  });
});

describe('public reading that is not the feed', () => {
  it('keeps the public report a few minutes and nothing about the server\'s health', async () => {
    const css = await get('/informe/informe.css');
    expect([css.status, css.headers['cache-control']]).toEqual([200, 'public, max-age=600']);
    const health = await get('/api/v1/health');
    expect([health.status, health.headers['cache-control']]).toEqual([200, 'no-store']);
    const noAudio = await get(`/api/v1/audio/${'0'.repeat(64)}`);
    expect([noAudio.status, noAudio.headers['cache-control']]).toEqual([404, 'no-store']);
  });
});

describe('a kiosk\'s own answers', () => {
  it('are never kept by a shared cache; only the library notes by the kiosk\'s own browser, revalidated', async () => {
    const pushed = await get('/api/v1/notes', asKiosk({ method: 'POST', body: { notes: [libraryNote('Los martes atiende RENIEC.')] } }));
    expect([pushed.status, pushed.headers['cache-control']]).toEqual([200, 'private, no-store']);
    const notes = await get('/api/v1/notes', asKiosk());
    expect([notes.status, notes.headers['cache-control']]).toEqual([200, 'private, no-cache']);
    const cases: [string, RawRequest][] = [
      ['/api/v1/submissions', asKiosk({ method: 'POST', body: { submissions: [] } })],
      ['/api/v1/usage', asKiosk({ method: 'POST', body: { days: [] } })],
      ['/api/v1/recordings', asKiosk()],
    ];
    for (const [path, request] of cases) {
      const answer = await get(path, request);
      expect({ path, status: answer.status, cacheControl: answer.headers['cache-control'] }).toEqual({ path, status: 200, cacheControl: 'private, no-store' });
    }
  });

  it('hands out an enrolment\'s token in an answer nobody keeps, and refuses a wrong token the same way', async () => {
    const code = await get('/api/v1/admin/enrollment-codes', asAdmin({ method: 'POST', body: { label: 'otra' } }));
    const enrolled = await get('/api/v1/kiosks/enroll', { method: 'POST', body: { code: code.json<{ code: string }>().code, library: 'Biblioteca de Pisac' } });
    expect([enrolled.status, enrolled.headers['cache-control']]).toEqual([201, 'no-store']);
    const wrong = await get('/api/v1/notes', { headers: { authorization: 'Bearer not-a-token' } });
    expect([wrong.status, wrong.headers['cache-control']]).toEqual([401, 'no-store']);
  });
});

describe('operators\' answers', () => {
  it('are never kept, with or without the token, pages and API alike', async () => {
    const cases: [string, RawRequest, number][] = [
      ['/api/v1/admin/kiosks', asAdmin(), 200],
      ['/api/v1/admin/kiosks', {}, 401],
      ['/api/v1/admin/enrollment-codes', asAdmin(), 200],
      ['/api/v1/admin/recordings', asAdmin(), 200],
      ['/admin/recordings', {}, 200],
      ['/admin/recordings.js', {}, 200],
      ['/api/v1/admin/notes?format=csv', asAdmin(), 200],
      ['/api/v1/admin/guides/usefulness', asAdmin(), 200],
    ];
    for (const [path, request, status] of cases) {
      const answer = await get(path, request);
      expect({ path, status: answer.status, cacheControl: answer.headers['cache-control'] }).toEqual({ path, status, cacheControl: 'no-store' });
    }
    // Whatever /metrics answers (the metrics, or the app's page where they are not served).
    expect((await get('/metrics')).headers['cache-control']).toBe('no-store');
  });
});
