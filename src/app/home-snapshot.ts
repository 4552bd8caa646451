// The home screen as it was last painted, kept in localStorage so a repeat load paints it before
// the bundle has run or IndexedDB has opened (public/home-snapshot.js inserts it into #app: a
// classic script of the page's own origin, so the Content Security Policy stays 'self' with no
// inline script; only on the home address, only in the language the app will start in, the
// patron's choice for this browser session or else the kiosk's; storage unavailable or a damaged
// entry, and the app paints as it always did); the
// app's first render then takes those same elements over, because HomeScreen starts from the
// categories stored with it (Preact reuses matching DOM it finds in the container: no flicker,
// no layout shift). One snapshot per language, so a load in Quechua never shows Spanish first.
//
// What it may hold: only the home screen, taken from the app's own rendering of catalogue data
// and UI strings (Preact escapes every text). It is taken only on the home address, never with a
// dialog open, with no field value in it, and again after every language switch and session end;
// nothing a patron types or chooses, other than the language, reaches it
// (e2e/home-snapshot.spec.ts searches it after a session).
import type { Category } from '../core/content-schema';
import { LANGS, languageOf, type Lang } from '../core/lang';

const VERSION = 1;
const KEY_PREFIX = 'chaski.home.';
/** After the home screen has settled (the connection dot, the language's strings), not in the
 * middle of a first paint on a slow CPU. */
const SETTLE_MS = 1_000;

interface Snapshot {
  v: number;
  lang: Lang;
  tag: string;
  html: string;
  categories: Category[];
}

function isCategoryList(value: unknown): value is Category[] {
  return Array.isArray(value) && value.every((c) => typeof c === 'object' && c !== null && typeof (c as Category).id === 'string' && typeof (c as Category).name === 'object');
}

function read(lang: Lang): Snapshot | undefined {
  try {
    const parsed = JSON.parse(globalThis.localStorage?.getItem(KEY_PREFIX + lang) ?? 'null') as Partial<Snapshot> | null;
    if (parsed?.v !== VERSION || parsed.lang !== lang || !isCategoryList(parsed.categories)) return undefined;
    return parsed as Snapshot;
  } catch {
    return undefined;
  }
}

/** The categories the painted snapshot showed, once, for the home screen's first render, when
 * the snapshot on screen is in the language the app started in. */
export function takePaintedCategories(lang: Lang): Category[] | undefined {
  const app = globalThis.document?.getElementById('app');
  if (app?.getAttribute('data-snapshot') !== lang) return undefined;
  app.removeAttribute('data-snapshot');
  return read(lang)?.categories;
}

/** The home screen's markup as a snapshot may hold it: no dialog, no field value. */
export function snapshotMarkup(app: Element): string {
  const copy = app.cloneNode(true) as Element;
  for (const el of copy.querySelectorAll('[role="alertdialog"], [role="dialog"], dialog, .idle-overlay, [role="alert"]')) el.remove();
  for (const field of copy.querySelectorAll('input, textarea, select')) {
    field.removeAttribute('value');
    field.textContent = '';
  }
  return copy.innerHTML;
}

let pending: ReturnType<typeof setTimeout> | undefined;

/** Stores the home screen in `lang` once it has settled, if it is still the home screen then. */
export function saveHomeSnapshot(lang: Lang, categories: Category[]): void {
  clearTimeout(pending);
  pending = setTimeout(() => {
    const app = document.getElementById('app');
    if (!app || location.pathname !== '/' || location.search || !app.querySelector('.category-card')) return;
    if (document.documentElement.lang !== languageOf(lang).tag) return;
    const snapshot: Snapshot = { v: VERSION, lang, tag: languageOf(lang).tag, html: snapshotMarkup(app), categories };
    try {
      localStorage.setItem(KEY_PREFIX + lang, JSON.stringify(snapshot));
      // A language no longer offered keeps no snapshot (the app would start in another).
      for (let i = localStorage.length - 1; i >= 0; i--) {
        const key = localStorage.key(i);
        if (key?.startsWith(KEY_PREFIX) && !LANGS.includes(key.slice(KEY_PREFIX.length))) localStorage.removeItem(key);
      }
    } catch {
      // Full or unavailable: the next load paints without a snapshot, as before.
    }
  }, SETTLE_MS);
}
