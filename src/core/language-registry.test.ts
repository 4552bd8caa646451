import { describe, expect, it } from 'vitest';
import registryJson from '../../locales/languages.json';
import { DEFAULT_LANG, fallbackChain, isEnabledLang, isLang, LANGS } from './lang';
import { chainOf, parseLanguageRegistry, switchLanguages } from './language-registry';

const spanish = { code: 'es', name: 'Español', nameEs: 'castellano', nameEn: 'Spanish', tag: 'es-PE', fallback: [], enabled: true, formats: 'es-PE', ui: 'complete', content: 'complete' };
const language = (code: string, fallback: string[], more: object = {}) => ({ ...spanish, code, name: code, tag: code, fallback, ui: 'partial', content: 'none', ...more });

describe('the language registry (locales/languages.json)', () => {
  it('is valid', () => {
    expect(() => parseLanguageRegistry(registryJson)).not.toThrow();
  });

  it('refuses a registry a kiosk could not run on', () => {
    expect(() => parseLanguageRegistry({ languages: [language('qu', [])] })).toThrow(/must list "es"/);
    expect(() => parseLanguageRegistry({ languages: [spanish, language('qu', []), language('qu', [])] })).toThrow(/twice/);
    expect(() => parseLanguageRegistry({ languages: [spanish, language('quz', ['qu'])] })).toThrow(/unregistered/);
    expect(() => parseLanguageRegistry({ languages: [spanish, language('Qu_', [])] })).toThrow(/languages\.1\.code: must be 2 or 3 lowercase letters/);
    expect(() => parseLanguageRegistry({ languages: [spanish, language('ay', [], { formats: 'aymara' })] })).toThrow(/formats/);
    expect(() => parseLanguageRegistry({ languages: [spanish, language('ay', [], { extra: 1 })] })).toThrow();
  });

  it('gives each language its fallback chain, ending in Spanish', () => {
    const registry = parseLanguageRegistry({ languages: [spanish, language('qu', ['es']), language('quz', ['qu']), language('ay', [])] });
    expect(chainOf(registry, 'quz')).toEqual(['quz', 'qu', 'es']);
    expect(chainOf(registry, 'ay')).toEqual(['ay', 'es']);
    expect(chainOf(registry, 'es')).toEqual(['es']);
    expect(chainOf(registry, 'xx')).toEqual(['es']);
  });

  it('answers for the app from the built-in registry', () => {
    expect(fallbackChain('quz')).toEqual(['quz', 'qu', 'es']);
    expect(fallbackChain('quy')).toEqual(['quy', 'qu', 'es']);
    expect(fallbackChain('qu')).toEqual(['qu', 'es']);
    expect(fallbackChain('ay')).toEqual(['ay', 'es']);
    expect(fallbackChain('zz')).toEqual(['es']);
    expect(DEFAULT_LANG).toBe('es');
    expect(isLang('quz')).toBe(true);
    expect(isLang('zz')).toBe(false);
    expect(isLang(undefined)).toBe(false);
    // Disabled languages are registered but not offered: a stored `ay` falls back to Spanish.
    expect(isEnabledLang('ay')).toBe(false);
    expect(LANGS).toEqual(['es', 'qu']);
  });

  it('offers the enabled languages, in registry order, by their own names', () => {
    const registry = parseLanguageRegistry({ languages: [spanish, language('ay', [], { name: 'Aymar aru' }), language('qu', [], { enabled: false })] });
    expect(switchLanguages(registry).map((l) => [l.code, l.name])).toEqual([['es', 'Español'], ['ay', 'Aymar aru']]);
  });
});
