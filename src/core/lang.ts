// The kiosk's two languages. Spanish is the source of every text; Quechua (Runasimi) is complete.
export const LANGS = ['es', 'qu'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'es';

export function isLang(value: unknown): value is Lang {
  return value === 'es' || value === 'qu';
}

/** The languages to try, in order, for a patron who chose `lang`: its own, then Spanish (the
 * source every text has). */
export function fallbackChain(lang: Lang): Lang[] {
  return lang === DEFAULT_LANG ? [lang] : [lang, DEFAULT_LANG];
}
