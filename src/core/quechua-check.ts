// Quechua's spelling and grammar rules for catalogue content and UI strings, run by `npm run
// content:check` (core/language-check.ts, for qu and its variants) and locales.test.ts. Quechua is
// written with the official three-vowel alphabet; names and official terms (RENIEC, Banco de la
// Nación …) keep their spelling, from an allow-list.

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

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Quechua suffixes written after a name never contain e or o.
const SUFFIX = "[abcdfghijklmnpqrstuvwxyzñáíú'’]*";

// content:check runs every Quechua text through every allow-listed name: each list is sorted
// once and each pattern compiled once, not per text.
const sortedNames = new WeakMap<string[], string[]>();
const namePatterns = new Map<string, RegExp>();

/** `text` with each allow-listed name, and the Quechua suffixes after it, replaced by
 * `replacement`. Longest names first, so "SIS Gratuito" goes before "SIS". `edge`: the characters
 * that may not touch a name on either side (a regex class body). */
function replaceNames(text: string, names: string[], replacement: string, edge: string): string {
  let longestFirst = sortedNames.get(names);
  if (!longestFirst) sortedNames.set(names, (longestFirst = [...names].sort((a, b) => b.length - a.length)));
  let rest = text;
  for (const name of longestFirst) {
    const key = `${edge}\u0000${name}`;
    let pattern = namePatterns.get(key);
    if (!pattern) namePatterns.set(key, (pattern = new RegExp(`(?<![${edge}])${escapeRegExp(name)}${SUFFIX}(?![${edge}])`, 'giu')));
    rest = rest.replace(pattern, replacement);
  }
  return rest;
}

/** Removes what may keep e/o: allow-listed names (with suffixes), acronyms such as ONPpa or
 * CSE, web addresses and e-mail addresses. */
function withoutAllowed(text: string, names: string[]): string {
  const rest = replaceNames(
    text.replace(/\S+@\S+/g, ' ').replace(/(?<![\p{L}])(?:https?:\/\/)?[\p{L}\d-]+(?:\.[\p{L}\d-]+)+(?:\/\S*)?/gu, ' '),
    names,
    ' ',
    '\\p{L}',
  );
  return rest.replace(/(?<![\p{L}])\p{Lu}{2,}[\p{Lu}\d]*[\p{Ll}'’]*/gu, (word) =>
    /[eoéó]/.test(word.replace(/^[\p{Lu}\d]+/u, '')) ? word : ' ',
  );
}

/** Words in a Quechua text that have e or o and are not allowed names, acronyms or addresses. */
export function wordsWithEorO(text: string, names: string[]): string[] {
  const words = withoutAllowed(text, names).split(/[^\p{L}'’]+/u);
  return [...new Set(words.filter((w) => /[eoéóëö]/i.test(w)))];
}

// Quechua numerals written as words. *huk* ("one", also "another": *huk runakuna* "other people")
// and *pusaq* ("eight", also "guide": *pusaq qillqakuna*) are left out on purpose.
const NUMERAL_WORDS = 'iskay|kimsa|tawa|pichqa|suqta|qanchis|isqun|chunka|pachak|waranqa';
const WORD = "[\\p{L}'’]+";

/** A plural -kuna right after a numeral: *9 yupay*, not *9 yupaykuna* (docs/quechua.md, "Grammar
 * checks"). A numeral is digits (with Quechua suffixes: *8kama*) or a numeral word. Numbers inside
 * an allow-listed name (*Pensión 65*), after a capitalised name (*Beca 18*) or in the genitive
 * (*Beca 18pa rakinkuna*) do not count, and *kunan* ("now") is not -kuna. */
export function numeralWithKuna(text: string, names: string[]): string[] {
  // A capitalised stand-in, so that a number right after the name still counts as named.
  const rest = replaceNames(text, names, ' Suti ', '\\p{L}\\d');
  const pattern = new RegExp(
    `(?<![\\p{L}\\d'’])((?:\\d+(?:[.,]\\d+)*[\\p{L}'’]*)|(?:${NUMERAL_WORDS}))\\s+(${WORD})`,
    'giu',
  );
  const found: string[] = [];
  for (const match of rest.matchAll(pattern)) {
    const numeral = match[1] ?? '';
    const next = match[2] ?? '';
    if (!/kuna/i.test(next) || /^kunan/i.test(next)) continue;
    // A number that names something is not a count: a genitive (*Beca 18pa rakinkuna*, "the
    // modalities of Beca 18") or a number after a capitalised name (*Beca 18 rakinkuna*).
    if (/^\d[\d.,]*pa?$/i.test(numeral)) continue;
    if (/^\d/.test(numeral) && /\p{Lu}[\p{L}'’]*\s+$/u.test(rest.slice(0, match.index))) continue;
    found.push(`${numeral} ${next}`);
  }
  return found;
}

/** Sentences where the prohibitive *ama* has no -chu after it (*ama pagaychu*, *ama
 * kunanchu*). Allowed: the set phrase *ama hina kaspa* ("please") and a negative purpose clause,
 * whose verb ends in -na(person)paq (*ama pachata usuchinaykipaq*). */
export function amaWithoutChu(text: string): string[] {
  const found: string[] = [];
  for (const sentence of text.split(/[.;:!?¿¡«»()\n]+/u)) {
    const words = sentence.split(/[^\p{L}'’]+/u).filter(Boolean);
    for (let i = 0; i < words.length; i++) {
      if (words[i]?.toLowerCase() !== 'ama') continue;
      const after = words.slice(i + 1);
      if (after[0]?.toLowerCase() === 'hina' && after[1]?.toLowerCase() === 'kaspa') continue;
      const ok = after.some((w) => /chu(?:qa|taq|ri|m|mi|s|si|pas)?$/i.test(w) || /na(?:y|yki|n|nchik|yku|ykichik|nku)?paq$/i.test(w));
      if (!ok) found.push(sentence.trim());
    }
  }
  return found;
}

/** The mechanical grammar rules of docs/quechua.md, for one Quechua text. */
export function quechuaGrammarIssues(text: string, names: string[]): string[] {
  const reasons: string[] = [];
  const numerals = numeralWithKuna(text, names);
  if (numerals.length > 0) {
    reasons.push(`plural -kuna after a numeral (write "9 yupay", not "9 yupaykuna"): ${numerals.join(', ')}`);
  }
  const amas = amaWithoutChu(text);
  if (amas.length > 0) {
    reasons.push(`"ama" with no -chu after it in the sentence (ama pagaychu; mana …-spa for "without"): ${amas.map((s) => `"${s}"`).join(', ')}`);
  }
  return reasons;
}
