// The page's single bridge to the service worker: registers it, and when a new version has
// installed, offers "update available, reload" rather than swapping it in under a patron.
import { Workbox } from 'workbox-window';

type Listener = (available: boolean) => void;
let workbox: Workbox | undefined;
let updateWaiting = false;
const listeners = new Set<Listener>();

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  workbox = new Workbox('/sw.js');
  workbox.addEventListener('waiting', () => {
    updateWaiting = true;
    for (const listener of listeners) listener(true);
  });
  void workbox.register();
}

export function onUpdateAvailable(listener: Listener): () => void {
  listeners.add(listener);
  if (updateWaiting) listener(true);
  return () => listeners.delete(listener);
}

/** Activates the waiting version and reloads into it once it controls the page. */
export function applyUpdate(): void {
  if (!workbox) return;
  workbox.addEventListener('controlling', () => window.location.reload());
  workbox.messageSkipWaiting();
}
