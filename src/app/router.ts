// A small history-API router: the kiosk has four screens and deep links to each (the service
// worker answers any of these paths with the cached shell).
import { useEffect, useState } from 'preact/hooks';

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

const NAVIGATE_EVENT = 'chaski:navigate';

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

/** The current route, plus a counter that changes on every navigation (for focus handling). */
export function useRoute(): { route: Route; visit: number } {
  const [state, setState] = useState({ route: parseRoute(new URL(location.href)), visit: 0 });
  useEffect(() => {
    const update = () => setState((s) => ({ route: parseRoute(new URL(location.href)), visit: s.visit + 1 }));
    window.addEventListener('popstate', update);
    window.addEventListener(NAVIGATE_EVENT, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(NAVIGATE_EVENT, update);
    };
  }, []);
  return state;
}

/** Click handler for in-app links: plain left clicks navigate without a page load. */
export function onLinkClick(event: MouseEvent): void {
  const anchor = (event.target as Element | null)?.closest('a');
  if (!anchor || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const url = new URL(anchor.href, location.href);
  if (url.origin !== location.origin || anchor.target === '_blank' || url.pathname.startsWith('/api/')) return;
  event.preventDefault();
  navigate(url.pathname + url.search);
}
