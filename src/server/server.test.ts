// The HTTP API on a real port, against PGlite on disk.
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { get, type IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangesPage } from '../core/protocol';
import { sampleCategory, sampleGuide } from '../../test/records';
import { buildApp } from './app';
import { SigningKey } from './signing-key';
import { CatalogStore } from './catalog-store';
import { importContent } from './content-import';
import { listenForTests, tempDir, tempPglite, writeContent } from '../../test/server/support';

let app: FastifyInstance;
let base: string;
let dispose: () => Promise<void>;
let signingKey: SigningKey;
const ADMIN = 'test-admin-token';
const contentDir = tempDir();

beforeAll(async () => {
  const pg = await tempPglite();
  dispose = pg.dispose;
  writeContent(contentDir, {
    categories: [sampleCategory('salud')],
    guides: Array.from({ length: 25 }, (_, i) => sampleGuide(`guia-${String(i).padStart(2, '0')}`, 'salud')),
  });
  await importContent(new CatalogStore(pg.db), contentDir);
  signingKey = new SigningKey(pg.db, join(pg.dir, 'signing-key.json'));
  app = await buildApp({ db: pg.db, contentDir, adminToken: ADMIN, signingKey });
  base = await listenForTests(app);
});

afterAll(async () => {
  await app?.close();
  await dispose?.();
});

const getPage = async (query: string): Promise<ChangesPage> => (await fetch(`${base}/api/v1/changes${query}`)).json() as Promise<ChangesPage>;

describe('GET /api/v1/changes', () => {
  it('pages through the whole catalogue with an opaque cursor', async () => {
    const ids: string[] = [];
    let since = '';
    let pages = 0;
    for (;;) {
      const page = await getPage(`?limit=10${since ? `&since=${since}` : ''}`);
      ids.push(...page.changes.map((c) => c.id));
      pages++;
      since = page.cursor;
      if (!page.more) break;
    }
    expect(pages).toBe(3);
    expect(ids).toHaveLength(26);
    expect(ids[0]).toBe('salud');
    const caughtUp = await getPage(`?since=${since}`);
    expect(caughtUp).toMatchObject({ changes: [], more: false, cursor: since });
  });

  // node:http, not fetch: fetch would decompress silently and hide what went over the wire.
  const rawGet = (path: string, encoding: string) =>
    new Promise<{ headers: IncomingHttpHeaders; raw: Buffer }>((resolve, reject) => {
      get(`${base}${path}`, { headers: { 'accept-encoding': encoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ headers: res.headers, raw: Buffer.concat(chunks) }));
      }).on('error', reject);
    });

  it('compresses the feed with gzip', async () => {
    const { headers, raw } = await rawGet('/api/v1/changes', 'gzip');
    expect(headers['content-encoding']).toBe('gzip');
    const page = JSON.parse(gunzipSync(raw).toString('utf8')) as ChangesPage;
    expect(page.changes.length).toBe(26);
    expect(raw.length).toBeLessThan(JSON.stringify(page).length / 3);
  });

  it('gives every kiosk the same page, in brotli, gzip or plain, from one build', async () => {
    const [br, again, gz, plain] = await Promise.all([rawGet('/api/v1/changes?limit=7', 'gzip, deflate, br'), rawGet('/api/v1/changes?limit=7', 'br'), rawGet('/api/v1/changes?limit=7', 'gzip'), rawGet('/api/v1/changes?limit=7', 'identity')]);
    expect([br.headers['content-encoding'], gz.headers['content-encoding'], plain.headers['content-encoding']]).toEqual(['br', 'gzip', undefined]);
    expect(again.raw.equals(br.raw)).toBe(true);
    const pages = [brotliDecompressSync(br.raw), gunzipSync(gz.raw), plain.raw].map((body) => JSON.parse(body.toString('utf8')) as ChangesPage);
    expect(pages[0]!.changes).toHaveLength(7);
    expect(pages[1]).toEqual(pages[0]);
    expect(pages[2]).toEqual(pages[0]);
    expect(br.headers['content-type']).toMatch(/^application\/json/);
  });

  it('answers 304 to an unchanged feed, and 200 once something is published', async () => {
    const first = await fetch(`${base}/api/v1/changes?limit=5`);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    const again = await fetch(`${base}/api/v1/changes?limit=5`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);

    const caughtUp = (await getPage('?limit=1000')).cursor;
    const idle = await fetch(`${base}/api/v1/changes?since=${caughtUp}`);
    const idleTag = idle.headers.get('etag')!;
    writeContent(contentDir, { guides: [{ ...sampleGuide('guia-00', 'salud'), summary: { es: 'Nuevo resumen.', qu: 'Musuq pisiyachisqa.' } }] });
    const imported = await fetch(`${base}/api/v1/admin/content/import`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}` } });
    expect(imported.status).toBe(200);
    const after = await fetch(`${base}/api/v1/changes?since=${caughtUp}`, { headers: { 'if-none-match': idleTag } });
    expect(after.status).toBe(200);
    const page = (await after.json()) as ChangesPage;
    expect(page.changes).toMatchObject([{ id: 'guia-00', version: 2, op: 'put', data: { summary: { es: 'Nuevo resumen.' } } }]);
  });

  it('tells a kiosk holding a cursor from another database to start over', async () => {
    const foreign = Buffer.from(`${'f'.repeat(32)}.3`).toString('base64url');
    const page = await getPage(`?since=${foreign}&limit=1000`);
    expect(page.reset).toBe(true);
    expect(page.changes.length).toBe(26);
  });

  it.each([
    ['?limit=0', 'invalid_limit'],
    ['?limit=1001', 'invalid_limit'],
    ['?limit=ten', 'invalid_limit'],
    ['?since=not-a-cursor!', 'invalid_cursor'],
    [`?since=${Buffer.from('abc.1').toString('base64url')}`, 'invalid_cursor'],
  ])('rejects %s with 400 %s', async (query, code) => {
    const response = await fetch(`${base}/api/v1/changes${query}`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe(code);
    expect(body.error.message.length).toBeGreaterThan(10);
  });
});

describe('the rest of the API', () => {
  it('reports health and what it publishes', async () => {
    const health = await (await fetch(`${base}/api/v1/health`)).json();
    expect(health).toMatchObject({ status: 'ok', database: 'pglite', catalogue: { category: 1, guide: 25 } });
  });

  it('lets a kiosk served from another origin call the API (bearer tokens, no cookies)', async () => {
    const preflight = await fetch(`${base}/api/v1/submissions`, {
      method: 'OPTIONS',
      headers: { origin: 'http://biblioteca.local', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
    const feed = await fetch(`${base}/api/v1/changes`, { headers: { origin: 'http://biblioteca.local' } });
    expect(feed.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('answers unknown routes with a JSON 404', async () => {
    const response = await fetch(`${base}/api/v1/nothing-here`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('refuses admin calls without the token, and oversized or malformed bodies, without a stack trace', async () => {
    const noToken = await fetch(`${base}/api/v1/admin/content/import`, { method: 'POST' });
    expect(noToken.status).toBe(401);
    const auth = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };
    const huge = await fetch(`${base}/api/v1/admin/content/import`, { method: 'POST', headers: auth, body: JSON.stringify({ dir: 'x'.repeat(2 * 1024 * 1024) }) });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    const broken = await fetch(`${base}/api/v1/admin/content/import`, { method: 'POST', headers: auth, body: '{"dir": ' });
    expect(broken.status).toBe(400);
    const text = await broken.text();
    expect(text).toContain('bad_request');
    expect(text).not.toMatch(/at .+\.(ts|js):\d+/);
  });

  it('reports invalid content through the admin import, publishing nothing', async () => {
    const before = (await getPage('?limit=1000')).cursor;
    const bad = writeContent(join(contentDir, 'borrador'), { categories: [sampleCategory('salud')], guides: [{ ...sampleGuide('rota', 'salud'), cost: { soles: 5 } } as never] });
    const response = await fetch(`${base}/api/v1/admin/content/import`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: JSON.stringify({ dir: bad }) });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: { code: string; details: Array<{ file: string; field: string }> } };
    expect(body.error.code).toBe('content_invalid');
    expect(body.error.details[0]).toMatchObject({ file: 'guides/rota.yaml', field: 'cost' });
    expect((await getPage(`?since=${before}`)).changes).toEqual([]);
  });

  it('imports only the content folder or a folder inside it, whatever path is sent', async () => {
    const outside = writeContent(tempDir(), { categories: [sampleCategory('salud')] });
    const escape = join(contentDir, 'atajo');
    symlinkSync(outside, escape);
    for (const dir of [outside, '/etc', '../', `${contentDir}/../`, escape, 'no-existe']) {
      const response = await fetch(`${base}/api/v1/admin/content/import`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: JSON.stringify({ dir }) });
      expect(response.status, dir).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: 'forbidden_dir' } });
    }
  });
});
