// One sync run: push what patrons sent, then pull the catalogue, under the cross-tab lock,
// recording how it went; then send the usage counts and trade the library's local notes, and fetch the
// recorded guides' audio in the background. Used by the page's schedule and the
// service worker's sync event.
import { sealWithKnownKey } from '../data/sealing';
import { StorageFullError } from '../data/storage-health';
import type { SyncErrorCode } from '../core/sync-errors';
import { recordContact, recordSyncError } from '../data/sync-state';
import { withSyncLock } from './lock';
import { PullError, type PullOptions, type PullResult, pullCatalog } from './pull';
import { type PushOutcome, pushOutbox } from './push';
import { type NotesSyncOutcome, syncNotes } from './notes-sync';
import { pushUsage, type UsagePushOutcome } from './push-usage';
import type { RecordingsPushOutcome } from './push-recordings';
import { recordingsAwaitServer } from '../data/recordings-pending';
import { syncExtras } from './sync-extras';
import { serverOrigin } from './server-origin';
import { syncRunning } from './sync-status';

/** `usage`, `notes` and `recordings`: how sending the usage counts, trading the local notes and
 * uploading the panel's recordings went, when
 * tried (after a push and a pull that went through). Kept out of `code` and of the sync error
 * the panel shows: they are no patron's concern, and they wait for the next run. */
export type SyncOutcome = { status: 'done'; pull: PullResult; push: PushOutcome; usage?: UsagePushOutcome; notes?: NotesSyncOutcome; recordings?: RecordingsPushOutcome } | { status: 'busy' } | { status: 'failed'; code: SyncErrorCode; push?: PushOutcome };

export interface SyncOptions extends PullOptions {
  /** Skip the push backoff (the connection just returned, or a person pressed the button). */
  urgent?: boolean;
  /** How long after a run the recorded guides start to download (AUDIO_FETCH_DELAY_MS). */
  audioDelayMs?: number;
}

/** The recorded guides wait this long after a run: on a slow link the first screen and what a
 * patron taps next get the connection first, and the fetcher's code is not part of first load. */
export const AUDIO_FETCH_DELAY_MS = 5000;

/** For the page, which loads this module's chunk after its first screen (src/app/main.tsx). */
export { sealWithKnownKey };

export async function syncNow(requested: SyncOptions = {}): Promise<SyncOutcome> {
  const options = { ...requested, baseUrl: requested.baseUrl ?? serverOrigin() };
  syncRunning.set(true);
  let outcome: SyncOutcome | 'busy';
  try {
    outcome = await withSyncLock(async (): Promise<SyncOutcome> => {
      // Nothing leaves in the clear once the server's key is known.
      await sealWithKnownKey();
      // Submissions first: they are what a patron is waiting on.
      const push = await pushOutbox({ baseUrl: options.baseUrl, fetch: options.fetch, now: options.urgent });
      try {
        const pull = await pullCatalog(options);
        // The server answered: whatever the browser says about the network, it is reachable.
        await recordContact('ok');
        // The pull may have brought the key: seal what waits for the next push.
        await sealWithKnownKey();
        await recordSyncError(push.status === 'failed' ? push.code : undefined);
        return { status: 'done', pull, push };
      } catch (error) {
        const code: SyncErrorCode = error instanceof PullError ? error.code : error instanceof StorageFullError ? 'storage_full' : 'unexpected';
        if (error instanceof PullError) await recordContact(code === 'offline' ? 'unreachable' : 'failing');
        await recordSyncError(code);
        return { status: 'failed', code, push };
      }
    }, { wait: options.urgent });
  } finally {
    syncRunning.set(false);
  }
  // The recordings of the catalogue pulled, after everything else and in the background: a run
  // reports as soon as the text is in, however many files are still coming (audio-cache.ts). Also
  // after a run that found another one going: that one may be a page being left, whose fetch
  // would never start.
  const loadAudio = syncExtras().audio;
  if ((outcome === 'busy' || outcome.status === 'done') && loadAudio) {
    setTimeout(() => {
      loadAudio()
        .then(({ fetchMissingAudio }) => fetchMissingAudio(options.baseUrl, { fetch: options.fetch }))
        .catch((error: unknown) => console.warn('Chaski: fetching the recorded guides failed', error));
    }, options.audioDelayMs ?? AUDIO_FETCH_DELAY_MS);
  }
  if (outcome === 'busy') return { status: 'busy' };
  // The counts last, when the submissions went through, and outside the lock: a slow answer
  // about counts never holds up the next patron's submission. Two runs sending the same days
  // at once is harmless: the server keeps each day's highest revision.
  let result: SyncOutcome = outcome;
  if (outcome.status === 'done' && outcome.push.status === 'done') {
    const api = { baseUrl: options.baseUrl, fetch: options.fetch };
    result = { ...outcome, usage: await pushUsage(api), notes: await syncNotes(api) };
    // Recordings made in the panel last of all: the biggest uploads, and no patron waits on
    // them. Their code loads only when there is one: on most kiosks nobody records.
    const loadRecordings = syncExtras().recordings;
    if (loadRecordings && (await recordingsAwaitServer())) {
      const { pushRecordings } = await loadRecordings();
      result.recordings = await pushRecordings(api);
    }
  }
  return result;
}
