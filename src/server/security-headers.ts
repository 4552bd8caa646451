// The usual security headers on every response (@fastify/helmet), with the strict Content
// Security Policy of src/core/csp.ts: the kiosk app runs only its own scripts and styles, talks
// only to its own origin, can never be framed by another site, and sends no referrer.
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import { CSP_DIRECTIVES } from '../core/csp';

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
