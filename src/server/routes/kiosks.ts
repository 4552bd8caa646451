// POST /api/v1/kiosks/enroll: a kiosk trades an enrolment code for its bearer token.
import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { API_PATHS, EnrollRequestSchema, type EnrollResponse } from '../../core/protocol';
import { firstIssue } from '../../core/wire-schema';
import { sendError } from '../http-errors';
import type { KioskStore } from '../kiosk-store';
import type { LimitHook } from '../rate-limits';

export function kioskRoutes(app: FastifyInstance, kiosks: KioskStore, throttle: LimitHook) {
  app.post(API_PATHS.enroll, { onRequest: throttle }, async (request, reply) => {
    const body = v.safeParse(EnrollRequestSchema, request.body ?? {});
    if (!body.success) return sendError(reply, 400, 'bad_request', firstIssue(body.issues));
    const { code, library } = body.output;
    const enrolled = await kiosks.enroll(code, library);
    if (!enrolled) return sendError(reply, 403, 'invalid_enrollment_code', 'this enrolment code is unknown, used up, expired or revoked');
    const response: EnrollResponse = { ...enrolled, library };
    return reply.code(201).send(response);
  });
}
