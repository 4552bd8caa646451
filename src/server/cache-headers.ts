// Cache-Control on every answer, settled in one place so a reverse proxy or CDN in front of
// several nodes may keep what is public and never keeps what belongs to one kiosk or operator.
// Routes say how long their public answers may be kept; this hook has the last word by who asked:
// an Authorization header, an admin path or an error always wins over what a route said, so a
// route that forgets (or a new one) can never leak a token's answer into a shared cache.
import type { FastifyInstance } from 'fastify';

export const CACHE_CONTROL = {
  /** Named by a hash of their bytes (the PWA's dist/assets, approved recordings): never change. */
  immutable: 'public, max-age=31536000, immutable',
  /** index.html, sw.js, the manifest: a new version of the app must be found at the next load. */
  revalidate: 'no-cache',
  /** A change-feed page: every kiosk at the same cursor gets the same bytes, so a shared cache may
   * keep it, but must ask again (by ETag) before each use: the catalogue may have moved on. */
  sharedRevalidate: 'public, no-cache',
  /** One kiosk's answer: its own browser only, and only if the route allowed that. */
  privateNoStore: 'private, no-store',
  /** Admin, errors, tokens, health: kept by nobody. */
  noStore: 'no-store',
} as const;

/** Paths whose answers are for operators, whatever the status: never kept anywhere. */
const OPERATOR_PATH = /^\/(?:admin|api\/v1\/admin|metrics)(?:[/?.]|$)/;

export interface CacheQuestion {
  path: string;
  status: number;
  authorized: boolean;
  /** What the route set, if anything. */
  routeValue?: string;
}

/** The Cache-Control an answer goes out with. */
export function cacheControlFor({ path, status, authorized, routeValue }: CacheQuestion): string {
  if (OPERATOR_PATH.test(path)) return CACHE_CONTROL.noStore;
  // A refusal or failure must not outlive its cause (a 404 for an asset a newer node has, a 503
  // while PostgreSQL restarts, a 429).
  if (status >= 400) return CACHE_CONTROL.noStore;
  if (authorized) return routeValue?.startsWith('private') ? routeValue : CACHE_CONTROL.privateNoStore;
  // A route that said nothing (health, enrolment's answer with its token) is not kept.
  return routeValue ?? CACHE_CONTROL.noStore;
}

export function registerCacheHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    const routeValue = reply.getHeader('cache-control');
    reply.header(
      'Cache-Control',
      cacheControlFor({
        path: request.url,
        status: reply.statusCode,
        authorized: request.headers.authorization !== undefined,
        routeValue: typeof routeValue === 'string' ? routeValue : undefined,
      }),
    );
    return payload;
  });
}
