// What an operator monitoring a server sees, from a real server process (`npm run serve`, PGlite
// on disk): /metrics moves with what kiosks do and is closed without a token, the log is one
// JSON line per request with its request id and no patron answer, token or code in it, and the
// two probes answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { opinion, opinionContent, samples, scrape } from '../../test/server/kiosk-calls';
import { enrolWithCode, newCode, sendSubmissions as push } from '../../test/server/kiosk-client';
import { type RunningServer, startServer } from '../../test/start-server';
import { join } from 'node:path';
import { listenForTests, tempDir, tempPglite, writeContent } from '../../test/server/support';
import { buildApp } from './app';
import { readConfig } from './config';
import { SigningKey } from './signing-key';

const ADMIN_TOKEN = 'admin-token-for-the-operations-test-0001';
const METRICS_TOKEN = 'metrics-token-for-the-scraper-000000001';
/** A patron's answer nobody should find in a log. */
const ANSWER = 'Mi vecina Rosa Quispe vive en Jr. Lima 123';

let server: RunningServer;
let url: string;

beforeAll(async () => {
  // No LOG_LEVEL: the default an operator gets.
  server = await startServer({ contentDir: opinionContent(), env: { ADMIN_TOKEN, METRICS_TOKEN, LOG_LEVEL: '', DEMO_ENROLL: 'off', STATIC_DIR: '/nonexistent' } });
  url = server.url;
});
afterAll(async () => {
  if (server) await server.stop();
});

describe('an operator watching the server', () => {
  let code = '';
  let token = '';

  it('scrapes /metrics with the metrics token or the admin token, never without one, and never from a cache', async () => {
    expect((await fetch(`${url}/metrics`)).status).toBe(401);
    expect((await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer not-the-token-at-all-00000000000000' } })).status).toBe(401);
    const scraped = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(scraped.status).toBe(200);
    expect(scraped.headers.get('cache-control')).toBe('no-store');
    expect(scraped.headers.get('content-type')).toMatch(/^text\/plain/);
    const metrics = samples(await scraped.text());
    // The process's own figures, for memory and CPU alerts.
    expect(metrics.get('process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(metrics.has('process_cpu_seconds_total')).toBe(true);
    expect(metrics.get('chaski_database_up')).toBe(1);
    expect((await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).status).toBe(200);
  });

  it('sees pushes, the feed and kiosks moving the numbers', async () => {
    const before = await scrape(url, METRICS_TOKEN);
    expect(before.get('chaski_kiosks_seen{within="1h"}')).toBe(0);

    code = await newCode(url, { adminToken: ADMIN_TOKEN, maxUses: 1 });
    token = (await enrolWithCode(url, code)).token;
    const first = opinion(ANSWER);
    expect((await push(url, token, [first, opinion('otra')])).status).toBe(200);
    // The kiosk missed the answer and sends again; and one for a form the server never had.
    expect((await push(url, token, [first, { ...opinion('x'), formId: 'no-such-form' }])).status).toBe(200);
    const page = await fetch(`${url}/api/v1/changes`);
    expect(page.status).toBe(200);
    expect((await fetch(`${url}/api/v1/changes`, { headers: { 'if-none-match': page.headers.get('etag')! } })).status).toBe(304);

    const after = await scrape(url, METRICS_TOKEN);
    const moved = (series: string) => (after.get(series) ?? 0) - (before.get(series) ?? 0);
    expect(moved('chaski_submissions_total{result="accepted",code=""}')).toBe(2);
    expect(moved('chaski_submissions_total{result="duplicate",code=""}')).toBe(1);
    expect(moved('chaski_submissions_total{result="rejected",code="unknown_form"}')).toBe(1);
    expect(moved('chaski_submission_batch_size_count')).toBe(2);
    expect(moved('chaski_changes_pages_total{answer="page"}')).toBe(1);
    expect(moved('chaski_changes_pages_total{answer="not_modified"}')).toBe(1);
    // By route template, whatever the URL held.
    expect(moved('chaski_http_requests_total{method="POST",route="/api/v1/submissions",status="200"}')).toBe(2);
    expect(moved('chaski_http_requests_total{method="GET",route="/api/v1/changes",status="304"}')).toBe(1);
    expect(moved('chaski_db_query_duration_seconds_count{outcome="ok"}')).toBeGreaterThan(5);
    expect(after.get('chaski_kiosks_seen{within="1h"}')).toBe(1);
    expect(after.get('chaski_kiosks_active')).toBe(1);
    // An unknown path counts as one series, not one per URL tried.
    await fetch(`${url}/api/v1/kiosks/${'a'.repeat(30)}/nothing`);
    const [unmatched] = [...(await scrape(url, METRICS_TOKEN)).keys()].filter((k) => k.startsWith('chaski_http_requests_total{') && k.includes('status="404"'));
    expect(unmatched).toBe('chaski_http_requests_total{method="GET",route="unmatched",status="404"}');
  });

  it('probes liveness and readiness', async () => {
    const live = await fetch(`${url}/api/v1/health/live`);
    expect(live.status).toBe(200);
    expect(live.headers.get('cache-control')).toBe('no-store');
    const ready = await fetch(`${url}/api/v1/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', database: 'pglite' });
    expect((await fetch(`${url}/api/v1/health`)).status).toBe(200);
  });

  it('keeps the reverse proxy\'s request id, or makes one, and answers with it', async () => {
    const kept = await fetch(`${url}/api/v1/health/live`, { headers: { 'x-request-id': 'proxy-7f3a9c21-trace' } });
    expect(kept.headers.get('x-request-id')).toBe('proxy-7f3a9c21-trace');
    const forged = await fetch(`${url}/api/v1/health/live`, { headers: { 'x-request-id': 'a" "msg":"forged' } });
    expect(forged.headers.get('x-request-id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect((await fetch(`${url}/api/v1/health/live`)).headers.get('x-request-id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
    // A kiosk served from another origin can read it, and a 503's Retry-After.
    expect(kept.headers.get('access-control-expose-headers')).toMatch(/Retry-After.*X-Request-Id/);
  });

  it('logs one JSON line per request with its id, and no answer, token, code or secret in a query string', async () => {
    await push(url, token, [opinion(ANSWER)], { 'x-request-id': 'proxy-push-000000042' });
    await fetch(`${url}/api/v1/changes?since=not-a-cursor&token=query-secret-0123456789`);
    // A request the server fails on: its log line must not carry the body either.
    await fetch(`${url}/api/v1/admin/kiosks`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    await server.stop();
    const output = server.output();
    for (const secret of [ANSWER, token, code, ADMIN_TOKEN, METRICS_TOKEN, 'query-secret-0123456789']) expect(output).not.toContain(secret);

    // Plain start-up lines for the person at the console, then JSON only.
    const lines = output.split('\n').filter((line) => line.trim() !== '');
    const running = lines.findIndex((line) => line.startsWith('Chaski is running at'));
    expect(running).toBeGreaterThanOrEqual(0);
    const entries = lines.slice(running + 1).map((line) => JSON.parse(line) as { reqId?: string; msg?: string; path?: string; status?: number; route?: string });
    const requests = entries.filter((entry) => entry.msg === 'request');
    expect(requests.every((entry) => typeof entry.reqId === 'string' && entry.reqId.length > 0)).toBe(true);
    // One line for each request, whatever its route.
    expect(new Set(requests.map((entry) => entry.reqId)).size).toBe(requests.length);
    expect(requests.find((entry) => entry.reqId === 'proxy-push-000000042')).toMatchObject({ path: '/api/v1/submissions', status: 200, route: '/api/v1/submissions' });
    expect(requests.find((entry) => entry.path === '/api/v1/changes' && entry.status === 400)).toBeDefined();
  });
});

describe('the metrics token', () => {
  it('is refused at start when shorter than 32 characters, like the admin token', () => {
    expect(() => readConfig({ METRICS_TOKEN: 'prometheus' })).toThrow(/METRICS_TOKEN must be at least 32 characters/);
    expect(readConfig({ METRICS_TOKEN: METRICS_TOKEN }).metricsToken).toBe(METRICS_TOKEN);
  });
});

describe('readiness', () => {
  it('is refused while the database lacks this server\'s latest migration (newer code, older schema)', async () => {
    const pg = await tempPglite();
    const app = await buildApp({ db: pg.db, contentDir: writeContent(tempDir(), {}), signingKey: new SigningKey(pg.db, join(pg.dir, 'signing-key.json')) });
    try {
      const base = await listenForTests(app);
      expect((await fetch(`${base}/api/v1/health/ready`)).status).toBe(200);
      await pg.db.query('DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM schema_migrations)');
      const notReady = await fetch(`${base}/api/v1/health/ready`);
      expect(notReady.status).toBe(503);
      expect(await notReady.json()).toMatchObject({ status: 'not_ready', problem: expect.stringMatching(/migration \d+ is not applied/) });
      // Alive all the same: restarting this process would not migrate the database.
      expect((await fetch(`${base}/api/v1/health/live`)).status).toBe(200);
    } finally {
      await app.close();
      await pg.dispose();
    }
  });
});
