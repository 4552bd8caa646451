// The questions asked of the language registry (language-registry.ts has its schema): which
// languages the switch shows, which to try in turn, which follow Quechua's spelling. Apart from
// the schema so the kiosk's first load carries these few lines and not the schema.
import type { Language, LanguageRegistry } from './language-registry';

/** A language code as content and locales write it: 2–3 lowercase letters (ISO 639-1 or 639-3:
 * es, qu, quz, ay). Content keys of this form are languages (content-schema.ts). */
export const LANGUAGE_CODE = /^[a-z]{2,3}$/;

/** Spanish is the source of every text (the content schema requires `es`), so it ends every
 * fallback chain and is what an unknown code falls back to. */
export const SOURCE_LANG = 'es';

export function findLanguage(registry: LanguageRegistry, lang: string): Language | undefined {
  return registry.languages.find((l) => l.code === lang);
}

/** The languages to try, in order, for a patron who chose `lang`: its own, its fallbacks, then
 * Spanish. An unknown code gets Spanish alone. */
export function chainOf(registry: LanguageRegistry, lang: string): string[] {
  const language = findLanguage(registry, lang);
  if (!language) return [SOURCE_LANG];
  return [...new Set([language.code, ...language.fallback, SOURCE_LANG])];
}

/** The languages a patron can choose, in registry order: what the switch renders. */
export function switchLanguages(registry: LanguageRegistry): Language[] {
  return registry.languages.filter((l) => l.enabled);
}

/** Whether `lang` is written with Quechua's rules: Quechua itself or one of its variants. */
export function isQuechuaFamily(registry: LanguageRegistry, lang: string): boolean {
  return findLanguage(registry, lang)?.spelling === 'quechua';
}
