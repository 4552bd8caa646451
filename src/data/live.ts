// useLiveQuery for Preact: re-renders when the IndexedDB data a query read changes, in this tab
// or another (Dexie's liveQuery watches the tables and ranges the query touched).
import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

export interface Live<T> {
  /** False until the first answer arrives, so "loading" and "not found" are told apart. */
  loaded: boolean;
  value: T | undefined;
}

export function useLiveQuery<T>(query: () => Promise<T>, deps: unknown[]): Live<T> {
  const [state, setState] = useState<Live<T>>({ loaded: false, value: undefined });
  useEffect(() => {
    setState((previous) => (previous.loaded ? { loaded: false, value: previous.value } : previous));
    const subscription = liveQuery(query).subscribe({
      next: (value) => setState({ loaded: true, value }),
      error: (error: unknown) => console.error('live query failed', error),
    });
    return () => subscription.unsubscribe();
  }, deps);
  return state;
}
