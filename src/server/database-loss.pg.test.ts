// PostgreSQL going away under a real server process while kiosks use it: an operator restarts
// PostgreSQL (or it fails over) in the middle of the day, twice. What kiosks must see: 503 with
// Retry-After while it is away, never a 500; the server comes back by itself, with no restart
// of its own; and once the kiosks have sent again what was not acknowledged, every submission
// is stored exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from './db';
import { opinion, opinionContent, scrape } from '../../test/server/kiosk-calls';
import { enrolWithCode, newCode, sendSubmissions as push } from '../../test/server/kiosk-client';
import { type PostgresCluster, startPostgres } from '../../test/server/support';
import { type RunningServer, startServer } from '../../test/start-server';

const ADMIN_TOKEN = 'admin-token-for-the-database-loss-test-01';
const KIOSKS = 3;
/** How long PostgreSQL stays down: long enough that every kiosk hits the gap. */
const DOWN_MS = 2_000;

interface Answer {
  what: string;
  status: number;
  retryAfter: string | null;
  at: number;
}

let cluster: PostgresCluster;
let databaseUrl: string;
let server: RunningServer;

beforeAll(async () => {
  cluster = await startPostgres();
  const created = await cluster.createDatabase();
  await created.db.close();
  databaseUrl = created.url;
  server = await startServer({ databaseUrl, contentDir: opinionContent(), env: { ADMIN_TOKEN, LOG_LEVEL: 'warn', DEMO_ENROLL: 'off', STATIC_DIR: '/nonexistent' } });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  cluster?.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A kiosk as src/sync/push.ts behaves: an outbox it drains, each item gone only when the server
 * answers accepted or duplicate; a failed push keeps everything for the next try. */
function kiosk(url: string, token: string, answers: Answer[]) {
  const outbox = new Map<string, ReturnType<typeof opinion>>();
  const made: string[] = [];
  let etag: string | null = null;
  const note = (what: string, response: Response) => answers.push({ what, status: response.status, retryAfter: response.headers.get('retry-after'), at: Date.now() });
  return {
    made,
    outbox,
    write() {
      const submission = opinion(`respuesta ${made.length}`);
      made.push(submission.id);
      outbox.set(submission.id, submission);
    },
    async push() {
      if (outbox.size === 0) return;
      const response = await push(url, token, [...outbox.values()]).catch(() => null);
      if (!response) return answers.push({ what: 'push', status: 0, retryAfter: null, at: Date.now() });
      note('push', response);
      if (response.status !== 200) return;
      const { results } = (await response.json()) as { results: Array<{ id: string; status: string }> };
      for (const result of results) if (result.status === 'accepted' || result.status === 'duplicate') outbox.delete(result.id);
    },
    async poll() {
      const response = await fetch(`${url}/api/v1/changes`, { headers: etag ? { 'if-none-match': etag } : {} }).catch(() => null);
      if (!response) return answers.push({ what: 'poll', status: 0, retryAfter: null, at: Date.now() });
      note('poll', response);
      if (response.status === 200) etag = response.headers.get('etag');
      await response.arrayBuffer();
    },
  };
}

describe('PostgreSQL restarting under load', () => {
  it('answers 503 with Retry-After meanwhile, never 500, recovers alone, and loses or doubles no submission', async () => {
    const { url } = server;
    const pid = server.child.pid;
    const codes = await Promise.all(Array.from({ length: KIOSKS }, () => newCode(url, { adminToken: ADMIN_TOKEN, maxUses: 1 })));
    const answers: Answer[] = [];
    const kiosks = await Promise.all(codes.map(async (code) => kiosk(url, (await enrolWithCode(url, code)).token, answers)));

    let running = true;
    const ready: Answer[] = [];
    /** chaski_database_up as each scrape read it: a scrape still answers while the database is away. */
    const databaseUp: number[] = [];
    const load = kiosks.map(async (k) => {
      while (running) {
        k.write();
        await Promise.all([k.push(), k.poll()]);
        await sleep(100);
      }
    });
    const probes = (async () => {
      while (running) {
        const response = await fetch(`${url}/api/v1/health/ready`).catch(() => null);
        ready.push({ what: 'ready', status: response?.status ?? 0, retryAfter: null, at: Date.now() });
        await response?.arrayBuffer();
        databaseUp.push((await scrape(url, ADMIN_TOKEN).catch(() => new Map<string, number>())).get('chaski_database_up') ?? -1);
        await sleep(250);
      }
    })();

    await sleep(1_500);
    // First a plain `pg_ctl restart -m fast` (sessions cut off, back within a second), then a
    // restart that keeps it down long enough for every kiosk to hit the gap.
    const down = Date.now();
    await cluster.restart();
    await sleep(1_500);
    const downAgain = Date.now();
    await cluster.restart(DOWN_MS);
    const up = Date.now();
    await sleep(3_000);
    running = false;
    await Promise.all([...load, probes]);

    // The kiosks send what is still waiting, as their next sync runs would.
    const deadline = Date.now() + 20_000;
    while (kiosks.some((k) => k.outbox.size > 0) && Date.now() < deadline) {
      await Promise.all(kiosks.map((k) => k.push()));
      await sleep(200);
    }

    const failures = answers.filter((a) => a.status >= 500 || a.status === 0);
    const summary = JSON.stringify(answers.filter((a) => a.status !== 200 && a.status !== 304).slice(0, 20));
    // Every kiosk hit the gap, so what is asserted below was exercised.
    expect(failures.filter((a) => a.at >= down).length, summary).toBeGreaterThan(0);
    expect(answers.filter((a) => a.status === 500 || a.status === 0), `${summary}\n${server.output()}`).toEqual([]);
    for (const failure of failures) expect(failure, summary).toMatchObject({ status: 503, retryAfter: expect.stringMatching(/^[1-9]\d*$/) });
    // Readiness said so meanwhile, and says ready again.
    expect(ready.some((probe) => probe.status === 503)).toBe(true);
    expect((await fetch(`${url}/api/v1/health/ready`)).status).toBe(200);
    expect(databaseUp).toContain(0);
    expect(databaseUp).not.toContain(-1);
    expect(databaseUp.at(-1)).toBe(1);

    const during = (from: number, to: number) => failures.filter((a) => a.at >= from && a.at <= to).length;
    const firstAfter = answers.filter((a) => a.at > up && (a.status === 200 || a.status === 304)).map((a) => a.at)[0] ?? Infinity;
    console.info(
      `database loss: ${answers.length} requests; plain restart: ${during(down, downAgain)} answered 503; ` +
        `restart kept down ${up - downAgain} ms: ${during(downAgain, up + 1_000)} answered 503, first success ${firstAfter - up} ms after PostgreSQL was back`,
    );

    // The same process throughout, answering again without being restarted.
    expect(server.child.exitCode).toBeNull();
    expect(server.child.pid).toBe(pid);
    expect(answers.filter((a) => a.at > up + 1_000).every((a) => a.status === 200 || a.status === 304)).toBe(true);
    for (const k of kiosks) expect(k.outbox.size).toBe(0);

    const made = kiosks.flatMap((k) => k.made);
    const db = await openPostgres(databaseUrl);
    try {
      const rows = await db.query<{ id: string }>('SELECT id FROM submissions');
      expect(rows.length).toBe(made.length);
      expect(new Set(rows.map((row) => row.id))).toEqual(new Set(made));
    } finally {
      await db.close();
    }

    // An operator sees it afterwards: requests answered 503, and the database up again.
    const metrics = await scrape(url, ADMIN_TOKEN);
    expect(metrics.get('chaski_database_up')).toBe(1);
    expect(metrics.get('chaski_db_pool_connections{state="total"}')).toBeGreaterThan(0);
    expect(metrics.get('chaski_db_pool_connections{state="waiting"}')).toBe(0);
    expect([...metrics].filter(([series]) => series.startsWith('chaski_http_requests_total{') && series.includes('status="503"')).length).toBeGreaterThan(0);
    expect([...metrics].filter(([series]) => series.startsWith('chaski_http_requests_total{') && series.includes('status="500"'))).toEqual([]);

    // And in the log: JSON lines, each 503 with its request id, no stack of a crash.
    const lines = server.output().split('\n').filter((line) => line.trim() !== '');
    const logged = lines.slice(lines.findIndex((line) => line.startsWith('Chaski is running')) + 1).map((line) => JSON.parse(line) as { reqId?: string; msg?: string; status?: number });
    const warned = logged.filter((entry) => entry.msg === 'database unavailable');
    expect(warned.length).toBeGreaterThan(0);
    expect(warned.every((entry) => typeof entry.reqId === 'string')).toBe(true);
  }, 90_000);
});
