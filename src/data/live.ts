// useLiveQuery for Preact: re-renders when the IndexedDB data a query read changes, in this tab
// or another (Dexie's liveQuery watches the tables and ranges the query touched).
import { liveQuery } from 'dexie';
import { useEffect, useRef, useState } from 'preact/hooks';

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
    const subscription = liveQuery(query).subscribe({
      next: (value) => setState({ loaded: true, value }),
      error: (error: unknown) => console.error('live query failed', error),
    });
    return () => subscription.unsubscribe();
  }, deps);
  return state;
}
