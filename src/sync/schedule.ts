// When the kiosk syncs: at start, when the connection returns, when the patron or librarian
// comes back to the tab, and every few minutes while online. After a run that could not reach
// the server it tries again sooner, backing off: a connection often comes back without the
// browser saying so (the library's router is up but the line beyond it was down, or the
// browser never noticed it was gone), and waiting for the next round would leave a patron's
// submission sitting for minutes.
import { backoffDelay } from './backoff';
import type { SyncOutcome } from './sync-now';

export const SYNC_INTERVAL_MS = 5 * 60 * 1000;
/** The soonest a failed run is tried again. */
export const RETRY_MIN_MS = 5_000;

/** How long to wait before trying again after a run that did not get what waits through, or
 * undefined when nothing calls for it (the next round will do). */
export function retryDelay(outcome: unknown, failures: number, now = Date.now()): number | undefined {
  const result = outcome as Partial<SyncOutcome> | undefined;
  const push = result?.status === 'done' || result?.status === 'failed' ? result.push : undefined;
  // Submissions wait behind the push's own backoff: come back when it ends.
  if (push?.status === 'backing_off') return Math.max(RETRY_MIN_MS, new Date(push.until).getTime() - now);
  if (result?.status === 'failed' || push?.status === 'failed') return Math.max(RETRY_MIN_MS, backoffDelay(failures));
  return undefined;
}

export interface ScheduleEnv {
  window: Pick<Window, 'addEventListener' | 'removeEventListener'>;
  document: Pick<Document, 'addEventListener' | 'removeEventListener' | 'visibilityState'>;
  navigator: Pick<Navigator, 'onLine'>;
}

/** Starts syncing on the page's events; returns a function that stops it. */
/** `run` is given by the caller: the page loads the sync code on the first run, after the first
 * screen is painted (src/app/main.tsx). */
export function startSyncSchedule(run: (urgent: boolean) => Promise<unknown>, env: ScheduleEnv = globalThis as unknown as ScheduleEnv, intervalMs = SYNC_INTERVAL_MS): () => void {
  let failures = 0;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const go = async (urgent: boolean) => {
    const outcome = await run(urgent).catch(() => ({ status: 'failed' }));
    if (outcome && (outcome as { status?: string }).status === 'busy') return;
    clearTimeout(retry);
    retry = undefined;
    const wait = retryDelay(outcome, failures);
    if (wait === undefined) {
      failures = 0;
      return;
    }
    failures += 1;
    retry = setTimeout(trigger, Math.min(intervalMs, wait));
  };
  const trigger = () => {
    if (env.navigator.onLine) void go(false);
  };
  // The connection just came back: whatever waits goes now, not after its backoff.
  const onOnline = () => void go(true);
  const onVisible = () => {
    if (env.document.visibilityState === 'visible') trigger();
  };
  env.window.addEventListener('online', onOnline);
  env.document.addEventListener('visibilitychange', onVisible);
  const timer = setInterval(trigger, intervalMs);
  trigger();
  return () => {
    env.window.removeEventListener('online', onOnline);
    env.document.removeEventListener('visibilitychange', onVisible);
    clearInterval(timer);
    clearTimeout(retry);
  };
}
