// The search screen's answer, at every keystroke. Not a live query per keystroke: Dexie's
// liveQuery runs its querier in a zone whose every await costs a turn of bookkeeping, and starts
// it from a timer (after the next paint) while another zone is still echoing, which was a third
// of a keystroke on an old PC (docs/architecture.md, search). The search runs as a plain promise
// as soon as the screen has rendered; one live query for the screen's whole life watches the
// catalogue's version (the cursor and the last search index row, written by every apply that
// touches a guide), so a keystroke reads no version itself, and a new version searches again: a
// pull that lands while the results are on screen updates them. (The first search, before the
// version is known, reads it.)
import { liveQuery } from 'dexie';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Live } from './live';
import { searchCatalogue, type SearchResult } from './search';
import { catalogueVersion } from './search-index';

export type AnsweredSearch = SearchResult & { query: string };

export function useCatalogueSearch(query: string, limit: number): Live<AnsweredSearch> {
  const [state, setState] = useState<Live<AnsweredSearch>>({ loaded: false, value: undefined });
  const catalogue = useCatalogueVersion();
  const version = useRef(catalogue.version);
  version.current = catalogue.version;
  useLayoutEffect(() => {
    // The previous answer stays on screen until this one arrives (no "loading" at every key);
    // an answer to a query the patron has already typed past is dropped.
    let current = true;
    setState((previous) => (previous.loaded ? { loaded: false, value: previous.value } : previous));
    searchCatalogue(query, limit, version.current).then(
      (result) => current && setState({ loaded: true, value: { query, ...result } }),
      (error: unknown) => console.error('search failed', error),
    );
    return () => {
      current = false;
    };
  }, [query, limit, catalogue.changes]);
  return state;
}

/** The stored catalogue's version, watched (undefined until first read), and how many times it
 * changed since: its first reading is no change, and searches nothing again. */
function useCatalogueVersion(): { version: string | undefined; changes: number } {
  const [state, setState] = useState<{ version: string | undefined; changes: number }>({ version: undefined, changes: 0 });
  useEffect(() => {
    const subscription = liveQuery(catalogueVersion).subscribe({
      next: (version) => setState((previous) => (previous.version === version ? previous : { version, changes: previous.version === undefined ? 0 : previous.changes + 1 })),
      error: (error: unknown) => console.error('live query failed', error),
    });
    return () => subscription.unsubscribe();
  }, []);
  return state;
}
