// Asks for a sync right after a patron sends a form: now if the page can, and through the
// service worker's Background Sync (Chromium) so it still happens if the page is closed first.
import { requestWorkerSync, syncFromPage } from './sync-loader';

export function requestSubmissionSync(): void {
  if (navigator.onLine) void syncFromPage(true);
  requestWorkerSync();
}
