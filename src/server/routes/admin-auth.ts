// The admin token check every operator and editor endpoint shares (routes/admin.ts,
// routes/admin-recordings.ts): `Authorization: Bearer <ADMIN_TOKEN>`, compared in constant time;
// every admin route is off when the server has no token.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from '../http-errors';

/** Whether the request carries the admin token; when not, the refusal has been sent. */
export type AdminCheck = (request: FastifyRequest, reply: FastifyReply) => boolean;

export function adminCheck(adminToken: string | undefined): AdminCheck {
  return (request, reply) => {
    if (!adminToken) {
      void sendError(reply, 403, 'admin_disabled', 'the admin API is off: start the server with ADMIN_TOKEN set');
      return false;
    }
    const given = Buffer.from(/^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '');
    const expected = Buffer.from(adminToken);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      void sendError(reply, 401, 'unauthorized', 'a valid admin token is required');
      return false;
    }
    return true;
  };
}
