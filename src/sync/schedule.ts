// When the kiosk syncs: at start, when the connection returns, when the patron or librarian
// comes back to the tab, and every few minutes while online.
import { syncNow } from './sync-now';

export const SYNC_INTERVAL_MS = 5 * 60 * 1000;

export interface ScheduleEnv {
  window: Pick<Window, 'addEventListener' | 'removeEventListener'>;
  document: Pick<Document, 'addEventListener' | 'removeEventListener' | 'visibilityState'>;
  navigator: Pick<Navigator, 'onLine'>;
}

/** Starts syncing on the page's events; returns a function that stops it. */
export function startSyncSchedule(run: (urgent: boolean) => Promise<unknown> = (urgent) => syncNow({ urgent }), env: ScheduleEnv = globalThis as unknown as ScheduleEnv, intervalMs = SYNC_INTERVAL_MS): () => void {
  const trigger = () => {
    if (env.navigator.onLine) void run(false);
  };
  // The connection just came back: whatever waits goes now, not after its backoff.
  const onOnline = () => void run(true);
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
  };
}
