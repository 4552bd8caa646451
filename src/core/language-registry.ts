// The languages the kiosk knows, as data (locales/languages.json, docs/languages.md): adding a
// language is a registry entry plus locales/<code>/, never code. This module holds the registry's
// schema (for content:check, the build and tests; the kiosk reads the registry without it, through
// language-chain.ts, valibot's schema being too heavy for its first load) and the questions asked of it; core/lang.ts answers them for the built-in registry, and
// tests or content:check may pass another one (a temporary copy with a test-only language).
import * as v from 'valibot';
import { LANGUAGE_CODE, SOURCE_LANG } from './language-chain';

export * from './language-chain';


const code = v.pipe(v.string(), v.regex(LANGUAGE_CODE, 'must be 2 or 3 lowercase letters (ISO 639)'));
const name = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'));

export const Language = v.strictObject({
  code,
  /** Its own name (endonym), shown in the language switch whatever the current language. */
  name,
  /** Its name in Spanish and in English (for publishers' messages in content:check). */
  nameEs: name,
  nameEn: name,
  /** BCP 47 tag for the `lang` attribute (screen readers, hyphenation). */
  tag: v.pipe(v.string(), v.regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'must be a BCP 47 tag such as es-PE')),
  /** The languages to try, in order, when a text or UI string is missing in this one. Spanish is
   * added at the end when not listed. */
  fallback: v.array(code),
  /** Shown in the language switch and the librarian's default-language setting. */
  enabled: v.boolean(),
  /** How dates and soles are written: an Intl locale the browser has data for, or `quechua`
   * (Chromium has no Intl data for qu: i18n/quechua-cldr.ts writes them by hand). */
  formats: v.union([v.literal('quechua'), v.pipe(v.string(), v.regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'must be "quechua" or an Intl locale such as es-PE'))]),
  /** `complete`: every UI string exists (locales.test.ts holds it to Spanish's keys). */
  ui: v.picklist(['complete', 'partial']),
  /** `complete`: content:check reports every catalogue text missing in it; `partial`: checks
   * the texts there are; `none`: no catalogue text yet. */
  content: v.picklist(['complete', 'partial', 'none']),
  /** Spelling and grammar rules content:check applies to its texts (core/quechua-check.ts). */
  spelling: v.optional(v.picklist(['quechua'])),
});
export type Language = v.InferOutput<typeof Language>;

export const LanguageRegistry = v.pipe(
  v.strictObject({ languages: v.pipe(v.array(Language), v.minLength(1)) }),
  v.check(({ languages }) => new Set(languages.map((l) => l.code)).size === languages.length, 'lists a language code twice'),
  v.check(({ languages }) => languages.some((l) => l.code === SOURCE_LANG && l.enabled && l.ui === 'complete' && l.content === 'complete'), `must list "${SOURCE_LANG}", enabled and complete: it is the source of every text`),
  v.check(({ languages }) => {
    const codes = new Set(languages.map((l) => l.code));
    return languages.every((l) => l.fallback.every((c) => codes.has(c) && c !== l.code));
  }, 'has a fallback to an unregistered language or to itself'),
);
export type LanguageRegistry = v.InferOutput<typeof LanguageRegistry>;

/** The registry in `json`, or an error naming the first problem. */
export function parseLanguageRegistry(json: unknown): LanguageRegistry {
  const result = v.safeParse(LanguageRegistry, json);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const where = v.getDotPath(issue);
  throw new Error(`languages registry: ${where ? `${where}: ` : ''}${issue.message}`);
}
