// GET /metrics: what a Prometheus scraper reads (docs/operations.md, "Monitoring"). One registry
// per app, not prom-client's global one, so tests that build several apps in one process do not
// count into each other.
//
// No metric is labelled by kiosk: a network has thousands, each a time series that lives until
// the process restarts, and "which kiosk went quiet" is the database's answer (the admin kiosk
// list's lastSeenAt). Here a kiosk counts in the batch-size histogram and the last-seen gauges.
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { API_PATHS, type SubmissionResult } from '../core/protocol';
import type { Db, Queryable } from './db';
import { withTimeout } from './db-errors';
import { sendError } from './http-errors';
import type { KioskStore } from './kiosk-store';
import { bearerMatches } from './routes/admin-auth';

export const METRICS_PATH = '/metrics';

/** How long a scrape waits for the database's figures before answering without them. */
const SCRAPE_DB_TIMEOUT_MS = 2_000;

const SECONDS_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export class Metrics {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'chaski_http_requests_total',
    help: 'HTTP requests answered, by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'chaski_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method and route template',
    labelNames: ['method', 'route'] as const,
    buckets: SECONDS_BUCKETS,
    registers: [this.registry],
  });

  readonly changesPages = new Counter({
    name: 'chaski_changes_pages_total',
    help: 'Change-feed requests answered: with a page (page) or 304 (not_modified)',
    labelNames: ['answer'] as const,
    registers: [this.registry],
  });

  readonly submissions = new Counter({
    name: 'chaski_submissions_total',
    help: 'Submissions settled: accepted, duplicate (a retry of one held) or rejected, with the reject code',
    labelNames: ['result', 'code'] as const,
    registers: [this.registry],
  });

  readonly submissionBatch = new Histogram({
    name: 'chaski_submission_batch_size',
    help: 'Submissions in one push from a kiosk',
    buckets: [1, 2, 5, 10, 25, 50, 100],
    registers: [this.registry],
  });

  readonly dbQuery = new Histogram({
    name: 'chaski_db_query_duration_seconds',
    help: 'Time of one database statement, by outcome (ok or error)',
    labelNames: ['outcome'] as const,
    buckets: SECONDS_BUCKETS,
    registers: [this.registry],
  });

  constructor(db: Db, kiosks: Pick<KioskStore, 'seenCounts'>) {
    collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];
    if (db.poolStats) {
      const stats = db.poolStats.bind(db);
      new Gauge({
        name: 'chaski_db_pool_connections',
        help: 'PostgreSQL pool: connections open (total), idle, and requests waiting for one (waiting)',
        labelNames: ['state'] as const,
        registers,
        collect() {
          const { total, idle, waiting } = stats();
          this.set({ state: 'total' }, total);
          this.set({ state: 'idle' }, idle);
          this.set({ state: 'waiting' }, waiting);
        },
      });
    }
    // Read from the database at each scrape; one query answers both gauges.
    let pending: Promise<Awaited<ReturnType<KioskStore['seenCounts']>> | null> | undefined;
    const seen = () =>
      (pending ??= withTimeout(kiosks.seenCounts(), SCRAPE_DB_TIMEOUT_MS)
        .catch(() => null)
        .finally(() => setTimeout(() => (pending = undefined), 0)));
    new Gauge({
      name: 'chaski_database_up',
      help: 'Whether the database answered this scrape (1) or not (0)',
      registers,
      async collect() {
        this.set((await seen()) ? 1 : 0);
      },
    });
    new Gauge({
      name: 'chaski_kiosks_seen',
      help: 'Active kiosks that called the server within the last hour (1h), day (1d) or week (7d); absent when the database did not answer',
      labelNames: ['within'] as const,
      registers,
      async collect() {
        this.reset();
        const counts = await seen();
        if (!counts) return;
        this.set({ within: '1h' }, counts.hour);
        this.set({ within: '1d' }, counts.day);
        this.set({ within: '7d' }, counts.week);
      },
    });
    new Gauge({
      name: 'chaski_kiosks_active',
      help: 'Kiosks enrolled and not revoked; absent when the database did not answer',
      registers,
      async collect() {
        this.reset();
        const counts = await seen();
        if (counts) this.set(counts.active);
      },
    });
  }

  countSubmissions(results: SubmissionResult[]): void {
    this.submissionBatch.observe(results.length);
    for (const result of results) this.submissions.inc({ result: result.status, code: result.status === 'rejected' ? result.code : '' });
  }

  /** The same database, each statement timed (inside transactions too). */
  timed(db: Db): Db {
    const time = <T>(run: () => Promise<T>): Promise<T> => {
      const end = this.dbQuery.startTimer();
      return run().then(
        (value) => (end({ outcome: 'ok' }), value),
        (error: unknown) => {
          end({ outcome: 'error' });
          throw error;
        },
      );
    };
    const timedQueryable = (q: Queryable): Queryable => ({ query: (sql, params) => time(() => q.query(sql, params)) });
    return {
      kind: db.kind,
      ...(db.poolStats ? { poolStats: db.poolStats.bind(db) } : {}),
      query: (sql, params) => time(() => db.query(sql, params)),
      transaction: (work) => db.transaction((tx) => work(timedQueryable(tx))),
      close: () => db.close(),
    };
  }
}

/** Counts every answer by route template (never the raw URL: a path with a kiosk's id or a
 * query string would make a series per request), and the change feed's pages and 304s. */
export function registerHttpMetrics(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onResponse', async (request, reply) => {
    const route = routeLabel(request.routeOptions.url);
    const status = reply.statusCode;
    metrics.httpRequests.inc({ method: request.method, route, status: String(status) });
    metrics.httpDuration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
    if (route === API_PATHS.changes && (status === 200 || status === 304)) metrics.changesPages.inc({ answer: status === 200 ? 'page' : 'not_modified' });
  });
}

/** The API's templates as they are; each file of the built PWA is a route of its own (its name
 * changes with every build), so they count together. */
function routeLabel(url: string | undefined): string {
  if (url === undefined) return 'unmatched';
  return url.startsWith('/api/') || url === METRICS_PATH ? url : 'static';
}

/** GET /metrics with METRICS_TOKEN (for a scraper, which then holds no admin power) or the
 * ADMIN_TOKEN; off when the server has neither. */
export function metricsRoutes(app: FastifyInstance, metrics: Metrics, tokens: Array<string | undefined>): void {
  const accepted = tokens.filter((token): token is string => !!token);
  app.get(METRICS_PATH, async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    if (accepted.length === 0) return sendError(reply, 403, 'admin_disabled', 'metrics are off: start the server with METRICS_TOKEN or ADMIN_TOKEN set');
    if (!bearerMatches(request, accepted)) return sendError(reply, 401, 'unauthorized', 'a valid metrics or admin token is required');
    const body = await metrics.registry.metrics();
    return reply.type(metrics.registry.contentType).send(body);
  });
}
