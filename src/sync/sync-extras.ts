// What a sync run does after the text, when the code for it is at hand: upload the panel's
// recordings, fetch the recorded guides' audio. The page hands sync-now loaders that import that
// code on first use (app/main.tsx), keeping it out of the first screen; the service worker hands
// none, because a worker cannot load code later (no import() in a service worker) and the page's
// next run does both.
import type * as AudioCache from '../data/audio-cache';
import type * as PushRecordings from './push-recordings';

export interface SyncExtras {
  recordings?: () => Promise<Pick<typeof PushRecordings, 'pushRecordings'>>;
  audio?: () => Promise<Pick<typeof AudioCache, 'fetchMissingAudio'>>;
}

let extras: SyncExtras = {};

export function configureSyncExtras(given: SyncExtras): void {
  extras = given;
}

export function syncExtras(): SyncExtras {
  return extras;
}
