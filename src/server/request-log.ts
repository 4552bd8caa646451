// The server's log: JSON lines from Fastify's pino, one per request, each with the request id a
// reverse proxy gave (X-Request-Id) or a new one, echoed back so a kiosk's failure can be found
// in the log. A patron's answers travel in bodies and tokens in headers: neither body nor header
// is ever logged, the path is logged without its query string, and the database's messages lose
// the values they quote.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';

/** What a reverse proxy's id looks like (a uuid, nginx's $request_id, a trace id): anything else
 * (long, or with spaces and quotes to forge log lines) is replaced by a fresh uuid. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export function requestId(header: string | string[] | undefined): string {
  return typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
}

/** An error as the log shows it: what, where, no data. A SQLSTATE error (PostgreSQL, PGlite)
 * may quote the value it choked on, which may be a patron's answer. */
function errorLine(error: Error & { code?: unknown }) {
  const sqlState = typeof error.code === 'string' && /^[0-9A-Z]{5}$/.test(error.code);
  const scrub = (text: string | undefined) => (sqlState && text ? text.replace(/"[^"]*"/g, '"…"') : (text ?? ''));
  return { type: error.name, code: error.code, message: scrub(error.message), stack: scrub(error.stack) };
}

/** Fastify's logger settings for `level`; headers are redacted in case a plugin logs a request. */
export function logOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization'], censor: '[redacted]' },
    serializers: {
      req: (request: { method?: string; url?: string }) => ({ method: request.method, path: request.url?.split('?')[0] }),
      res: (reply: { statusCode?: number }) => ({ status: reply.statusCode }),
      err: errorLine,
    },
  };
}

/** Fastify's two lines per request (incoming, completed, each with the full URL) become one,
 * written when the answer has gone, with the route template, path, status and time. */
export function registerRequestLog(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    reply.header('X-Request-Id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    const status = reply.statusCode;
    const line = { method: request.method, route: request.routeOptions.url ?? null, path: request.url.split('?')[0], status, ms: Math.round(reply.elapsedTime) };
    // A 503 is the database away (or a proxy's doing), already logged once as a warning.
    if (status >= 500 && status !== 503) request.log.error(line, 'request failed');
    else if (status === 503) request.log.warn(line, 'request');
    else request.log.info(line, 'request');
  });
}
