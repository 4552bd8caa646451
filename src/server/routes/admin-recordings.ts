// The editors' review of recorded guides (docs/protocol.md "Recorded guides"): the admin API,
// behind the admin token and throttle of routes/admin.ts, and the small page at
// /admin/recordings that calls it from a browser.
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { API_PATHS } from '../../core/protocol';
import { CSP_DIRECTIVES } from '../../core/csp';
import { firstIssue, isSafeText } from '../../core/wire-schema';
import { sendError } from '../http-errors';
import type { LimitHook } from '../rate-limits';
import { REVIEW_STATUSES, type RecordingReview } from '../recording-review';
import { adminCheck } from './admin-auth';

export const REVIEW_PAGE_PATHS = { page: '/admin/recordings', script: '/admin/recordings.js', style: '/admin/recordings.css' } as const;

const ListQuery = v.object({ status: v.optional(v.picklist(REVIEW_STATUSES, 'status must be pending, approved or rejected'), 'pending') });
const RejectBody = v.object({ reason: v.pipe(v.string('reason is required'), v.trim(), v.minLength(1, 'reason is required'), v.maxLength(300, 'reason must be at most 300 characters'), v.check(isSafeText, 'reason must not contain control characters or broken characters')) });

const pageFile = (name: string) => readFileSync(new URL(`../admin-page/${name}`, import.meta.url), 'utf8');
const PAGE = pageFile('recordings.html');
const SCRIPT = pageFile('recordings.js');
const STYLE = pageFile('recordings.css');
/** The server's policy, and the one thing the page needs more: to play what it fetched with the
 * token as a blob: URL (an <audio src> cannot send an Authorization header). */
const PAGE_CSP = Object.entries({ ...CSP_DIRECTIVES, 'media-src': ["'self'", 'blob:'] }).map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');

export function adminRecordingRoutes(app: FastifyInstance, review: RecordingReview, options: { adminToken?: string; throttle: LimitHook }) {
  const authorised = adminCheck(options.adminToken);
  const route = { onRequest: options.throttle };

  app.get(API_PATHS.adminRecordings, route, async (request, reply) => {
    if (!authorised(request, reply)) return reply;
    const query = v.safeParse(ListQuery, request.query ?? {});
    if (!query.success) return sendError(reply, 400, 'bad_request', firstIssue(query.issues));
    reply.header('Cache-Control', 'no-store');
    return { recordings: await review.list(query.output.status) };
  });

  app.get<{ Params: { id: string } }>(API_PATHS.adminRecordingAudio, route, async (request, reply) => {
    if (!authorised(request, reply)) return reply;
    const audio = await review.audio(request.params.id);
    if (!audio) return sendError(reply, 404, 'not_found', 'no whole recording has this id');
    return reply.header('Cache-Control', 'no-store').type(audio.type).send(audio.bytes);
  });

  app.post<{ Params: { id: string } }>(API_PATHS.adminRecordingApprove, route, async (request, reply) => {
    if (!authorised(request, reply)) return reply;
    const outcome = await review.approve(request.params.id);
    if (!outcome.ok && outcome.why === 'guide_gone') return sendError(reply, 404, 'not_found', 'the guide of this recording is no longer published');
    if (!outcome.ok) return sendError(reply, 404, 'not_found', 'no whole recording has this id');
    return { id: request.params.id, status: 'approved', record: outcome.record };
  });

  app.post<{ Params: { id: string } }>(API_PATHS.adminRecordingReject, route, async (request, reply) => {
    if (!authorised(request, reply)) return reply;
    const body = v.safeParse(RejectBody, request.body ?? {});
    if (!body.success) return sendError(reply, 400, 'bad_request', firstIssue(body.issues));
    if (!(await review.reject(request.params.id, body.output.reason))) return sendError(reply, 404, 'not_found', 'no pending recording has this id');
    return { id: request.params.id, status: 'rejected', reason: body.output.reason };
  });

  // The page holds nothing secret: the token is asked in the page and sent by its script.
  app.get(REVIEW_PAGE_PATHS.page, route, async (_request, reply) =>
    reply.header('Content-Security-Policy', PAGE_CSP).header('Cache-Control', 'no-cache').type('text/html; charset=utf-8').send(PAGE));
  app.get(REVIEW_PAGE_PATHS.script, route, async (_request, reply) => reply.header('Cache-Control', 'no-cache').type('text/javascript; charset=utf-8').send(SCRIPT));
  app.get(REVIEW_PAGE_PATHS.style, route, async (_request, reply) => reply.header('Cache-Control', 'no-cache').type('text/css; charset=utf-8').send(STYLE));
}
