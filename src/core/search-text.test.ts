import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BODY_MARK, catalogueSoundKey, catalogueSoundKeys, FIRST_MARK, guideIndexWords, isRememberedWord, nearPrefix, normalize, PHRASE_MARK, searchTerms, soundKey, soundKeys, tokenize } from './search-text';

describe('search text', () => {
  it('ignores case, accents and ejective apostrophes but keeps ñ', () => {
    expect(normalize('Pensión AÑO Ch’usaq t\'inkisqa')).toBe('pension año chusaq tinkisqa');
  });
  it('splits on punctuation and between letters and numbers, and drops repeats', () => {
    expect(tokenize('DNI: duplicado (DNI) – Beca18 pension65')).toEqual(['dni', 'duplicado', 'beca', '18', 'pension', '65']);
  });
});

describe('sound keys: one key for the spellings of one sound', () => {
  it.each([
    ['pension', 'pencion'],
    ['reniec', 'reniek'],
    ['censo', 'senso'],
    ['vaso', 'baso'],
    ['llamkay', 'yamkay'],
    ['hospital', 'ospital'],
    ['cusco', 'kusko'],
    ['wawa', 'huahua'],
    ['qhali', 'kali'],
    ['quechua', 'kechwa'],
    ['zapato', 'sapato'],
    ['ñawi', 'nawi'],
    ['carro', 'karo'],
  ])('%s and %s', (a, b) => {
    expect(soundKey(normalize(a))).toBe(soundKey(normalize(b)));
  });
  it('keeps apart what sounds apart', () => {
    expect(soundKey('chaski')).toBe('chaski');
    expect(soundKey('pension')).not.toBe(soundKey('pasion'));
    expect(soundKey('sis')).not.toBe(soundKey('dni'));
  });
  it('gives the same key after more distinct words than it remembers (a day of typing)', () => {
    const before = ['huahua', 'qhali', 'chaski', 'pension'].map(catalogueSoundKey);
    for (let i = 0; i < 70_000; i++) catalogueSoundKey(`palabra${i}x`);
    expect(['huahua', 'qhali', 'chaski', 'pension'].map(catalogueSoundKey)).toEqual(before);
    expect(before).toEqual(['wawa', 'kali', 'chaski', 'pension']);
  });
});

describe('catalogue words remembered as written', () => {
  // Letters, accents (precomposed and combining), the ejective apostrophes, digits, punctuation
  // and every kind of white space, in any order: the pieces folding could join or split.
  const piece = fc.constantFrom('a', 'N', 'ñ', 'n', '\u0303', '\u0301', 'é', 'Á', "'", '’', 'ʼ', '`', 'q', 'h', 'u', 'c', 'll', '6', '5', '(', ').', ',', '-', ' ', '  ', '\t', '\n', '\u00a0', 'Σ', 'i');
  const text = fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join(''));
  it('fold any text exactly as folding it whole does', () => {
    fc.assert(fc.property(text, (written) => {
      expect(catalogueSoundKeys(written)).toEqual(soundKeys(written));
      // Asked again, from what was remembered.
      expect(catalogueSoundKeys(written)).toEqual(soundKeys(written));
    }), { numRuns: 2000 });
  });
  it('fold a guide text, glued numbers and all', () => {
    const summary = "Pensión65: ¿cómo  cobrar? T'inkiy (DNI), huahua\u00a0ñawi; CAMBIO de domicilio";
    expect(catalogueSoundKeys(summary)).toEqual(soundKeys(summary));
    expect(catalogueSoundKeys(summary)).toEqual(expect.arrayContaining(['pension', '65', 'tinkiy', 'wawa', 'nawi']));
  });
});

describe('one slip of a finger', () => {
  it.each([
    ['pensoin', 'pension'], // two letters swapped
    ['pensio', 'pension'], // still typing
    ['pemsion', 'pension'], // a wrong letter
    ['pnsion', 'pension'], // a letter missing
    ['penssion', 'pension'], // a letter too many
    ['duplicdo', 'duplicado'],
  ])('%s is near %s', (typed, word) => {
    expect(nearPrefix(typed, word)).toBe(true);
  });
  it('but not two slips, nor another word', () => {
    expect(nearPrefix('pemsoin', 'pension')).toBe(false);
    expect(nearPrefix('juntos', 'pension')).toBe(false);
  });
});

describe('guide index words', () => {
  const guide = {
    id: 'sis', category: 'salud', agency: 'SIS',
    title: { es: 'Seguro Integral de Salud', qu: 'SIS hampikuy' },
    keywords: { es: ['gratis', 'sis gratuito'], qu: ['qullqinnaq'] },
    summary: { es: 'Atención de salud gratuita.', qu: 'Mana qullqiyuq hampikuy.' },
    audience: { es: 'Personas sin otro seguro.', qu: 'Mana huk seguroyuq runakuna.' },
    requirements: [], steps: [], cost: { free: true as const },
    where: { es: '', qu: '' }, duration: { es: '', qu: '' }, source: '', reviewed: '2026-11-24',
  };
  const key = (word: string) => soundKey(normalize(word));
  it('keeps title, agency and keyword words plain, marks the rest once, and notes first words and phrases', () => {
    const words = guideIndexWords(guide);
    expect(words).toEqual(expect.arrayContaining([key('seguro'), key('salud'), 'sis', key('hampikuy'), 'gratis', key('qullqinnaq'), BODY_MARK + key('atencion'), BODY_MARK + key('runakuna')]));
    expect(words).toEqual(expect.arrayContaining([FIRST_MARK + key('seguro'), FIRST_MARK + 'sis', `${PHRASE_MARK}sis ${key('gratuito')}`]));
    // In the title already: not repeated as a marked summary word.
    expect(words).not.toContain(BODY_MARK + key('salud'));
    expect(new Set(words).size).toBe(words.length);
  });
  it('remembers the catalogue words it indexed, never the words a patron searched', () => {
    guideIndexWords(guide);
    expect(isRememberedWord('hampikuy')).toBe(true);
    // What a patron types (a name, an illness) must not outlive the session in the page's memory.
    expect(searchTerms('seguro para mi hija Rosalinda con tuberculosis')).toEqual(expect.arrayContaining([key('rosalinda'), key('tuberculosis')]));
    for (const typed of ['rosalinda', 'tuberculosis', 'hija']) expect(isRememberedWord(typed)).toBe(false);
  });
  it('indexes the texts and keywords of every language, Quechua variants included', () => {
    const words = guideIndexWords({ ...guide, title: { ...guide.title, quz: 'Tukuy runapaq hampikuy' }, summary: { ...guide.summary, ay: 'Qullañataki' }, keywords: { ...guide.keywords, quz: ['hampiy wasi'] } });
    expect(words).toEqual(expect.arrayContaining([key('tukuy'), FIRST_MARK + key('tukuy'), key('wasi'), `${PHRASE_MARK}${key('hampiy')} ${key('wasi')}`, BODY_MARK + key('qullañataki')]));
  });
  it('looks up only words of two letters or more, without filler words unless that is all there is', () => {
    expect(searchTerms('a DNI y  b')).toEqual(['dni']);
    expect(searchTerms('p')).toEqual([]);
    expect(searchTerms('quiero sacar mi dni')).toEqual(['dni']);
    expect(searchTerms('como')).toEqual([key('como')]);
  });
});
