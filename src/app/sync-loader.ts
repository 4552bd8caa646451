// The page's sync code is a chunk of its own, loaded once the first screen is painted
// (vite.config.ts, e2e/budget.spec.ts). Two things go with loading it late:
// - a fresh kiosk asks for it in the same moment as its service worker's script (main.tsx), and
//   the catalogue's first request leaves as soon as it is here, before the worker's precache;
// - Chromium keeps a failed import() for the page's life (whatwg/html#6768): a first visit whose
//   line dropped at that moment could never sync from this page again. The service worker has
//   the sync built in, so the page asks it to run instead (Background Sync, the same request a
//   sent form makes), and the page shows what it stores.
import type { SyncOutcome } from '../sync/sync-now';

type SyncCode = typeof import('../sync/sync-now');
let loading: Promise<SyncCode> | undefined;

export function loadSyncCode(): Promise<SyncCode> {
  return (loading ??= import('../sync/sync-now'));
}

/** One sync run from the page (the schedule's). */
export async function syncFromPage(urgent: boolean): Promise<SyncOutcome> {
  let code: SyncCode;
  try {
    code = await loadSyncCode();
  } catch {
    requestWorkerSync();
    return { status: 'failed', code: 'offline' };
  }
  return code.syncNow({ urgent });
}

/** Background Sync (Chromium): the service worker runs a sync when the connection allows, even
 * if the page is closed first. Registering the tag again while one waits changes nothing. */
export function requestWorkerSync(): void {
  void navigator.serviceWorker?.ready
    .then((registration) => (registration as ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }).sync?.register('chaski-outbox'))
    .catch(() => undefined);
}
