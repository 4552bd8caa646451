// Language rules for catalogue content, run by `npm run content:check`. Quechua is a first-class
// language: every text a patron can read must exist in Quechua, must not be a copy of the
// Spanish, and must be written with the official three-vowel alphabet. Names and official terms
// (RENIEC, Banco de la Nación …) keep their spelling; they come from an allow-list.

export interface LanguageIssue {
  field: string;
  reason: string;
}

export interface QuechuaAllowList {
  /** Names, official terms and loanwords that may keep e/o inside a Quechua text. Each also
   * matches with Quechua suffixes after it (RENIEC → RENIECpa). */
  names: string[];
  /** Texts that may be the same in both languages (a programme name used as a title); they
   * count as names too. */
  same: string[];
}

interface TextPair {
  field: string;
  es: string;
  qu?: string;
}

/** Every `{ es, qu? }` pair inside a record, with its path. Keywords are search aids, not
 * text a patron reads, and Quechua speakers type Spanish words there too: they are left out. */
export function localizedTexts(value: unknown, path = ''): TextPair[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => localizedTexts(item, path ? `${path}.${i}` : String(i)));
  if (!value || typeof value !== 'object') return [];
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object);
  // A dated step or requirement (`until`, content-schema DatedText) is text a patron reads too.
  if (typeof object.es === 'string' && keys.every((k) => k === 'es' || k === 'qu' || k === 'until')) {
    return [{ field: path, es: object.es, qu: typeof object.qu === 'string' ? object.qu : undefined }];
  }
  return keys
    .filter((key) => key !== 'keywords')
    .flatMap((key) => localizedTexts(object[key], path ? `${path}.${key}` : key));
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Quechua suffixes written after a name never contain e or o.
const SUFFIX = "[abcdfghijklmnpqrstuvwxyzñáíú'’]*";

/** Removes what may keep e/o: allow-listed names (with suffixes), acronyms such as ONPpa or
 * CSE, web addresses and e-mail addresses. */
function withoutAllowed(text: string, names: string[]): string {
  let rest = text
    .replace(/\S+@\S+/g, ' ')
    .replace(/(?<![\p{L}])(?:https?:\/\/)?[\p{L}\d-]+(?:\.[\p{L}\d-]+)+(?:\/\S*)?/gu, ' ');
  // Longest names first, so "SIS Gratuito" goes before the acronym rule sees "SIS".
  for (const name of [...names].sort((a, b) => b.length - a.length)) {
    rest = rest.replace(new RegExp(`(?<![\\p{L}])${escapeRegExp(name)}${SUFFIX}(?![\\p{L}])`, 'giu'), ' ');
  }
  return rest.replace(/(?<![\p{L}])\p{Lu}{2,}[\p{Lu}\d]*[\p{Ll}'’]*/gu, (word) =>
    /[eoéó]/.test(word.replace(/^[\p{Lu}\d]+/u, '')) ? word : ' ',
  );
}

/** Words in a Quechua text that have e or o and are not allowed names, acronyms or addresses. */
export function wordsWithEorO(text: string, names: string[]): string[] {
  const words = withoutAllowed(text, names).split(/[^\p{L}'’]+/u);
  return [...new Set(words.filter((w) => /[eoéóëö]/i.test(w)))];
}

export function checkQuechua(record: unknown, allow: QuechuaAllowList): LanguageIssue[] {
  const issues: LanguageIssue[] = [];
  const same = new Set(allow.same.map((s) => s.trim().toLowerCase()));
  for (const { field, es, qu } of localizedTexts(record)) {
    if (qu === undefined) {
      issues.push({ field, reason: 'has no Quechua (qu) text' });
      continue;
    }
    if (qu.trim().toLowerCase() === es.trim().toLowerCase() && !same.has(qu.trim().toLowerCase())) {
      issues.push({ field, reason: `Quechua text is the same as the Spanish one ("${qu}")` });
      continue;
    }
    const words = wordsWithEorO(qu, [...allow.names, ...allow.same]);
    if (words.length > 0) {
      issues.push({ field, reason: `Quechua words with e or o that are not allow-listed names or loanwords: ${words.join(', ')}` });
    }
  }
  return issues;
}
