// Kiosk entry point: language first (so the first paint is in the patron's language), then the
// app, the service worker and the sync schedule.
import { render } from 'preact';
import { recheckStorageIfFull, requestPersistentStorage } from '../data/storage';
import { initI18n } from '../i18n/i18n';
import { startSyncSchedule } from '../sync/schedule';
import { App } from './App';
import { endLeftoverSession } from './session/end-session';
import { registerServiceWorker } from './sw-bridge';
import { loadSyncCode, syncFromPage } from './sync-loader';
import { configureSyncExtras } from '../sync/sync-extras';
import { startUsageCounting } from './session/usage-counting';
import './styles.css';

// Whatever the last patron left when the kiosk crashed or lost power is erased before anything
// is shown.
await endLeftoverSession(initI18n());
render(<App />, document.getElementById('app')!);
// The app's own first render is done (on a repeat load, it took the snapshot over): the moment
// bench/offline-load.ts reports beside the categories' first paint.
performance.mark('chaski:app-rendered');
startUsageCounting();
// A file or link dropped on the window would make the browser leave the app to open it.
for (const type of ['dragover', 'drop'] as const) {
  window.addEventListener(type, (event) => {
    if (!(event.target as Element | null)?.closest?.('input[type="file"]')) event.preventDefault();
  });
}
// The rest starts after it, each part in its own task, so the first screen paints without waiting
// and a slow kiosk CPU sees short tasks rather than one long one (bench/lighthouse.ts).
// Uploading the panel's recordings and fetching the guides' audio load on first use (sync-extras.ts).
configureSyncExtras({ recordings: () => import('../sync/push-recordings'), audio: () => import('../data/audio-cache') });
for (const start of [
  // The sync code (pull, push, the wire schemas and their validator: a fifth of the page's
  // JavaScript) is its own chunk, loaded after the first screen is painted (sync-loader.ts).
  // Its import gets a task to itself: asking for it inserts the bundler's two preload links,
  // which cost 30 to 50 ms at 6× CPU (bench/lighthouse.ts), a long task with anything beside it.
  // A fresh kiosk registers its service worker in the next task, beside the sync code's request,
  // not after it: on a rural link the first load is a waterfall of small requests that leaves
  // the line idle most of the time, and the worker's script and precache fill those gaps at low
  // priority (src/sw/precache-fill.ts); the catalogue's first request, which needs the sync code,
  // still leaves before the worker's precache (its script is the larger download). Waiting for
  // the sync code first cost a satellite kiosk ~0.8 s to offline-ready, waiting for the first
  // sync and 2 s more (before issue 19) about three times the link's floor
  // (bench/offline-ready.ts). An installed kiosk's update check waits for the sync code.
  () => void loadSyncCode().catch(() => undefined),
  () => void registerServiceWorker(loadSyncCode()),
  () => startSyncSchedule(syncFromPage),
  () => void requestPersistentStorage(),
  () => void recheckStorageIfFull(),
  // Rows queued by an earlier version of the app, which did not seal, are sealed at once.
  () => void loadSyncCode().then(({ sealWithKnownKey }) => sealWithKnownKey(), () => undefined),
]) {
  setTimeout(start, 0);
}
