// Builds the Fastify application: API routes, the built PWA, compression and error shapes.
// Knows nothing about ports, signals or where the database lives (see main.ts).
import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import { constants as zlib } from 'node:zlib';
import compress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyServerOptions, LogController } from 'fastify';
import { CatalogStore } from './catalog-store';
import type { Db } from './db';
import { CONFLICT_RETRY_AFTER_S, DATABASE_RETRY_AFTER_S, isDatabaseUnavailable, isTransactionConflict } from './db-errors';
import { sendError } from './http-errors';
import { KioskStore } from './kiosk-store';
import { Metrics, metricsRoutes, registerHttpMetrics } from './metrics';
import { registerRequestLog, requestId } from './request-log';
import { adminRoutes } from './routes/admin';
import { changesRoutes } from './routes/changes';
import { healthRoutes } from './routes/health';
import { kioskRoutes } from './routes/kiosks';
import { notesRoutes } from './routes/notes';
import { adminRecordingRoutes } from './routes/admin-recordings';
import { recordingRoutes } from './routes/recordings';
import { submissionRoutes } from './routes/submissions';
import { reportRoutes } from './routes/report';
import { usageRoutes } from './routes/usage';
import { DEFAULT_RATE_LIMITS, type RateLimits, registerRateLimits } from './rate-limits';
import { registerSecurityHeaders } from './security-headers';
import { CACHE_CONTROL, registerCacheHeaders } from './cache-headers';
import type { SigningKey } from './signing-key';
import { SubmissionKey } from './submission-key';
import { SubmissionStore } from './submission-store';
import { loadUbigeo } from './ubigeo-data';
import { NotesStore } from './notes-store';
import { RecordingReview } from './recording-review';
import { RecordingStore } from './recording-store';
import { UsageStore } from './usage-store';

export interface AppOptions {
  db: Db;
  contentDir: string;
  /** Signs content packs and receipts files; its private half is kept outside the database. */
  signingKey: SigningKey;
  /** Folder of the built PWA; the API alone is served when absent. */
  staticDir?: string;
  adminToken?: string;
  /** A token that reads /metrics and nothing else, for a Prometheus scraper. */
  metricsToken?: string;
  logger?: FastifyServerOptions['logger'];
  rateLimits?: RateLimits;
  /** Behind a reverse proxy: take the client's address from X-Forwarded-For. */
  trustProxy?: boolean;
  /** The public address and publisher the report's suggested citation names. */
  publicUrl?: string;
  reportPublisher?: string;
}

export const BODY_LIMIT_BYTES = 1024 * 1024;

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    // One line per request, written by request-log.ts, with no query string and no headers.
    logController: new LogController({ disableRequestLogging: true }),
    requestIdHeader: false,
    genReqId: (request) => requestId(request.headers['x-request-id']),
    bodyLimit: BODY_LIMIT_BYTES,
    connectionTimeout: 30_000,
    requestTimeout: 30_000,
    routerOptions: { maxParamLength: 200 },
    trustProxy: options.trustProxy ?? false,
    // A "__proto__" or "constructor.prototype" key in a body is deleted rather than failing the
    // whole request: a batch then keeps its other submissions, and no code can be poisoned.
    onProtoPoisoning: 'remove',
    onConstructorPoisoning: 'remove',
    // A URL that is not valid percent-encoding gets the API's error shape too.
    frameworkErrors: (error, _request, reply) => void sendError(reply, 400, 'bad_request', error.message),
  });
  const metrics: Metrics = new Metrics(options.db, { seenCounts: () => kiosks.seenCounts() });
  // Every store queries through the timed database, so /metrics sees every statement.
  const db = metrics.timed(options.db);
  const store = new CatalogStore(db);
  const kiosks: KioskStore = new KioskStore(db);
  const submissions = new SubmissionStore(db, loadUbigeo(), new SubmissionKey(db));
  const usage = new UsageStore(db);
  const notes = new NotesStore(db);
  const recordings = new RecordingStore(db, store);
  const review = new RecordingReview(db, store);

  registerRequestLog(app);
  registerHttpMetrics(app, metrics);

  await registerSecurityHeaders(app);
  registerCacheHeaders(app);
  const throttle = await registerRateLimits(app);
  const limits = options.rateLimits ?? DEFAULT_RATE_LIMITS;
  const adminThrottle = throttle(limits.admin);

  await app.register(compress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    // Brotli's default quality (11) costs far more CPU than the few bytes it saves here.
    brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } },
  });

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    // PostgreSQL restarting or out of reach is not a bug: the kiosk waits a little and sends again.
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      reply.header('Retry-After', String(DATABASE_RETRY_AFTER_S));
      return sendError(reply, 503, 'database_unavailable', 'the database is not answering; try again in a few seconds');
    }
    if (isTransactionConflict(error)) {
      request.log.warn({ err: error }, 'transaction ended by a conflict with another');
      reply.header('Retry-After', String(CONFLICT_RETRY_AFTER_S));
      return sendError(reply, 503, 'database_busy', 'another request was changing the same records; send this again');
    }
    const status = error.statusCode ?? 500;
    if (status === 413) return sendError(reply, 413, 'payload_too_large', `request body exceeds ${BODY_LIMIT_BYTES} bytes`);
    if (status >= 400 && status < 500) return sendError(reply, status, 'bad_request', error.message);
    request.log.error(error);
    return sendError(reply, 500, 'internal_error', 'something went wrong on the server');
  });

  // A kiosk may be served from one origin and sync with another (a library laptop as server).
  // The API authenticates with bearer tokens, never cookies, so any origin may call it. Such a
  // kiosk can read only the headers named here: Retry-After is how long a 429 or 503 says to wait.
  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/api/')) reply.header('Access-Control-Allow-Origin', '*').header('Access-Control-Expose-Headers', 'ETag, Retry-After, X-Request-Id');
  });
  app.options('/api/*', async (_request, reply) =>
    reply
      .code(204)
      .header('Access-Control-Allow-Methods', 'GET, POST, PUT')
      .header('Access-Control-Allow-Headers', 'authorization, content-type, if-none-match')
      .header('Access-Control-Max-Age', '86400')
      .send(),
  );

  changesRoutes(app, store);
  healthRoutes(app, db, store);
  metricsRoutes(app, metrics, [options.metricsToken, options.adminToken]);
  kioskRoutes(app, kiosks, loadUbigeo(), throttle(limits.enroll));
  submissionRoutes(app, kiosks, submissions, (results) => metrics.countSubmissions(results));
  usageRoutes(app, kiosks, usage);
  notesRoutes(app, kiosks, notes);
  recordingRoutes(app, kiosks, recordings, review);
  // The network's public report and open data (docs/impact-data.md): no login, cached, throttled
  // like the admin routes so a crawler cannot make the server recount every month.
  reportRoutes(app, {
    source: { rows: (fromDay, toDay) => usage.reportRows(fromDay, toDay) },
    places: loadUbigeo(),
    titles: (lang) => store.titles(lang),
    publicUrl: options.publicUrl,
    publisher: options.reportPublisher,
    throttle: throttle(limits.admin),
  });
  adminRoutes(app, { db, catalog: store, kiosks, submissions, usage, notes, recordings, signingKey: options.signingKey, ubigeo: loadUbigeo() }, { adminToken: options.adminToken, contentDir: options.contentDir, throttle: adminThrottle });
  // Editors' review of recorded guides: the same token, counted with the other admin requests.
  adminRecordingRoutes(app, review, { adminToken: options.adminToken, throttle: adminThrottle });

  const staticDir = options.staticDir && existsSync(join(options.staticDir, 'index.html')) ? options.staticDir : undefined;
  if (staticDir) {
    await app.register(fastifyStatic, {
      root: staticDir,
      wildcard: false,
      // The `.br` and `.gz` written beside each file by npm run build (precompress.ts).
      preCompressed: true,
      cacheControl: false,
      setHeaders(res, filePath) {
        // Hashed bundles never change; everything else (index.html, sw.js, manifest) must be
        // revalidated so a new version is found.
        res.header('Cache-Control', filePath.includes(`${join(staticDir, 'assets')}`) ? CACHE_CONTROL.immutable : CACHE_CONTROL.revalidate);
      },
    });
  }

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    // Deep links (/guide/dni-duplicado) are routes of the single-page app.
    if (staticDir && request.method === 'GET' && !path.startsWith('/api/') && extname(path) === '') {
      return reply.header('Cache-Control', CACHE_CONTROL.revalidate).sendFile('index.html');
    }
    return sendError(reply, 404, 'not_found', `no such resource: ${request.method} ${path}`);
  });

  return app;
}
