// A small history-API router: the kiosk's screens and deep links to each (the service worker
// answers any of these paths with the cached shell). Every history entry is stamped with the
// patron session it belongs to and its depth in it: an entry of an earlier session (reached
// with Back or Forward, or restored after a crash) is never shown, only home; and ending a
// session rewinds to the session's first entry, so what the last patron saw is not behind Back.
import { useEffect, useState } from 'preact/hooks';
import { sessionId } from './session/tab-session';

export type Route =
  | { name: 'home' }
  | { name: 'category'; id: string }
  | { name: 'guide'; id: string }
  | { name: 'search'; query: string }
  | { name: 'form'; id: string; guideId?: string }
  | { name: 'receipt'; id: string }
  | { name: 'kiosk' }
  | { name: 'librarian' }
  | { name: 'notFound' };

export const paths = {
  home: () => '/',
  category: (id: string) => `/tema/${encodeURIComponent(id)}`,
  guide: (id: string) => `/guia/${encodeURIComponent(id)}`,
  search: (query: string) => (query ? `/buscar?q=${encodeURIComponent(query)}` : '/buscar'),
  form: (id: string, guideId?: string) => `/formulario/${encodeURIComponent(id)}${guideId ? `?guia=${encodeURIComponent(guideId)}` : ''}`,
  receipt: (id: string) => `/recibo/${encodeURIComponent(id)}`,
  kiosk: () => '/kiosco',
  librarian: () => '/biblioteca',
};

export function parseRoute(url: URL): Route {
  const path = url.pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { name: 'home' };
  if (path === '/buscar') return { name: 'search', query: url.searchParams.get('q') ?? '' };
  if (path === '/kiosco') return { name: 'kiosk' };
  if (path === '/biblioteca') return { name: 'librarian' };
  const match = /^\/(tema|guia|formulario|recibo)\/([^/]+)$/.exec(path);
  if (match) {
    const id = decodeURIComponent(match[2]!);
    if (match[1] === 'tema') return { name: 'category', id };
    if (match[1] === 'guia') return { name: 'guide', id };
    if (match[1] === 'recibo') return { name: 'receipt', id };
    return { name: 'form', id, guideId: url.searchParams.get('guia') ?? undefined };
  }
  return { name: 'notFound' };
}

interface EntryStamp {
  session: string;
  /** How many entries of this session lie behind this one. */
  depth: number;
}

const stampOf = (state: unknown): EntryStamp | undefined => {
  const stamp = (state as { chaski?: EntryStamp } | null)?.chaski;
  return typeof stamp?.session === 'string' && Number.isInteger(stamp.depth) ? stamp : undefined;
};

let depth = 0;

/** Whether the current entry belongs to this session; if not, it becomes home, in this one.
 * A page just loaded with no stamp (a link into the app, a first visit) is adopted as it is;
 * within the page every entry the app makes is stamped, so one without a stamp is not ours. */
function checkEntry(pageLoad = false): void {
  const stamp = stampOf(history.state);
  if (stamp && stamp.session === sessionId()) {
    depth = stamp.depth;
    return;
  }
  depth = 0;
  history.replaceState({ chaski: { session: sessionId(), depth } }, '', !stamp && pageLoad ? location.href : paths.home());
}

const NAVIGATE_EVENT = 'chaski:navigate';

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (!options.replace) depth++;
  const state = { chaski: { session: sessionId(), depth } };
  if (options.replace) history.replaceState(state, '', path);
  else history.pushState(state, '', path);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

/** How many screens of this session lie behind the current one (Back would reach them). */
export function historyDepth(): number {
  return depth;
}

/** After a session ended: back to the tab's first entry of that session, which then becomes
 * home. Screens the patron opened are left as forward entries, stale, until the next patron's
 * first navigation drops them. */
export function rewindHistory(): void {
  const steps = depth;
  if (steps > 0) history.go(-steps);
  else checkEntry();
}

/** Middle clicks would open a link in a new tab: the kiosk has one. */
export function onAuxClick(event: MouseEvent): void {
  if ((event.target as Element | null)?.closest('a')) event.preventDefault();
}

/** The current route, plus a counter that changes on every navigation (for focus handling). */
export function useRoute(): { route: Route; visit: number } {
  const [state, setState] = useState(() => {
    checkEntry(true);
    return { route: parseRoute(new URL(location.href)), visit: 0 };
  });
  useEffect(() => {
    const update = () => {
      checkEntry();
      setState((s) => ({ route: parseRoute(new URL(location.href)), visit: s.visit + 1 }));
    };
    // A page brought back from the back/forward cache keeps what it showed: check it too.
    const onPageShow = (event: PageTransitionEvent) => event.persisted && update();
    window.addEventListener('popstate', update);
    window.addEventListener(NAVIGATE_EVENT, update);
    window.addEventListener('pageshow', onPageShow);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(NAVIGATE_EVENT, update);
      window.removeEventListener('pageshow', onPageShow);
    };
  }, []);
  return state;
}

/** Click handler for links: in-app links navigate without a page load; nothing ever takes the
 * kiosk off its own origin or opens another tab or window. */
export function onLinkClick(event: MouseEvent): void {
  const anchor = (event.target as Element | null)?.closest('a');
  if (!anchor || event.defaultPrevented || anchor.hasAttribute('download')) return;
  event.preventDefault();
  const url = new URL(anchor.href, location.href);
  if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
  if (url.hash && url.pathname === location.pathname && url.search === location.search) {
    // The skip link: focus moves, no history entry is made.
    document.getElementById(decodeURIComponent(url.hash.slice(1)))?.focus();
    return;
  }
  navigate(url.pathname + url.search);
}
