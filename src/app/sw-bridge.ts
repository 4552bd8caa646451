// The page's single bridge to the service worker: registers it, and when a new version has
// installed, offers "update available, reload" rather than swapping it in under a patron.
// workbox-window (2 KB gzip) is loaded with the registration, in a chunk of its own: it
// is not first-load JavaScript. A fresh kiosk's first install is retried until it succeeds.
import type { Workbox } from 'workbox-window';
import { valueStore } from '../core/value-store';
import { yieldToMain } from '../data/yield-to-main';

let workbox: Workbox | undefined;
/** Whether a new version has installed and waits for the patron's "Reload". */
export const updateWaiting = valueStore(false);

/** `updateCheckAfter`: what the page loads first when a worker already controls it (the check
 * for a new version is not urgent); a fresh kiosk registers at once. */
export async function registerServiceWorker(updateCheckAfter: Promise<unknown>): Promise<void> {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  navigator.serviceWorker.addEventListener('message', (event) => void warmHttpCache(event));
  // A fresh kiosk registers at once, without waiting one round trip for workbox-window: its
  // first worker takes control by itself, with no "update available" to offer.
  if (!navigator.serviceWorker.controller) {
    registerFirst(RETRY_FIRST_MS);
    // The first worker claims the pages open when it activates; a page still loading then (a
    // librarian typed /kiosco during the first install) is missed and would stay without one,
    // unable to load a screen offline, until reloaded. Such a page asks the worker again (on an
    // ordinary first visit the ask meets the worker's own claim: claiming twice changes nothing).
    void navigator.serviceWorker.ready.then((registration) => {
      if (!navigator.serviceWorker.controller) registration.active?.postMessage({ type: 'CLAIM' });
    });
    // workbox-window is only for the next versions: it loads once the first one is in control,
    // out of the first load (e2e/budget.spec.ts).
    await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
  }
  await updateCheckAfter.catch(() => undefined);
  // Precached once the worker runs: a kiosk offline later never needs to fetch it.
  const { Workbox } = await import('workbox-window');
  workbox = new Workbox('/sw.js');
  workbox.addEventListener('waiting', () => updateWaiting.set(true));
  void workbox.register();
}

/** The installing worker's request (src/sw/precache-fill.ts): load its hashed files into the
 * HTTP cache with the page's six connections, where the worker gets three. Only same-origin
 * files under /assets/, only from this origin's worker. */
async function warmHttpCache(event: MessageEvent): Promise<void> {
  const data = event.data as { type?: unknown; urls?: unknown } | null;
  if (!(event.source instanceof ServiceWorker) || data?.type !== 'CHASKI_PRECACHE_WARM' || !Array.isArray(data.urls)) return;
  const targets = data.urls
    .filter((url): url is string => typeof url === 'string')
    .map((url) => new URL(url, window.location.href))
    .filter((target) => target.origin === window.location.origin && target.pathname.startsWith('/assets/'));
  // One per task: issuing a fetch costs several milliseconds at 6× CPU, and Lighthouse (which
  // traces) counts each task six times over: thirty in one task were ~250 ms of its Total
  // Blocking Time on a first visit, and four per task still made a 58–70 ms task
  // (docs/architecture.md).
  for (const [index, target] of targets.entries()) {
    if (index > 0) await yieldToMain();
    void fetch(target, { priority: 'low' }).then((response) => response.arrayBuffer()).catch(() => undefined);
  }
}

const RETRY_FIRST_MS = 5_000;
const RETRY_MAX_MS = 120_000;

/** A first install the link cut half-way leaves no worker, and the browser would not try again
 * before the next page load: a kiosk may show the same page for days. So it is tried again
 * after a while (sooner when the browser says it is back online); the new install resumes,
 * fetching only what the failed one had not stored (src/sw/precache-fill.ts). */
function registerFirst(waitMs: number): void {
  const next = Math.min(waitMs * 2, RETRY_MAX_MS);
  navigator.serviceWorker
    .register('/sw.js')
    .then((registration) => {
      const worker = registration.installing;
      worker?.addEventListener('statechange', () => {
        if (worker.state === 'redundant' && !registration.active && !registration.waiting) retryLater(waitMs, next);
      });
    })
    .catch(() => retryLater(waitMs, next));
}

function retryLater(waitMs: number, next: number): void {
  const retry = () => {
    clearTimeout(timer);
    window.removeEventListener('online', retry);
    registerFirst(next);
  };
  const timer = setTimeout(retry, waitMs);
  window.addEventListener('online', retry);
}

/** Activates the waiting version and reloads into it once it controls the page. */
export function applyUpdate(): void {
  if (!workbox) return;
  workbox.addEventListener('controlling', () => window.location.reload());
  workbox.messageSkipWaiting();
}
