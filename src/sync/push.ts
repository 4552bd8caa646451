// Drains the outbox to POST /api/v1/submissions in batches of at most 50. Only the server's
// answer removes an item: `accepted`/`duplicate` become receipts, `rejected` stays marked.
// Network errors, 5xx and 429 keep everything queued and set a backoff. Nothing is held open
// (no transaction, no lock on data) while a request is in flight.
import { MAX_SUBMISSION_BATCH, type SubmissionsResponse } from '../core/protocol';
import { getKioskIdentity, getPushBackoff, recordPushTime, setPushBackoff } from '../data/kiosk-identity';
import { applyPushResults, countAttempt, waitingSubmissions } from '../data/outbox';
import { backoffDelay } from './backoff';

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

export async function pushOutbox(options: PushOptions = {}): Promise<PushOutcome> {
  const doFetch = options.fetch ?? fetch.bind(globalThis);
  const clock = options.clock ?? (() => new Date());
  const identity = await getKioskIdentity();
  if (!identity) return { status: 'not_enrolled' };
  const backoff = await getPushBackoff();
  if (backoff && !options.now && new Date(backoff.nextAttemptAt) > clock()) return { status: 'backing_off', until: backoff.nextAttemptAt };

  const url = new URL('/api/v1/submissions', options.baseUrl ?? globalThis.location.origin);
  let sent = 0;
  let rejected = 0;
  for (;;) {
    const batch = await waitingSubmissions(options.batchSize ?? MAX_SUBMISSION_BATCH);
    if (batch.length === 0) break;
    const ids = batch.map((s) => s.id);
    let response: Response;
    try {
      response = await doFetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${identity.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ submissions: batch }),
        cache: 'no-store',
      });
    } catch {
      return fail('offline', ids, backoff?.failures ?? 0, sent);
    }
    if (response.status === 401) return fail('unauthorized', ids, backoff?.failures ?? 0, sent);
    if (response.status === 429) return fail('rate_limited', ids, backoff?.failures ?? 0, sent, response.headers.get('retry-after'));
    if (!response.ok) return fail('server_error', ids, backoff?.failures ?? 0, sent);
    let body: SubmissionsResponse;
    try {
      body = (await response.json()) as SubmissionsResponse;
      if (!Array.isArray(body.results)) throw new Error('no results');
    } catch {
      return fail('bad_response', ids, backoff?.failures ?? 0, sent);
    }
    const applied = await applyPushResults(body.results.filter((r) => ids.includes(r.id)), clock());
    sent += applied.sent;
    rejected += applied.rejected;
    // A batch the server answered without settling anything would loop forever: stop here.
    if (applied.sent + applied.rejected === 0) return fail('bad_response', ids, backoff?.failures ?? 0, sent);
  }
  await setPushBackoff(undefined);
  await recordPushTime(clock());
  return { status: 'done', sent, rejected };

  async function fail(code: Extract<PushOutcome, { status: 'failed' }>['code'], ids: string[], failures: number, sentSoFar: number, retryAfter?: string | null): Promise<PushOutcome> {
    await countAttempt(ids);
    const serverWait = retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) * 1000 : 0;
    const wait = Math.max(serverWait, backoffDelay(failures));
    await setPushBackoff({ failures: failures + 1, nextAttemptAt: new Date(clock().getTime() + wait).toISOString(), lastError: code });
    return { status: 'failed', code, sent: sentSoFar };
  }
}
