// POST /api/v1/kiosks/enroll: a kiosk trades an enrolment code for its bearer token, and names
// its library's district (an INEI ubigeo) for the network's report.
import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { API_PATHS, EnrollRequestSchema, type EnrollResponse } from '../../core/protocol';
import { describeUbigeo, type UbigeoData } from '../../core/ubigeo';
import { firstIssue } from '../../core/wire-schema';
import { sendError } from '../http-errors';
import type { KioskStore } from '../kiosk-store';
import type { LimitHook } from '../rate-limits';

export const unknownDistrictMessage = (district: string) => `district ${district} is not a district in INEI's ubigeo list`;

export function kioskRoutes(app: FastifyInstance, kiosks: KioskStore, ubigeo: UbigeoData, throttle: LimitHook) {
  app.post(API_PATHS.enroll, { onRequest: throttle }, async (request, reply) => {
    const body = v.safeParse(EnrollRequestSchema, request.body ?? {});
    if (!body.success) return sendError(reply, 400, 'bad_request', firstIssue(body.issues));
    const { code, library, district } = body.output;
    // Checked before the code is spent: a mistyped district must not use up a one-use code.
    if (district !== undefined && !describeUbigeo(ubigeo, district)) return sendError(reply, 422, 'unknown_district', unknownDistrictMessage(district));
    const enrolled = await kiosks.enroll(code, library, district);
    if (!enrolled) return sendError(reply, 403, 'invalid_enrollment_code', 'this enrolment code is unknown, used up, expired or revoked');
    const response: EnrollResponse = { ...enrolled, library };
    return reply.code(201).send(response);
  });
}
