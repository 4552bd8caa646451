// Language rules for catalogue content over every registered language (locales/languages.json),
// run by `npm run content:check`: a language marked `content: complete` must have every text a
// patron reads; any language's text must not be a copy of the Spanish; Quechua and its variants
// (`spelling: quechua`) follow core/quechua-check.ts's alphabet and grammar rules; and a text
// under a code the registry does not list is refused (the schema lets kiosks accept such codes,
// content-schema.ts, so the publisher's check is where a typo like `qy:` is caught).
import { LANGUAGE_CODE, type LanguageRegistry, SOURCE_LANG } from './language-registry';
import { type LanguageIssue, quechuaGrammarIssues, type QuechuaAllowList, wordsWithEorO } from './quechua-check';

interface LanguageTexts {
  field: string;
  /** The text in each language it has, Spanish included. */
  texts: Record<string, string>;
}

/** Every text object (`{ es, qu?, quz? … }`, or a dated one with `until`) inside a record, with
 * its path. Keywords are search aids, not text a patron reads: they are left out. */
export function languageTexts(value: unknown, path = ''): LanguageTexts[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => languageTexts(item, path ? `${path}.${i}` : String(i)));
  if (!value || typeof value !== 'object') return [];
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object);
  if (typeof object.es === 'string' && keys.every((k) => k === 'until' || LANGUAGE_CODE.test(k))) {
    const texts = Object.fromEntries(keys.filter((k) => k !== 'until' && typeof object[k] === 'string').map((k) => [k, object[k] as string]));
    return [{ field: path, texts }];
  }
  return keys.filter((key) => key !== 'keywords').flatMap((key) => languageTexts(object[key], path ? `${path}.${key}` : key));
}

// One list per allow-list, so quechua-check's sorted names and compiled patterns are kept across
// records (content:check runs every Quechua text through every allow-listed name).
const namesOf = new WeakMap<QuechuaAllowList, string[]>();
function names(allow: QuechuaAllowList): string[] {
  let list = namesOf.get(allow);
  if (!list) namesOf.set(allow, (list = [...allow.names, ...allow.same]));
  return list;
}

export function checkLanguages(record: unknown, registry: LanguageRegistry, allow: QuechuaAllowList): LanguageIssue[] {
  const issues: LanguageIssue[] = [];
  const same = new Set(allow.same.map((s) => s.trim().toLowerCase()));
  const allowed = names(allow);
  const registered = new Set(registry.languages.map((l) => l.code));
  for (const { field, texts } of languageTexts(record)) {
    for (const code of Object.keys(texts)) {
      if (!registered.has(code)) issues.push({ field, reason: `"${code}" is not a language of locales/languages.json (a typo, or register it first: docs/languages.md)` });
    }
    const es = texts[SOURCE_LANG]!;
    for (const language of registry.languages) {
      if (language.code === SOURCE_LANG) continue;
      const text = texts[language.code];
      if (text === undefined) {
        if (language.content === 'complete') issues.push({ field, reason: `has no ${language.nameEn} (${language.code}) text` });
        continue;
      }
      if (text.trim().toLowerCase() === es.trim().toLowerCase() && !same.has(text.trim().toLowerCase())) {
        issues.push({ field, reason: `${language.nameEn} text is the same as the Spanish one ("${text}")` });
        continue;
      }
      if (language.spelling !== 'quechua') continue;
      const words = wordsWithEorO(text, allowed);
      if (words.length > 0) issues.push({ field, reason: `${language.nameEn} words with e or o that are not allow-listed names or loanwords: ${words.join(', ')}` });
      for (const reason of quechuaGrammarIssues(text, allowed)) issues.push({ field, reason });
    }
  }
  return issues;
}
