// Sends the kiosk's usage days (data/usage.ts) to POST /api/v1/usage, after the submissions, in
// batches of at most MAX_USAGE_DAYS. The server keeps the highest revision of each (kiosk, day),
// so a retry or a second push of the same day never counts twice. Counts are the least urgent
// thing the kiosk sends: any failure (a server without the route, no network, 401, 5xx) stops
// quietly and keeps every count for the next run. Nothing here touches the push backoff or the
// sync error the panel shows; those are about patrons' submissions.
import { MAX_USAGE_DAYS, type UsageDay } from '../core/usage';
import { getKioskIdentity } from '../data/kiosk-identity';
import { markUsageSent, usageToSend } from '../data/usage';
import { type ApiFailureKind, type ApiOptions, syncApi } from './api';

export type UsagePushOutcome =
  /** `days`: how many days the server settled (stored, already held, or rejected for good). */
  | { status: 'done'; days: number }
  | { status: 'not_enrolled' }
  /** Stopped; whatever was not settled waits for the next run. `unexpected`: a local failure. */
  | { status: 'failed'; code: ApiFailureKind | 'unexpected'; days: number };

export interface UsagePushOptions extends ApiOptions {
  batchSize?: number;
  clock?: () => Date;
}

/** Statuses with which a server refuses the batch (too many days, too big a body), rather than
 * the request itself (401, 404, 429). A day it will never take is answered alone, 'rejected'. */
const BATCH_REFUSALS = [400, 413, 422];

export async function pushUsage(options: UsagePushOptions = {}): Promise<UsagePushOutcome> {
  let settled = 0;
  try {
    const identity = await getKioskIdentity();
    if (!identity) return { status: 'not_enrolled' };
    const api = syncApi(options);
    const clock = options.clock ?? (() => new Date());
    const fullSize = Math.min(options.batchSize ?? MAX_USAGE_DAYS, MAX_USAGE_DAYS);
    /** Days dealt with in this run: settled, or left for the next run (refused alone, left out
     * of the server's answer, or counted again while their batch was on its way). */
    const seen = new Set<string>();
    /** Parts of a refused batch, sent before anything new. */
    const parts: UsageDay[][] = [];
    for (;;) {
      const batch = parts.shift() ?? (await usageToSend(fullSize + seen.size)).filter((d) => !seen.has(d.day)).slice(0, fullSize);
      if (batch.length === 0) break;
      const answer = await api.sendUsage(identity.token, batch);
      if (!answer.ok) {
        const { failure } = answer;
        if (failure.kind !== 'refused' || !BATCH_REFUSALS.includes(failure.status)) return { status: 'failed', code: failure.kind, days: settled };
        // The server refused the whole batch (too many days, too big a body: a server with lower
        // limits than this kiosk knows). Halved down to single days, so that no day it cannot
        // take holds back the others; a day refused alone waits for the next run.
        if (batch.length > 1) {
          const half = Math.ceil(batch.length / 2);
          parts.unshift(batch.slice(0, half), batch.slice(half));
        } else seen.add(batch[0]!.day);
        continue;
      }
      const results = answer.value.results.filter((r) => batch.some((d) => d.day === r.day));
      // An answer that settles nothing would loop forever.
      if (results.length === 0) return { status: 'failed', code: 'bad_response', days: settled };
      // 'stored' and 'stale' mean the server holds this revision; 'rejected', that it never will
      // (a kiosk clock far off, a day it cannot read): marked sent all the same, so the day is
      // not sent forever.
      await markUsageSent(results, clock());
      settled += results.length;
      for (const day of batch) seen.add(day.day);
    }
    return { status: 'done', days: settled };
  } catch {
    // A closed database or a full disk: the counts stay where they are.
    return { status: 'failed', code: 'unexpected', days: settled };
  }
}

