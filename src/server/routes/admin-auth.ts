// The admin token check every operator and editor endpoint shares (routes/admin.ts,
// routes/admin-recordings.ts, /metrics): `Authorization: Bearer <token>`, compared in constant
// time; every admin route is off when the server has no token.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from '../http-errors';

/** Whether the request carries the admin token; when not, the refusal has been sent. */
export type AdminCheck = (request: FastifyRequest, reply: FastifyReply) => boolean;

/** Whether the request's bearer token is one of `tokens`, without a timing hint of how close it came. */
export function bearerMatches(request: FastifyRequest, tokens: string[]): boolean {
  const given = Buffer.from(/^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '');
  let match = false;
  for (const token of tokens) {
    const expected = Buffer.from(token);
    // Every token is compared, so which one matched (or none) takes the same time.
    if (given.length === expected.length && timingSafeEqual(given, expected)) match = true;
  }
  return match;
}

export function adminCheck(adminToken: string | undefined): AdminCheck {
  return (request, reply) => {
    if (!adminToken) {
      void sendError(reply, 403, 'admin_disabled', 'the admin API is off: start the server with ADMIN_TOKEN set');
      return false;
    }
    if (!bearerMatches(request, [adminToken])) {
      void sendError(reply, 401, 'unauthorized', 'a valid admin token is required');
      return false;
    }
    return true;
  };
}
