// POST /api/v1/usage: a kiosk pushes its per-day usage counters (see docs/protocol.md, *Usage
// counters*). Authenticated like a push of submissions, and like it, each day is read alone:
// one the server will never take is answered `rejected` and never holds back the others.
import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { API_PATHS } from '../../core/protocol';
import { MAX_USAGE_DAYS, type UsageResponse } from '../../core/usage';
import { sendError } from '../http-errors';
import type { KioskStore } from '../kiosk-store';
import type { UsageStore } from '../usage-store';
import { bearer } from './submissions';

const Envelope = v.object({ days: v.array(v.unknown()) });

export function usageRoutes(app: FastifyInstance, kiosks: KioskStore, usage: UsageStore) {
  app.post(API_PATHS.usage, async (request, reply) => {
    const kioskId = await kiosks.authenticate(bearer(request));
    if (!kioskId) return sendError(reply, 401, 'unauthorized', 'a valid kiosk token is required: enrol this kiosk first');
    const body = v.safeParse(Envelope, request.body);
    if (!body.success) return sendError(reply, 400, 'invalid_usage', 'the body must be { "days": [ { "day", "revision", "counts" }, ... ] }');
    const { days } = body.output;
    if (days.length > MAX_USAGE_DAYS) return sendError(reply, 400, 'too_many_days', `at most ${MAX_USAGE_DAYS} days per request`);
    const response: UsageResponse = { results: await usage.receive(kioskId, days) };
    return response;
  });
}
