/// <reference lib="webworker" />
// The service worker: precaches the app shell (HTML, JS, CSS, both locales, icons) so the kiosk
// opens with no connection, and answers every in-app navigation with the cached shell.
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, PrecacheController, PrecacheRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { syncNow } from '../sync/sync-now';
import { fillPrecache, type PrecacheEntry } from './precache-fill';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: PrecacheEntry[] };

// precacheAndRoute, with the download done by fillPrecache: in parallel, and resuming what a
// cut link left half-way (precache-fill.ts). Workbox's install then finds every file cached.
// (Workbox's build replaces the one mention of the manifest below with the list of files.)
const manifest = self.__WB_MANIFEST;
const precache = new PrecacheController();
precache.addToCacheList(manifest);
self.addEventListener('install', (event) => {
  event.waitUntil(fillPrecache(precache, manifest, self.registration.scope).then(() => precache.install(event)));
});
self.addEventListener('activate', (event) => void precache.activate(event));
registerRoute(new PrecacheRoute(precache));
cleanupOutdatedCaches();
// Deep links (/guia/pension-65) load the shell; the API is never answered from here.
// The network's public report (/informe, served by the server, not the app) is not a route of
// the app: a browser that once opened the kiosk must still reach it.
registerRoute(new NavigationRoute(precache.createHandlerBoundToURL('index.html'), { denylist: [/^\/api\//, /^\/informe(?:[/?]|$)/] }));

// A new version waits until the page asks for it (the patron pressed "reload"), so the app
// never changes under someone's feet; the first install takes control at once.
self.addEventListener('message', (event) => {
  const type = (event.data as { type?: string } | null)?.type;
  if (type === 'SKIP_WAITING') void self.skipWaiting();
  // A page that was loading while this worker activated missed its claim, which takes only the
  // pages already there; it asks again (src/app/sw-bridge.ts). Only this worker's own version
  // ever controls it.
  if (type === 'CLAIM' && self.registration.active === self.serviceWorker) event.waitUntil(self.clients.claim());
});
clientsClaim();

// Background Sync (Chromium): the page registers 'chaski-outbox' when a patron sends a form, so
// the outbox drains even if every tab was closed before the connection came back. Same module
// as the page; the Web Lock keeps the two from pushing at once.
self.addEventListener('sync', (event) => {
  const syncEvent = event as ExtendableEvent & { tag: string };
  if (syncEvent.tag !== 'chaski-outbox') return;
  syncEvent.waitUntil(
    syncNow({ urgent: true }).then((outcome) => {
      // Settling the event tells the browser the outbox is delivered and forgets the request;
      // rejecting keeps it, and the browser tries again later with its own backoff. So reject
      // unless the push really went through (or there is nothing this kiosk can send).
      const push = outcome.status === 'busy' ? undefined : outcome.push;
      if (!push || push.status === 'failed' || push.status === 'backing_off') {
        throw new Error(`outbox not delivered: ${push?.status ?? outcome.status}`);
      }
    }),
  );
});
