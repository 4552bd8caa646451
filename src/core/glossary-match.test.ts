import { describe, expect, it } from 'vitest';
import { GlossaryMatcher } from './glossary-match';

const matcher = new GlossaryMatcher([
  { id: 'cse', match: ['CSE', 'clasificación socioeconómica'] },
  { id: 'ule', match: ['ULE'] },
  { id: 'declaracion-jurada', match: ['declaración jurada'] },
  { id: 'vigente', match: ['vigente'] },
]);
const terms = (text: string) => matcher.pieces(text).filter((p) => 'term' in p).map((p) => [p.text, (p as { term: string }).term]);

describe('glossary terms in guide text', () => {
  it('finds terms without regard to case or accents, and gives the text back whole', () => {
    const text = 'Su hogar debe tener CSE. Pídala en la ULE con una Declaracion Jurada; el DNI debe estar vigente.';
    expect(terms(text)).toEqual([['CSE', 'cse'], ['ULE', 'ule'], ['Declaracion Jurada', 'declaracion-jurada'], ['vigente', 'vigente']]);
    expect(matcher.pieces(text).map((p) => p.text).join('')).toBe(text);
  });

  it('takes a Quechua suffix on an acronym, but not a longer word on a plain term', () => {
    expect(terms('Wasi aylluykipa CSEyuq kanan; ULEman riy.')).toEqual([['CSEyuq', 'cse'], ['ULEman', 'ule']]);
    expect(terms('Los documentos vigentes')).toEqual([]);
    expect(terms('la ULECA')).toEqual([]);
  });

  it('shows each term once per text, the longest form first', () => {
    expect(terms('La clasificación socioeconómica (CSE) dura; la CSE se renueva.')).toEqual([['clasificación socioeconómica', 'cse']]);
  });

  it('matches an acronym only where the text writes it in capitals', () => {
    expect(terms('Ule es un apellido')).toEqual([]);
  });
});
