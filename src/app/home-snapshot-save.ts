// Takes the home screen's snapshot (home-snapshot.ts says what it is for and what it may hold):
// loaded a moment after the home screen settled, so it is no part of the first load.
import type { Category } from '../core/content-schema';
import { LANGS, type Lang, languageOf } from '../core/lang';
import { KEY_PREFIX, type Snapshot, VERSION } from './home-snapshot';

/** The home screen's markup as a snapshot may hold it: no dialog, no alert, no field value. */
export function snapshotMarkup(app: Element): string {
  const copy = app.cloneNode(true) as Element;
  for (const el of copy.querySelectorAll('[role="alertdialog"], [role="dialog"], dialog, .idle-overlay, [role="alert"]')) el.remove();
  for (const field of copy.querySelectorAll('input, textarea, select')) {
    field.removeAttribute('value');
    field.textContent = '';
  }
  return copy.innerHTML;
}

/** Stores the home screen on display, if it is the home screen in `lang`. */
export function takeSnapshot(lang: Lang, categories: Category[]): void {
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
}
