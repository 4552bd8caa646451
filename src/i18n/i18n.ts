// The UI strings, with Spanish in the first-load bundle and every other language in its own chunks,
// found by file name (locales/<code>/<file>.json, import.meta.glob): adding a language's folder
// and its registry entry (locales/languages.json) needs no code. A language is loaded at start
// when it is the kiosk's language, otherwise at the first switch; Quechua also a few seconds after
// start, for the idle countdown that speaks it whatever was chosen. A missing string is looked up
// along the language's fallback chain (quz → qu → es), so a partial language (ay) shows Spanish
// for the strings it lacks. Each language has two files: `common` (the shell, home, search, the
// session dialogs: what the first screen needs) and `screens` (guides, forms, receipts, the
// panel), loaded with the first screen that needs it; a key not in `common` is looked up in
// `screens`, so code just says t('librarian.title'). All are precached by the service worker, so
// everything works offline. A patron's choice lasts for their session (sessionStorage: a reload
// keeps it, a new browser session does not); a new session starts in the kiosk's default
// language, mirrored in localStorage for the first paint. A stored code the build does not offer
// (disabled, or unknown) starts in Spanish.
// The lookup itself is translate.ts, a few lines doing what the app used of i18next (nested keys,
// {{name}} values, _one/_other plurals, the fallback chain, two namespaces): i18next's 13 KB gzip
// were a sixth of the first load (issue 19). i18next's types still check every key at build time.
import type { Resource, TFunction } from 'i18next';
import { useEffect, useState } from 'preact/hooks';
import es from '../../locales/es/common.json';
import { DEFAULT_LANG, fallbackChain, isEnabledLang, isLang, type Lang, languageOf } from '../core/lang';
import { type BundleLoader, type Namespace, localeLoaders } from './locale-files';
import { Strings } from './translate';

const QUECHUA_PRELOAD_DELAY_MS = 5_000;

// Spanish `common` is imported above, in the first-load bundle; the rest are chunks.
const LOADERS = localeLoaders(import.meta.glob<{ default: Resource[string] }>(['../../locales/*/*.json', '!../../locales/es/common.json']) as Record<string, BundleLoader>);

const strings = new Strings(fallbackChain);
strings.add('es', 'translation', es);
let language: Lang = DEFAULT_LANG;
const listeners = new Set<() => void>();

async function addBundle(lang: Lang, ns: Namespace): Promise<void> {
  const load = LOADERS[lang]?.[ns];
  if (!load || strings.has(lang, ns)) return;
  strings.add(lang, ns, (await load()).default);
}

/** Set once a screen needing the `screens` strings was opened: from then on they come with
 * every language switched to. */
let screensWanted = false;

/** Makes sure a language's strings, and those of the languages it falls back to, are loaded
 * before it is shown (Spanish `common` always is). */
async function ensureLoaded(lang: Lang): Promise<void> {
  const chain = fallbackChain(lang);
  await Promise.all(chain.map((code) => addBundle(code, 'translation')));
  if (screensWanted) await Promise.all(chain.map((code) => addBundle(code, 'screens')));
}

/** Loads the strings of guides, forms, receipts and the panel, before such a screen renders. */
export async function loadScreenStrings(): Promise<void> {
  screensWanted = true;
  await ensureLoaded(currentLang());
}

const SESSION_KEY = 'chaski.lang';
const KIOSK_DEFAULT_KEY = 'chaski.defaultLang';

function storedLang(): Lang {
  try {
    const chosen = globalThis.sessionStorage?.getItem(SESSION_KEY);
    if (isEnabledLang(chosen)) return chosen;
    // A code this build does not offer (since disabled, or never registered): Spanish.
    const kioskDefault = globalThis.localStorage?.getItem(KIOSK_DEFAULT_KEY);
    return isEnabledLang(kioskDefault) ? kioskDefault : DEFAULT_LANG;
  } catch {
    return DEFAULT_LANG;
  }
}

/** Keeps the kiosk's default language where the first paint of the next session can read it. */
export function rememberKioskDefaultLang(lang: Lang): void {
  try {
    globalThis.localStorage?.setItem(KIOSK_DEFAULT_KEY, lang);
  } catch {
    // Full or unavailable: the next session starts in Spanish, then switches.
  }
}

export async function initI18n(): Promise<void> {
  const lang = storedLang();
  await ensureLoaded(lang);
  language = lang;
  // The idle countdown speaks Spanish and Quechua, whatever was chosen.
  if (lang !== 'qu') setTimeout(() => void ensureLoaded('qu'), QUECHUA_PRELOAD_DELAY_MS);
  applyToDocument(currentLang());
}

export function currentLang(): Lang {
  return isLang(language) ? language : DEFAULT_LANG;
}

function applyToDocument(lang: Lang) {
  if (typeof document !== 'undefined') document.documentElement.lang = languageOf(lang).tag;
}

export async function setLang(lang: Lang): Promise<void> {
  await ensureLoaded(lang);
  const changed = lang !== language;
  language = lang;
  applyToDocument(lang);
  if (changed) for (const listener of listeners) listener();
  try {
    globalThis.sessionStorage?.setItem(SESSION_KEY, lang);
  } catch {
    // Private mode or full storage: the switch still works for this visit.
  }
}

export interface I18n {
  t: TFunction;
  lang: Lang;
}

/** The translate function and current language; re-renders the caller when the language changes. */
export function useI18n(): I18n {
  const [lang, setLangState] = useState<Lang>(currentLang());
  useEffect(() => {
    const onChange = () => setLangState(currentLang());
    listeners.add(onChange);
    // A switch between this render and the effect.
    onChange();
    return () => void listeners.delete(onChange);
  }, []);
  return { t: strings.fixedT(lang) as TFunction, lang };
}

/** Loads both languages' strings now (Quechua's otherwise come a moment after the first paint),
 * for a control that must be labelled in both as soon as it is shown (session/QuickExit.tsx). */
export async function loadBothLanguages(): Promise<void> {
  await Promise.all([ensureLoaded('es'), ensureLoaded('qu')]);
}

/** Both languages at once, for messages every patron must understand whatever was chosen. */
export function bothLanguages(): Record<'es' | 'qu', TFunction> {
  return { es: strings.fixedT('es') as TFunction, qu: strings.fixedT('qu') as TFunction };
}

/** The language `key` is shown in for a patron who chose `lang`: the first of its chain whose
 * loaded strings have it (ay → es for a string Aymara lacks), for the `lang` attribute. */
export function stringLang(key: string, lang: Lang): Lang {
  return fallbackChain(lang).find((code) => strings.get(code, 'translation', key) !== undefined) ?? DEFAULT_LANG;
}
