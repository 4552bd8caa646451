import { describe, expect, it } from 'vitest';
import { normalize, tokenize } from './search-text';

describe('search text', () => {
  it('ignores case, accents and ejective apostrophes but keeps ñ', () => {
    expect(normalize('Pensión AÑO Ch’usaq t\'inkisqa')).toBe("pension año chusaq tinkisqa");
  });
  it('splits on punctuation and drops repeats', () => {
    expect(tokenize('DNI: duplicado (DNI) – Beca 18')).toEqual(['dni', 'duplicado', 'beca', '18']);
  });
});
