// One sync at a time across tabs and the service worker (Web Locks). A routine trigger that
// finds a sync running simply skips (the running one will do the work); an urgent one (the
// connection came back, a patron pressed Send) waits its turn, because the running sync may
// have started before the thing it must deliver existed, or may be about to fail.
// Correctness does not rest on the lock (applying a page checks its cursor; the server
// deduplicates submissions); it spares the server duplicate work.
const LOCK_NAME = 'chaski-sync';

export async function withSyncLock<T>(work: () => Promise<T>, options: { wait?: boolean } = {}): Promise<T | 'busy'> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks) return work();
  if (options.wait) return locks.request(LOCK_NAME, () => work());
  return locks.request(LOCK_NAME, { ifAvailable: true }, async (lock) => (lock ? work() : 'busy'));
}
