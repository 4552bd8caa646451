import { describe, expect, it } from 'vitest';
import { LocalizedText } from './content-schema';
import * as v from 'valibot';
import { pickText } from './localized';

describe('pickText', () => {
  const text = { es: 'Lleve su DNI.', qu: 'DNIykita apay.', quz: 'DNIykita apamuy.' };

  it('follows the chosen language’s fallback chain (quz → qu → es)', () => {
    expect(pickText(text, 'quz')).toEqual({ text: 'DNIykita apamuy.', lang: 'quz', fallback: false });
    expect(pickText({ es: text.es, qu: text.qu }, 'quz')).toEqual({ text: 'DNIykita apay.', lang: 'qu', fallback: true });
    expect(pickText({ es: text.es }, 'quz')).toEqual({ text: 'Lleve su DNI.', lang: 'es', fallback: true });
    expect(pickText(text, 'qu')).toEqual({ text: 'DNIykita apay.', lang: 'qu', fallback: false });
    expect(pickText(text, 'es')).toEqual({ text: 'Lleve su DNI.', lang: 'es', fallback: false });
  });

  it('never shows a variant to a patron who did not choose it, and falls back to Spanish for others', () => {
    expect(pickText({ es: text.es, quz: text.quz }, 'qu')).toEqual({ text: 'Lleve su DNI.', lang: 'es', fallback: true });
    expect(pickText(text, 'ay')).toEqual({ text: 'Lleve su DNI.', lang: 'es', fallback: true });
    expect(pickText(text, 'zz')).toEqual({ text: 'Lleve su DNI.', lang: 'es', fallback: true });
  });

  it('takes another registry’s chain when given one', () => {
    expect(pickText({ es: 'Hola', xx: 'Xola' }, 'yy', ['yy', 'xx', 'es'])).toEqual({ text: 'Xola', lang: 'xx', fallback: true });
  });
});

describe('content text fields', () => {
  it('accept any language code, registered or not yet (forward compatibility)', () => {
    expect(v.safeParse(LocalizedText, { es: 'Hola', qu: 'Napaykullayki', quz: 'Napaykullayki', xx: 'Xola' }).success).toBe(true);
  });

  it('refuse a field that is not a language code, and an empty text', () => {
    const typo = v.safeParse(LocalizedText, { es: 'Hola', qu_: 'Napaykullayki' });
    expect(typo.success).toBe(false);
    expect(typo.issues?.[0].message).toMatch(/unknown or empty field "qu_"/);
    expect(v.safeParse(LocalizedText, { es: 'Hola', Qu: 'x' }).success).toBe(false);
    expect(v.safeParse(LocalizedText, { es: 'Hola', quechua: 'x' }).success).toBe(false);
    expect(v.safeParse(LocalizedText, { es: 'Hola', quz: '  ' }).success).toBe(false);
    expect(v.safeParse(LocalizedText, { qu: 'Napaykullayki' }).success).toBe(false);
  });
});
