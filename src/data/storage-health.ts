// Running out of space: IndexedDB refuses writes with QuotaExceededError (Dexie may wrap it as
// the `inner` of an AbortError). Writes that matter go through `guardedWrite`, which turns that
// into StorageFullError and a kiosk-wide "storage full" state the screens show, and clears the
// state as soon as a write succeeds again. Only the recorded guides' audio is dropped to make room
// (it can be fetched again); nothing else already stored is touched.
// The state is also kept in localStorage (its own small quota), so the banner is still there
// after a reload: the librarian who opens the panel later must see it too.
import { valueStore } from '../core/value-store';
import { audioCacheChanges } from './audio-changes';

const FLAG = 'chaski.storageFull';
const flagStore = (): Storage | undefined => globalThis.localStorage;
/** Whether the device refused the last write that mattered for lack of space. */
export const storageFull = valueStore(flagStore()?.getItem(FLAG) === '1');

export class StorageFullError extends Error {
  constructor() {
    super('the device has no space left for this write');
    this.name = 'StorageFullError';
  }
}

export function isQuotaError(error: unknown): boolean {
  for (let e = error as { name?: string; inner?: unknown } | undefined, depth = 0; e && depth < 4; e = e.inner as typeof e, depth++) {
    if (e.name === 'QuotaExceededError') return true;
  }
  return false;
}

function setFull(value: boolean) {
  if (storageFull.get() === value) return;
  try {
    if (value) flagStore()?.setItem(FLAG, '1');
    else flagStore()?.removeItem(FLAG);
  } catch {
    // Even localStorage is full: the banner still shows for this page's life.
  }
  storageFull.set(value);
}

/** Cache Storage of the recorded guides' bytes (data/audio-cache.ts). Named here so every
 * guarded write can free it without loading the audio code. */
export const AUDIO_CACHE = 'chaski-audio-v1';

/** Drops every cached recording: they come back from the server, unlike a patron's submission
 * or the catalogue's text, so a shortage takes them first. True when there was a cache to drop. */
export async function dropAudioCache(): Promise<boolean> {
  try {
    const storage = globalThis.caches;
    if (!storage || !(await storage.has(AUDIO_CACHE))) return false;
    // Entry by entry first: Chromium counts a deleted entry's room free at once, but a deleted
    // cache's only once nothing holds it open any more (a Cache object the page still has), so a
    // write retried straight after `caches.delete` alone could still meet a full disk.
    const cache = await storage.open(AUDIO_CACHE);
    for (const request of await cache.keys()) await cache.delete(request);
    const dropped = await storage.delete(AUDIO_CACHE);
    // A guide on screen takes its Listen buttons away.
    if (dropped) audioCacheChanges.set(audioCacheChanges.get() + 1);
    return dropped;
  } catch {
    return false;
  }
}

/** A write that matters (the catalogue, the outbox, notes): on a shortage the recordings are
 * dropped and the write tried once more; text and submissions are never dropped to make room. */
export async function guardedWrite<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await written(write);
  } catch (error) {
    if (!isQuotaError(error)) throw error;
  }
  // Once, not until it fits: a second shortage with no audio left is a full device.
  if (await dropAudioCache()) {
    try {
      return await written(write);
    } catch (error) {
      if (!isQuotaError(error)) throw error;
    }
  }
  setFull(true);
  throw new StorageFullError();
}

async function written<T>(write: () => Promise<T>): Promise<T> {
  const result = await write();
  setFull(false);
  return result;
}
