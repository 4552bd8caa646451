import { describe, expect, it } from 'vitest';
import { Strings } from './translate';

const chains: Record<string, string[]> = { es: ['es'], qu: ['qu', 'es'], quz: ['quz', 'qu', 'es'] };
function strings() {
  const s = new Strings((lang) => chains[lang] ?? ['es']);
  s.add('es', 'translation', { home: { heading: '¿Qué trámite necesita?' }, category: { guides_one: '{{count}} guía', guides_other: '{{count}} guías' }, only: { es: 'Solo en castellano' } });
  s.add('qu', 'translation', { home: { heading: '¿Ima ruranatataq munanki?' }, category: { guides_one: '{{count}} pusaq qillqa', guides_other: '{{count}} pusaq qillqakuna' } });
  s.add('es', 'screens', { librarian: { title: 'Panel de {{library}}' }, home: { heading: 'not this one' } });
  return s;
}

describe('the string lookup behind t()', () => {
  it('finds a dotted key in the language, then along its fallback chain', () => {
    const s = strings();
    expect(s.translate('qu', 'home.heading')).toBe('¿Ima ruranatataq munanki?');
    expect(s.translate('quz', 'home.heading')).toBe('¿Ima ruranatataq munanki?');
    expect(s.translate('qu', 'only.es')).toBe('Solo en castellano');
  });

  it('looks in the screens strings after the whole chain of the first-screen strings', () => {
    const s = strings();
    expect(s.translate('qu', 'librarian.title', { library: 'Biblioteca de Urcos' })).toBe('Panel de Biblioteca de Urcos');
    expect(s.translate('es', 'home.heading')).toBe('¿Qué trámite necesita?');
  });

  it('picks the plural form for a count, and leaves a missing value empty', () => {
    const s = strings();
    expect(s.translate('es', 'category.guides', { count: 1 })).toBe('1 guía');
    expect(s.translate('es', 'category.guides', { count: 3 })).toBe('3 guías');
    expect(s.translate('qu', 'category.guides', { count: 3 })).toBe('3 pusaq qillqakuna');
    expect(s.translate('es', 'librarian.title')).toBe('Panel de ');
  });

  it('returns the key itself when no language has it, and never an object', () => {
    const s = strings();
    expect(s.translate('qu', 'no.such.key')).toBe('no.such.key');
    expect(s.translate('es', 'home')).toBe('home');
    expect(s.translate('es', 'home.heading.__proto__')).toBe('home.heading.__proto__');
    expect(s.translate('es', 'constructor')).toBe('constructor');
  });

  it('hands out one function per language, so components can compare it', () => {
    const s = strings();
    expect(s.fixedT('qu')).toBe(s.fixedT('qu'));
    expect(s.fixedT('qu')('home.heading')).toBe('¿Ima ruranatataq munanki?');
  });
});
