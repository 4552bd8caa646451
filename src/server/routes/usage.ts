// POST /api/v1/usage: a kiosk pushes its per-day usage counters (see docs/protocol.md, *Usage
// counters*). Authenticated like a push of submissions. All or nothing: a request with one day
// the server will not keep stores none, and its error lists every such day by position, so the
// kiosk can set those aside and send the rest.
import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { API_PATHS } from '../../core/protocol';
import { MAX_USAGE_DAYS, type UsageResponse } from '../../core/usage';
import { sendError } from '../http-errors';
import type { KioskStore } from '../kiosk-store';
import { readUsageDays, type UsageStore } from '../usage-store';
import { bearer } from './submissions';

const Envelope = v.object({ days: v.array(v.unknown()) });

export function usageRoutes(app: FastifyInstance, kiosks: KioskStore, usage: UsageStore) {
  app.post(API_PATHS.usage, async (request, reply) => {
    const kioskId = await kiosks.authenticate(bearer(request));
    if (!kioskId) return sendError(reply, 401, 'unauthorized', 'a valid kiosk token is required: enrol this kiosk first');
    const body = v.safeParse(Envelope, request.body);
    if (!body.success) return sendError(reply, 400, 'invalid_usage', 'the body must be { "days": [ { "day", "revision", "counts" }, ... ] }');
    const items = body.output.days;
    if (items.length > MAX_USAGE_DAYS) return sendError(reply, 400, 'too_many_days', `at most ${MAX_USAGE_DAYS} days per request`);
    const { days, refused } = readUsageDays(items, new Date());
    if (refused.length > 0) {
      // A malformed day is the client's bug (400); a well-formed day out of range is a kiosk
      // clock gone wrong (422). Either way nothing is stored.
      const malformed = refused.find((r) => r.code === 'invalid_usage');
      const first = malformed ?? refused[0]!;
      const details = { refused: refused.map(({ index, code, reason }) => ({ index, code, reason })) };
      return sendError(reply, malformed ? 400 : 422, first.code, first.reason, details);
    }
    const response: UsageResponse = { results: await usage.upsert(kioskId, days) };
    return response;
  });
}
