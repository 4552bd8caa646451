/// <reference lib="webworker" />
declare const self: ServiceWorkerGlobalScope;
// Downloads the precache for the install, several files at a time, skipping every file an
// earlier install that the link cut half-way already stored. Workbox's own install fetches one
// file after another (workbox-precaching 7 PrecacheController.install, since
// GoogleChrome/workbox#2562): on a 300 ms link the ~45 files the first load did not bring took
// ~15 s in a row (bench/offline-ready.ts). It does skip what is cached, so once this has filled
// the cache, its install only checks and finds it.
// What a failed install stored stays: the precache is one cache shared by every version, keyed
// by URL and revision (hashed file names, or `__WB_REVISION__`), so a retried install resumes.
import type { PrecacheController } from 'workbox-precaching';

export interface PrecacheEntry {
  url: string;
  revision: string | null;
}

/** The message's type; src/app/sw-bridge.ts spells it out (the page imports nothing from sw/). */
export const WARM_MESSAGE = 'CHASKI_PRECACHE_WARM';

/** Chromium lets a service worker have only three requests to a server in flight at once
 * (measured with Chromium 150 through test/rural-link.ts), against six for a page: on a 300 ms
 * link a precache of ~45 files is then ~15 round trips. So the open pages are asked to load the
 * hashed files (immutable: the HTTP cache keeps them) from the end of the list while the worker
 * starts from its beginning; the worker's own fetch of a file a page is loading waits for it and
 * reads it from the HTTP cache (src/app/sw-bridge.ts answers the message). */
async function askPagesToWarm(urls: string[]): Promise<void> {
  if (urls.length === 0) return;
  const pages = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  for (const page of pages) page.postMessage({ type: WARM_MESSAGE, urls: [...urls].reverse() });
}

/** Chromium opens at most six connections to one server over HTTP/1.1 and queues the rest, at
 * no cost; more workers than that keep the line busy while some of them only copy a file the
 * page already loaded from the HTTP cache. */
const PARALLEL = 12;

export async function fillPrecache(controller: PrecacheController, entries: readonly PrecacheEntry[], scope: string): Promise<{ fetched: number; kept: number }> {
  const cache = await caches.open(controller.strategy.cacheName);
  const stored = new Set((await cache.keys()).map((request) => request.url));
  const wanted = new Map<string, PrecacheEntry>();
  for (const entry of entries) {
    const url = new URL(entry.url, scope).href;
    const key = controller.getCacheKeyForURL(url);
    if (key && !stored.has(key)) wanted.set(key, { url, revision: entry.revision });
  }
  const queue = [...wanted];
  await askPagesToWarm([...wanted.values()].filter((entry) => !entry.revision).map((entry) => entry.url));
  let failure: unknown;
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [key, { url, revision }] = next;
      try {
        // As Workbox asks: a file named by its revision bypasses the HTTP cache; a hashed one
        // may come from it (the page has just loaded most of them).
        // Low priority: the page's own requests (its screens, the catalogue) go first when both wait.
        const response = await fetch(new Request(url, { cache: revision ? 'reload' : 'default', credentials: 'same-origin', priority: 'low' }));
        if (!response.ok) throw new Error(`precache: ${url} answered ${response.status}`);
        // A redirected response cannot answer a navigation: stored as a plain copy, as Workbox does.
        const copy = response.redirected ? new Response(await response.blob(), { status: response.status, statusText: response.statusText, headers: response.headers }) : response;
        await cache.put(key, copy);
      } catch (error) {
        // The others go on: whatever arrives now is not fetched again on the retry.
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  if (failure !== undefined) throw failure instanceof Error ? failure : new Error(String(failure));
  return { fetched: wanted.size, kept: entries.length - wanted.size };
}
