// The kiosk's languages, from the registry locales/languages.json (docs/languages.md). Spanish is
// the source of every text; Quechua (Runasimi) is complete; others may be partial and fall back
// along their chain. Adding a language needs no code here: it is data.
//
// The JSON is not validated here: valibot would weigh on the first-load bundle. The build
// (vite.config.ts), content:check and language-registry.test.ts validate it with the schema. In
// the kiosk build it holds only the fields the kiosk reads (code, name, tag, fallback, enabled,
// formats: vite.config.ts); the others (names for publishers, completeness, spelling) are for
// content:check and tests, which read the whole file.
import registryJson from '../../locales/languages.json';
import { chainOf, findLanguage, SOURCE_LANG, switchLanguages } from './language-chain';
import type { Language, LanguageRegistry } from './language-registry';

/** A registered language's code (es, qu, quz, ay …). */
export type Lang = string;

export const REGISTRY = registryJson as LanguageRegistry;

export const DEFAULT_LANG: Lang = SOURCE_LANG;

/** The languages a patron can choose, in the switch's order. */
export const LANGS: readonly Lang[] = switchLanguages(REGISTRY).map((l) => l.code);

/** Whether `value` is a registered language (enabled or not). */
export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && findLanguage(REGISTRY, value) !== undefined;
}

/** Whether a patron or librarian may choose `value`: registered and enabled. A stored choice
 * that is not (a language since disabled, an old value) falls back to Spanish. */
export function isEnabledLang(value: unknown): value is Lang {
  return typeof value === 'string' && LANGS.includes(value);
}

/** The languages to try, in order, for a patron who chose `lang`: its own, its registry
 * fallbacks (quz → qu), then Spanish (the source every text has). Unknown: Spanish alone. */
export function fallbackChain(lang: Lang): Lang[] {
  return chainOf(REGISTRY, lang);
}

/** The registry entry of `lang`, or Spanish's for an unknown code. */
export function languageOf(lang: Lang): Language {
  return findLanguage(REGISTRY, lang) ?? findLanguage(REGISTRY, SOURCE_LANG)!;
}

/** Quechua or one of its variants (quy, quz): counted as a Quechua session, shown the
 * Quechua-first session dialogs. */
export function isQuechua(lang: Lang): boolean {
  return fallbackChain(lang).includes('qu');
}
