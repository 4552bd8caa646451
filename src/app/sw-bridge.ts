// The page's single bridge to the service worker: registers it, and when a new version has
// installed, offers "update available, reload" rather than swapping it in under a patron.
// workbox-window (2 KB gzip) comes with the registration, which waits for the first screen and
// the first sync (main.tsx): it is not first-load JavaScript.
import type { Workbox } from 'workbox-window';
import { valueStore } from '../core/value-store';

let workbox: Workbox | undefined;
/** Whether a new version has installed and waits for the patron's "Reload". */
export const updateWaiting = valueStore(false);

export async function registerServiceWorker(): Promise<void> {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  // Precached once the worker runs: a kiosk offline later never needs to fetch it.
  const { Workbox } = await import('workbox-window');
  workbox = new Workbox('/sw.js');
  workbox.addEventListener('waiting', () => updateWaiting.set(true));
  void workbox.register();
}

/** Activates the waiting version and reloads into it once it controls the page. */
export function applyUpdate(): void {
  if (!workbox) return;
  workbox.addEventListener('controlling', () => window.location.reload());
  workbox.messageSkipWaiting();
}
