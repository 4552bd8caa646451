// The usual security headers on every response (@fastify/helmet), with a strict Content Security
// Policy: the kiosk app runs only its own scripts and styles, talks only to its own origin, can
// never be framed by another site, and sends no referrer. An app built for another sync server
// (CHASKI_SERVER_URL) carries that origin in its own <meta> policy; see docs/security.md.
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

export const CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'frame-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    global: true,
    // Not the defaults: they add upgrade-insecure-requests, which would break a library server
    // reached over plain http on the local network.
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    // The API is called from kiosks served by another origin (CORS, bearer tokens): a
    // same-origin resource policy would only get in the way of the app's own files.
    crossOriginResourcePolicy: { policy: 'same-site' },
    // Over plain http browsers ignore it; over https it keeps the kiosk off http.
    strictTransportSecurity: { maxAge: 15_552_000, includeSubDomains: false },
  });
}
