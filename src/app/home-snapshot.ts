// The home screen as it was last painted, kept in localStorage so a repeat load paints it before
// the bundle has run or IndexedDB has opened (src/home-snapshot.js inserts it into #app: a
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
import type { Lang } from '../core/lang';

export const VERSION = 1;
export const KEY_PREFIX = 'chaski.home.';
/** After the home screen has settled (the connection dot, the language's strings), not in the
 * middle of a first paint on a slow CPU; the code that takes it loads then, out of the first load. */
const SETTLE_MS = 1_000;

export interface Snapshot {
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

let pending: ReturnType<typeof setTimeout> | undefined;

/** Stores the home screen in `lang` once it has settled, if it is still the home screen then
 * (home-snapshot-save.ts). */
export function saveHomeSnapshot(lang: Lang, categories: Category[]): void {
  clearTimeout(pending);
  pending = setTimeout(() => void import('./home-snapshot-save').then((save) => save.takeSnapshot(lang, categories)), SETTLE_MS);
}
