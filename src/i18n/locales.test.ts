import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import allowYaml from '../../content/quechua-allow.yaml?raw';
import { quechuaGrammarIssues, wordsWithEorO } from '../core/quechua-check';
import esCommon from '../../locales/es/common.json';
import esScreens from '../../locales/es/screens.json';
import quCommon from '../../locales/qu/common.json';
import quScreens from '../../locales/qu/screens.json';
import registryJson from '../../locales/languages.json';
import { parseLanguageRegistry } from '../core/language-registry';

// One namespace for the first screen, one for the rest (src/i18n/i18n.ts): a key lives in one.
const es = { ...esCommon, ...esScreens };
const qu = { ...quCommon, ...quScreens };

function leaves(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof inner === 'string') out.set(path, inner);
    else for (const [k, v] of leaves(inner, path)) out.set(k, v);
  }
  return out;
}

// Names and words that are the same in both languages by design.
const SAME_IN_BOTH = new Set(['app.name', 'lang.es', 'lang.qu']);
// Names and official terms allowed to keep e/o inside Quechua strings: the same allow-list as
// the catalogue's (content/quechua-allow.yaml, see docs/quechua.md), with the same rule.
const allowList = parse(allowYaml) as { names: string[]; same?: string[] };
const NAMES = [...allowList.names, ...(allowList.same ?? [])];

describe('UI strings', () => {
  it('keeps each group of strings in one file, the same one in both languages', () => {
    expect(Object.keys(esCommon).filter((key) => key in esScreens)).toEqual([]);
    expect(Object.keys(quCommon).sort()).toEqual(Object.keys(esCommon).sort());
    expect(Object.keys(quScreens).sort()).toEqual(Object.keys(esScreens).sort());
  });

  const esLeaves = leaves(es);
  const quLeaves = leaves(qu);

  it('has every Spanish string in Quechua, and nothing else', () => {
    expect([...quLeaves.keys()].sort()).toEqual([...esLeaves.keys()].sort());
  });

  it('has no Quechua string left in Spanish', () => {
    const same = [...esLeaves].filter(([key, text]) => !SAME_IN_BOTH.has(key) && quLeaves.get(key) === text);
    expect(same).toEqual([]);
  });

  it('writes Quechua with the three-vowel alphabet', () => {
    const withEorO = [...quLeaves]
      .filter(([key]) => !SAME_IN_BOTH.has(key))
      .map(([key, text]) => [key, wordsWithEorO(text.replace(/\{\{[^}]+\}\}/g, ' '), NAMES)] as const)
      .filter(([, words]) => words.length > 0);
    expect(withEorO).toEqual([]);
  });

  it('follows the mechanical grammar rules of the catalogue (numeral + -kuna, ama without -chu)', () => {
    // {{count}} stands for a number (the _other plural forms); other placeholders are names.
    const issues = [...quLeaves]
      .map(([key, text]) => [key, quechuaGrammarIssues(text.replace(/\{\{count\}\}/g, '2').replace(/\{\{[^}]+\}\}/g, ' '), NAMES)] as const)
      .filter(([, reasons]) => reasons.length > 0);
    expect(issues).toEqual([]);
  });

  it('keeps the same placeholders in both languages', () => {
    const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [key, text] of esLeaves) expect(vars(quLeaves.get(key) ?? ''), key).toEqual(vars(text));
  });
});

// Every language's folder, found as the app finds it (i18n.ts): a new one is checked unasked.
const FILES = import.meta.glob<Record<string, unknown>>('../../locales/*/*.json', { eager: true, import: 'default' });
const registry = parseLanguageRegistry(registryJson);
const spanishStrings = leaves(es);

function stringsOf(code: string): { files: string[]; strings: Map<string, string> } {
  const files = Object.keys(FILES).filter((path) => path.includes(`/locales/${code}/`));
  const strings = new Map<string, string>();
  for (const path of files) for (const [key, text] of leaves(FILES[path])) strings.set(key, text);
  return { files: files.map((path) => path.split('/').pop()!).sort(), strings };
}

describe('UI strings of every registered language', () => {
  it('has a folder only for registered languages, and one for each complete one', () => {
    const folders = new Set(Object.keys(FILES).map((path) => /\/locales\/([^/]+)\//.exec(path)![1]!));
    expect([...folders].filter((code) => !registry.languages.some((l) => l.code === code))).toEqual([]);
    for (const language of registry.languages.filter((l) => l.ui === 'complete')) expect(stringsOf(language.code).files, language.code).toEqual(['common.json', 'screens.json']);
  });

  for (const language of registry.languages.filter((l) => l.code !== 'es')) {
    const { strings } = stringsOf(language.code);
    it(`${language.code}: ${language.ui === 'complete' ? 'every Spanish key' : 'only keys Spanish has (the rest fall back)'}, with the same placeholders`, () => {
      // A partial language may lack keys (i18next falls back along its chain) but never has one
      // Spanish lacks: that would be a string no code shows, or a typo.
      expect([...strings.keys()].filter((key) => !spanishStrings.has(key))).toEqual([]);
      if (language.ui === 'complete') expect([...strings.keys()].sort()).toEqual([...spanishStrings.keys()].sort());
      const vars = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      for (const [key, text] of strings) expect(vars(text), `${language.code} ${key}`).toEqual(vars(spanishStrings.get(key)!));
    });
    if (language.spelling === 'quechua') {
      it(`${language.code}: writes Quechua with the three-vowel alphabet`, () => {
        const withEorO = [...strings].filter(([key]) => !SAME_IN_BOTH.has(key)).filter(([, text]) => wordsWithEorO(text.replace(/\{\{[^}]+\}\}/g, ' '), NAMES).length > 0);
        expect(withEorO).toEqual([]);
      });
    }
  }
});
