// Asks for a sync right after a patron sends a form: now if the page can, and through the
// service worker's Background Sync (Chromium) so it still happens if the page is closed first.
import { syncNow } from '../sync/sync-now';

export function requestSubmissionSync(): void {
  if (navigator.onLine) void syncNow({ urgent: true });
  void navigator.serviceWorker?.ready
    .then((registration) => (registration as ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }).sync?.register('chaski-outbox'))
    .catch(() => undefined);
}
