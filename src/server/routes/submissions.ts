// POST /api/v1/submissions: a kiosk pushes a batch of queued submissions (see docs/protocol.md).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as v from 'valibot';
import { API_PATHS, MAX_SUBMISSION_BATCH, type SubmissionResult, SubmissionsRequestSchema, type SubmissionsResponse } from '../../core/protocol';
import { sendError } from '../http-errors';
import type { KioskStore } from '../kiosk-store';
import type { SubmissionStore } from '../submission-store';

export function bearer(request: FastifyRequest): string {
  return /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
}

/** `settled` hears every batch's results (for /metrics). */
export function submissionRoutes(app: FastifyInstance, kiosks: KioskStore, submissions: SubmissionStore, settled: (results: SubmissionResult[]) => void = () => undefined) {
  app.post(API_PATHS.submissions, async (request, reply) => {
    const kioskId = await kiosks.authenticate(bearer(request));
    if (!kioskId) return sendError(reply, 401, 'unauthorized', 'a valid kiosk token is required: enrol this kiosk first');
    const body = v.safeParse(SubmissionsRequestSchema, request.body);
    if (!body.success) return sendError(reply, 400, 'bad_request', 'the body must be { "submissions": [ ... ] }');
    const { submissions: items } = body.output;
    if (items.length > MAX_SUBMISSION_BATCH) {
      return sendError(reply, 400, 'too_many_submissions', `at most ${MAX_SUBMISSION_BATCH} submissions per request`);
    }
    const response: SubmissionsResponse = { results: await submissions.receive(kioskId, items) };
    settled(response.results);
    return response;
  });
}
