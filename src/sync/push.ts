// Drains the outbox to POST /api/v1/submissions in batches of at most 50. Only the server's
// answer removes an item: `accepted`/`duplicate` become receipts, `rejected` stays marked.
// A network error, 401, 429, a 503 with Retry-After or an unreadable answer keeps everything
// queued and sets a backoff (at least Retry-After when the server gave one).
// A batch the server fails on (5xx) or refuses whole (another 4xx) is split in halves, down to
// single items, so one submission the server cannot take never holds back the others: once the
// server has taken others in the same run, that one is held for the librarian with the reason
// (at once for a refusal, after a few runs for a failure). Nothing is held open (no
// transaction, no lock on data) while a request is in flight.
import { MAX_SUBMISSION_BATCH, type QueuedSubmission, type SubmissionsResponse } from '../core/protocol';
import { getKioskIdentity, getPushBackoff, recordDelivery, recordPushTime, setPushBackoff } from '../data/kiosk-identity';
import { applyPushResults, countAttempt, holdUndeliverable, waitingSubmissions } from '../data/outbox';
import { type ApiFailure, type ApiFailureKind, type ApiOptions, type SyncApi, syncApi } from './api';
import { backoffDelay } from './backoff';

export type PushOutcome =
  | { status: 'done'; sent: number; rejected: number }
  | { status: 'not_enrolled' }
  | { status: 'backing_off'; until: string }
  /** A batch the server refused whole counts as its failure once split down to single items. */
  | { status: 'failed'; code: Exclude<ApiFailureKind, 'refused'>; sent: number };

export interface PushOptions extends ApiOptions {
  /** Ignore a pending backoff: the connection just came back, or a person asked. */
  now?: boolean;
  batchSize?: number;
  clock?: () => Date;
}

/** Runs in which the server failed on one item alone (while taking others) before it is held. */
export const SERVER_FAILURES_TO_HOLD = 3;
/** Single items tried after a failing batch before the server has taken anything in this run:
 * past this many the server is more likely down than choking on each of them. */
const PROBES_BEFORE_PROOF = 3;

type FailureCode = Extract<PushOutcome, { status: 'failed' }>['code'];

type Reply =
  | { kind: 'results'; body: SubmissionsResponse }
  | { kind: 'stop'; code: FailureCode; retryAfterMs?: number }
  /** The server failed on this batch (5xx) or refused it whole (any other 4xx). */
  | { kind: 'batch_failed'; httpStatus: number };

/** What a failed push means for the run: stop and back off, or split the batch. */
export function replyTo(failure: ApiFailure): Reply {
  switch (failure.kind) {
    // A server that says when to come back is down as a whole (its database restarting), not
    // choking on this batch: splitting it would only send the same items again, one by one.
    case 'server_error':
      if (failure.retryAfterMs !== undefined) return { kind: 'stop', code: 'server_error', retryAfterMs: failure.retryAfterMs };
      return { kind: 'batch_failed', httpStatus: failure.status };
    case 'refused':
      return { kind: 'batch_failed', httpStatus: failure.status };
    case 'rate_limited':
      return { kind: 'stop', code: 'rate_limited', retryAfterMs: failure.retryAfterMs };
    default:
      return { kind: 'stop', code: failure.kind };
  }
}

async function send(api: SyncApi, token: string, batch: QueuedSubmission[]): Promise<Reply> {
  const answer = await api.submit(token, batch);
  return answer.ok ? { kind: 'results', body: answer.value } : replyTo(answer.failure);
}

export async function pushOutbox(options: PushOptions = {}): Promise<PushOutcome> {
  const api = syncApi(options);
  const clock = options.clock ?? (() => new Date());
  const identity = await getKioskIdentity();
  if (!identity) return { status: 'not_enrolled' };
  const backoff = await getPushBackoff();
  if (backoff && !options.now && new Date(backoff.nextAttemptAt) > clock()) return { status: 'backing_off', until: backoff.nextAttemptAt };

  const fullSize = options.batchSize ?? MAX_SUBMISSION_BATCH;
  let size = fullSize;
  let sent = 0;
  let rejected = 0;
  /** Whether the server answered a batch properly in this run: proof that it works. */
  let answered = false;
  /** Items the server failed on or refused alone, left out of the rest of this run. */
  const setAside = new Map<string, number>();
  for (;;) {
    const batch = (await waitingSubmissions(size + setAside.size)).filter((s) => !setAside.has(s.id)).slice(0, size);
    if (batch.length === 0) break;
    const ids = batch.map((s) => s.id);
    const reply = await send(api, identity.token, batch);
    if (reply.kind === 'stop') return fail(reply.code, ids, reply.retryAfterMs);
    if (reply.kind === 'batch_failed') {
      if (batch.length > 1) size = Math.ceil(batch.length / 2);
      else setAside.set(batch[0]!.id, reply.httpStatus);
      if (!answered && setAside.size >= PROBES_BEFORE_PROOF) return fail('server_error', [...setAside.keys()]);
      continue;
    }
    const applied = await applyPushResults(reply.body.results.filter((r) => ids.includes(r.id)), clock());
    // A batch the server answered without settling anything would loop forever: stop here.
    if (applied.sent + applied.rejected === 0) return fail('bad_response', ids);
    answered = true;
    sent += applied.sent;
    rejected += applied.rejected;
    size = fullSize;
  }
  if (setAside.size > 0) {
    const items = [...setAside].map(([id, httpStatus]) => ({ id, httpStatus }));
    // With nothing taken, the server may simply be down or behind a portal: keep all, back off.
    if (!answered) return fail('server_error', items.map((item) => item.id));
    rejected += await holdUndeliverable(items, SERVER_FAILURES_TO_HOLD);
  }
  await setPushBackoff(undefined);
  await recordPushTime(clock());
  if (sent > 0) await recordDelivery(clock());
  return { status: 'done', sent, rejected };

  async function fail(code: FailureCode, ids: string[], retryAfterMs = 0): Promise<PushOutcome> {
    const failures = backoff?.failures ?? 0;
    await countAttempt(ids);
    const wait = Math.max(retryAfterMs, backoffDelay(failures));
    await setPushBackoff({ failures: failures + 1, nextAttemptAt: new Date(clock().getTime() + wait).toISOString(), lastError: code });
    return { status: 'failed', code, sent };
  }
}
