// POST /api/v1/kiosks/enroll: a kiosk trades an enrolment code for its bearer token.
import type { FastifyInstance } from 'fastify';
import type { EnrollResponse } from '../../core/protocol';
import { sendError } from '../http-errors';
import type { KioskStore } from '../kiosk-store';

export function kioskRoutes(app: FastifyInstance, kiosks: KioskStore) {
  app.post('/api/v1/kiosks/enroll', async (request, reply) => {
    const body = (request.body ?? {}) as { code?: unknown; library?: unknown };
    const code = typeof body.code === 'string' ? body.code.trim() : '';
    const library = typeof body.library === 'string' ? body.library.trim() : '';
    if (!code || code.length > 40) return sendError(reply, 400, 'bad_request', 'code is required');
    if (!library || library.length > 120) return sendError(reply, 400, 'bad_request', 'library is required (at most 120 characters)');
    const enrolled = await kiosks.enroll(code, library);
    if (!enrolled) return sendError(reply, 403, 'invalid_enrollment_code', 'this enrolment code is unknown, used up or expired');
    const response: EnrollResponse = { ...enrolled, library };
    return reply.code(201).send(response);
  });
}
