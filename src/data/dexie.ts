// Dexie switches its debug mode on whenever the page comes from localhost, which the kiosk does
// when the library runs the server on the same machine: every table call then creates a console
// task for async stack traces, ~15 ms of a Send at 4× CPU slowdown (bench/outbox.ts). Only
// development wants that. Every module that opens a database imports Dexie from here.
import Dexie from 'dexie';

Dexie.debug = import.meta.env.DEV;

export default Dexie;

interface CacheEntry {
  subscribers: Set<unknown>;
}
type QueryCache = Record<string, { queries: Record<string, Record<string, CacheEntry[]>> }>;

/** Drops Dexie's cached live-query results that no screen watches any more. Dexie 4 (4.4.7)
 * deletes such an entry 3 s after its last watcher leaves, from the list it was added to; but a
 * write from another context (the service worker's sync, another tab) swaps that list for a copy
 * (`collectTableSubscribers`), so entries added before are never deleted: each keeps the screen
 * that last watched it (component, DOM nodes, listeners) alive for the rest of the day. Found
 * by e2e/day-at-the-kiosk.spec.ts (one entry per guide opened). Called at every session end:
 * what the next patron's screens watch is queried again, which is what a cache miss costs. */
export function dropUnwatchedQueries(): number {
  const cache = (Dexie as unknown as { cache?: QueryCache }).cache ?? {};
  let dropped = 0;
  for (const table of Object.values(cache)) {
    for (const byIndex of Object.values(table.queries)) {
      for (const entries of Object.values(byIndex)) {
        const watched = entries.filter((entry) => entry.subscribers.size > 0);
        dropped += entries.length - watched.length;
        // In place: the lists Dexie's own timers hold stay the ones in the cache.
        entries.splice(0, entries.length, ...watched);
      }
    }
  }
  return dropped;
}
