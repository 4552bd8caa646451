// Drains the outbox to POST /api/v1/submissions in batches of at most 50. Only the server's
// answer removes an item: `accepted`/`duplicate` become receipts, `rejected` stays marked.
// A network error, 401, 429 or an unreadable answer keeps everything queued and sets a backoff.
// A batch the server fails on (5xx) or refuses whole (another 4xx) is split in halves, down to
// single items, so one submission the server cannot take never holds back the others: once the
// server has taken others in the same run, that one is held for the librarian with the reason
// (at once for a refusal, after a few runs for a failure). Nothing is held open (no
// transaction, no lock on data) while a request is in flight.
import { MAX_SUBMISSION_BATCH, type QueuedSubmission, type SubmissionsResponse } from '../core/protocol';
import { getKioskIdentity, getPushBackoff, recordDelivery, recordPushTime, setPushBackoff } from '../data/kiosk-identity';
import { applyPushResults, countAttempt, holdUndeliverable, waitingSubmissions } from '../data/outbox';
import { backoffDelay } from './backoff';
import { serverOrigin } from './server-origin';

export type PushOutcome =
  | { status: 'done'; sent: number; rejected: number }
  | { status: 'not_enrolled' }
  | { status: 'backing_off'; until: string }
  | { status: 'failed'; code: 'offline' | 'server_error' | 'rate_limited' | 'unauthorized' | 'bad_response'; sent: number };

export interface PushOptions {
  baseUrl?: string;
  fetch?: typeof fetch;
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

type Reply =
  | { kind: 'results'; body: SubmissionsResponse }
  | { kind: 'stop'; code: Extract<PushOutcome, { status: 'failed' }>['code']; retryAfter?: string | null }
  /** The server failed on this batch (5xx) or refused it whole (any other 4xx). */
  | { kind: 'batch_failed'; httpStatus: number };

async function send(doFetch: typeof fetch, url: URL, token: string, batch: QueuedSubmission[]): Promise<Reply> {
  let response: Response;
  try {
    response = await doFetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ submissions: batch }),
      cache: 'no-store',
    });
  } catch {
    return { kind: 'stop', code: 'offline' };
  }
  if (response.status === 401) return { kind: 'stop', code: 'unauthorized' };
  if (response.status === 429) return { kind: 'stop', code: 'rate_limited', retryAfter: response.headers.get('retry-after') };
  if (response.status >= 400) return { kind: 'batch_failed', httpStatus: response.status };
  if (!response.ok) return { kind: 'stop', code: 'bad_response' };
  try {
    const body = (await response.json()) as SubmissionsResponse;
    if (!Array.isArray(body.results)) throw new Error('no results');
    return { kind: 'results', body };
  } catch {
    return { kind: 'stop', code: 'bad_response' };
  }
}

export async function pushOutbox(options: PushOptions = {}): Promise<PushOutcome> {
  const doFetch = options.fetch ?? fetch.bind(globalThis);
  const clock = options.clock ?? (() => new Date());
  const identity = await getKioskIdentity();
  if (!identity) return { status: 'not_enrolled' };
  const backoff = await getPushBackoff();
  if (backoff && !options.now && new Date(backoff.nextAttemptAt) > clock()) return { status: 'backing_off', until: backoff.nextAttemptAt };

  const url = new URL('/api/v1/submissions', options.baseUrl ?? serverOrigin());
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
    const reply = await send(doFetch, url, identity.token, batch);
    if (reply.kind === 'stop') return fail(reply.code, ids, reply.retryAfter);
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

  async function fail(code: Extract<PushOutcome, { status: 'failed' }>['code'], ids: string[], retryAfter?: string | null): Promise<PushOutcome> {
    const failures = backoff?.failures ?? 0;
    await countAttempt(ids);
    const serverWait = retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) * 1000 : 0;
    const wait = Math.max(serverWait, backoffDelay(failures));
    await setPushBackoff({ failures: failures + 1, nextAttemptAt: new Date(clock().getTime() + wait).toISOString(), lastError: code });
    return { status: 'failed', code, sent };
  }
}
