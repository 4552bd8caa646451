// Kiosk entry point: language first (so the first paint is in the patron's language), then the
// app, the service worker and the sync schedule.
import { render } from 'preact';
import { sealWithKnownKey } from '../data/sealing';
import { recheckStorageIfFull, requestPersistentStorage } from '../data/storage';
import { initI18n } from '../i18n/i18n';
import { startSyncSchedule } from '../sync/schedule';
import { App } from './App';
import { registerServiceWorker } from './sw-bridge';
import './styles.css';

await initI18n();
render(<App />, document.getElementById('app')!);
// The rest starts in its own task, so the first screen paints without waiting for it (and a slow
// kiosk CPU sees two short tasks rather than one long one: bench/lighthouse.ts).
setTimeout(() => {
  registerServiceWorker();
  startSyncSchedule();
  void requestPersistentStorage();
  void recheckStorageIfFull();
  // Rows queued by an earlier version of the app, which did not seal, are sealed at once.
  void sealWithKnownKey();
}, 0);
