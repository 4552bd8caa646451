// useLiveQuery for Preact: re-renders when the IndexedDB data a query read changes, in this tab
// or another (Dexie's liveQuery watches the tables and ranges the query touched).
import { Dexie, liveQuery } from 'dexie';
import { useEffect, useRef, useState } from 'preact/hooks';

// Dexie's liveQuery keeps every write it was told of and found irrelevant until its query runs
// again (`accumMuts`, cleared only by a re-run): a query whose data never changes, on a screen
// that stays all day (the kiosk's settings, read by the idle guard), held the keys of every row
// written, two per patron (bench/day.ts found it in a heap snapshot). So a subscription that has
// not answered for this many writes anywhere is renewed: one re-run, and the list starts again.
export const RENEW_AFTER_WRITES = 200;
let writes = 0;
const writeWatchers = new Set<() => void>();
let listening = false;

/** Calls `check` after every IndexedDB write Dexie reports (this tab's and other tabs'). */
function watchWrites(check: () => void): () => void {
  if (!listening) {
    listening = true;
    Dexie.on('storagemutated', () => {
      writes++;
      for (const watcher of writeWatchers) watcher();
    });
  }
  writeWatchers.add(check);
  return () => writeWatchers.delete(check);
}

export interface Live<T> {
  /** False until the first answer arrives, so "loading" and "not found" are told apart. */
  loaded: boolean;
  value: T | undefined;
}

/** `initial`: an answer known before IndexedDB opens (the home screen's snapshot,
 * app/home-snapshot.ts), shown as loaded until the query answers. */
export function useLiveQuery<T>(query: () => Promise<T>, deps: unknown[], initial?: () => T | undefined): Live<T> {
  const [state, setState] = useState<Live<T>>(() => {
    const value = initial?.();
    return value === undefined ? { loaded: false, value: undefined } : { loaded: true, value };
  });
  const first = useRef(true);
  useEffect(() => {
    // New deps: "loading" again until the new answer; the first answer keeps the initial one.
    if (!first.current) setState((previous) => (previous.loaded ? { loaded: false, value: previous.value } : previous));
    first.current = false;
    let answeredAt = writes;
    const subscribe = () =>
      liveQuery(query).subscribe({
        next: (value) => {
          answeredAt = writes;
          setState({ loaded: true, value });
        },
        error: (error: unknown) => console.error('live query failed', error),
      });
    let subscription = subscribe();
    let renewing: ReturnType<typeof setTimeout> | undefined;
    const stopWatching = watchWrites(() => {
      if (renewing !== undefined || writes - answeredAt < RENEW_AFTER_WRITES) return;
      // Not from inside Dexie's own event: the subscription being replaced is one of its listeners.
      renewing = setTimeout(() => {
        renewing = undefined;
        answeredAt = writes;
        subscription.unsubscribe();
        subscription = subscribe();
      }, 0);
    });
    return () => {
      stopWatching();
      clearTimeout(renewing);
      subscription.unsubscribe();
    };
  }, deps);
  return state;
}
