// One sync at a time across tabs and the service worker. The lock is taken with ifAvailable:
// a second caller never waits, it simply learns a sync is already running. Correctness does
// not rest on the lock (applying a page checks the cursor it was requested with); the lock only
// spares the server duplicate work.
const LOCK_NAME = 'chaski-sync';

export async function withSyncLock<T>(work: () => Promise<T>): Promise<T | 'busy'> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks) return work();
  return locks.request(LOCK_NAME, { ifAvailable: true }, async (lock) => (lock ? work() : 'busy'));
}
