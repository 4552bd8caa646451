// The report's words hold to the same rules as the kiosk's (src/i18n/locales.test.ts): every
// Spanish text has its Quechua one, none is left in Spanish, Quechua is written with a i u
// (names and official terms from content/quechua-allow.yaml aside), placeholders match.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { wordsWithEorO } from '../../core/quechua-check';
import { INDICATOR_WORDS, LENGTH_WORDS, monthName, WORDS } from './words';

const allow = parse(readFileSync(new URL('../../../content/quechua-allow.yaml', import.meta.url), 'utf8')) as { names: string[]; same?: string[] };
const NAMES = [...allow.names, ...(allow.same ?? [])];

const pairs: Array<[string, string, string]> = [
  ...Object.keys(WORDS.es).map((k) => [k, WORDS.es[k as keyof typeof WORDS.es], WORDS.qu[k as keyof typeof WORDS.qu]] as [string, string, string]),
  ...Object.entries(INDICATOR_WORDS.es).map(([k, es]) => [`indicator.${k}`, es, INDICATOR_WORDS.qu[k as keyof typeof INDICATOR_WORDS.qu]] as [string, string, string]),
  ...Object.entries(LENGTH_WORDS.es).map(([k, es]) => [`length.${k}`, es, LENGTH_WORDS.qu[k]!] as [string, string, string]),
];

describe('the report in Spanish and Quechua', () => {
  it('has the same keys in both languages', () => {
    expect(Object.keys(WORDS.qu).sort()).toEqual(Object.keys(WORDS.es).sort());
    expect(Object.keys(INDICATOR_WORDS.qu).sort()).toEqual(Object.keys(INDICATOR_WORDS.es).sort());
    expect(Object.keys(LENGTH_WORDS.qu).sort()).toEqual(Object.keys(LENGTH_WORDS.es).sort());
  });

  it('leaves no Quechua text empty or in Spanish', () => {
    expect(pairs.filter(([, es, qu]) => !qu || qu.trim() === '' || qu === es).map(([key]) => key)).toEqual([]);
  });

  it('writes Quechua with the three-vowel alphabet', () => {
    const found = pairs.map(([key, , qu]) => [key, wordsWithEorO(qu.replace(/\{\{[^}]+\}\}/g, ' '), NAMES)] as const).filter(([, words]) => words.length > 0);
    expect(found).toEqual([]);
  });

  it('keeps the same placeholders in both languages', () => {
    const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [key, es, qu] of pairs) expect(vars(qu), key).toEqual(vars(es));
  });

  it('names months in both languages, Quechua in its own spelling', () => {
    expect(monthName('2025-03', 'es')).toBe('marzo de 2025');
    expect(monthName('2025-03', 'qu')).toBe('Marsu 2025');
    expect(wordsWithEorO(Array.from({ length: 12 }, (_, i) => monthName(`2025-${String(i + 1).padStart(2, '0')}`, 'qu')).join(' '), NAMES)).toEqual([]);
  });
});
