// Grows by one each time recorded guides are kept in or dropped from the kiosk's audio store
// (audio-cache.ts), so a screen showing Listen buttons looks again. Its own module: the guide
// screen subscribes on the first screen, and the cache's code loads only when it is needed.
import { valueStore } from '../core/value-store';

export const audioCacheChanges = valueStore(0);
