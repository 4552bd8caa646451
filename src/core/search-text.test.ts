import { describe, expect, it } from 'vitest';
import { guideIndexWords, normalize, searchTerms, tokenize } from './search-text';

describe('search text', () => {
  it('ignores case, accents and ejective apostrophes but keeps ñ', () => {
    expect(normalize('Pensión AÑO Ch’usaq t\'inkisqa')).toBe("pension año chusaq tinkisqa");
  });
  it('splits on punctuation and drops repeats', () => {
    expect(tokenize('DNI: duplicado (DNI) – Beca 18')).toEqual(['dni', 'duplicado', 'beca', '18']);
  });
});

describe('guide index words', () => {
  const guide = {
    id: 'sis', category: 'salud', agency: 'SIS',
    title: { es: 'Seguro Integral de Salud', qu: 'SIS hampikuy' },
    keywords: { es: ['gratis'], qu: ['qullqinnaq'] },
    summary: { es: 'Atención de salud gratuita.', qu: 'Mana qullqiyuq hampikuy.' },
    audience: { es: 'Personas sin otro seguro.', qu: 'Mana huk seguroyuq runakuna.' },
    requirements: [], steps: [], cost: { free: true as const },
    where: { es: '', qu: '' }, duration: { es: '', qu: '' }, source: '', reviewed: '2026-11-24',
  };
  it('keeps title, agency and keyword words plain and marks the rest once', () => {
    const words = guideIndexWords(guide);
    expect(words).toEqual(expect.arrayContaining(['seguro', 'salud', 'sis', 'hampikuy', 'gratis', 'qullqinnaq', '~atencion', '~gratuita', '~runakuna']));
    // In the title already: not repeated as a marked summary word.
    expect(words).not.toContain('~salud');
    expect(words).not.toContain('~hampikuy');
    expect(new Set(words).size).toBe(words.length);
  });
  it('looks up only words of two letters or more', () => {
    expect(searchTerms('a DNI y  b')).toEqual(['dni']);
    expect(searchTerms('p')).toEqual([]);
  });
});
