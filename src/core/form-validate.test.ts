import { describe, expect, it } from 'vitest';
import type { FormField } from './form-schema';
import { ageOn, checkField, isCalendarDate, peruToday, validateAnswers } from './form-validate';

const birth: FormField = { id: 'nacimiento', type: 'date', past: true, minAge: 65, min: '1900-01-01', label: { es: 'Fecha', qu: "P'unchaw" } };
const on = (today: string) => ({ today });

describe('dates', () => {
  it('takes only real calendar days written YYYY-MM-DD', () => {
    expect(isCalendarDate('1952-03-14')).toBe(true);
    expect(isCalendarDate('2024-02-29')).toBe(true);
    for (const bad of ['2025-02-29', '1952-13-01', '1952-03-', '52-03-14', '1952-3-14', '14/03/1952', '0000-01-01']) expect(isCalendarDate(bad), bad).toBe(false);
  });

  it('counts age in whole years, the birthday itself included', () => {
    expect(ageOn('1961-12-02', '2026-12-02')).toBe(65);
    expect(ageOn('1961-12-03', '2026-12-02')).toBe(64);
    expect(ageOn('1960-02-29', '2026-02-28')).toBe(65);
  });

  it('checks the form rules: not in the future, an age, a half-typed date', () => {
    expect(checkField(birth, '1952-03-14', on('2026-12-02'))).toBeUndefined();
    expect(checkField(birth, '1961-12-03', on('2026-12-02'))).toEqual({ code: 'age_too_low', params: { min: 65 } });
    expect(checkField(birth, '2027-01-01', on('2026-12-02'))).toEqual({ code: 'date_in_future' });
    expect(checkField(birth, '1952--14', on('2026-12-02'))).toEqual({ code: 'date_format' });
    expect(checkField(birth, '1952-02-30', on('2026-12-02'))).toEqual({ code: 'date_format' });
  });

  it("uses Peru's day, whatever the machine's time zone", () => {
    // 02:00 UTC on 3 December is still 2 December in Lima.
    expect(peruToday(new Date('2026-12-03T02:00:00Z'))).toBe('2026-12-02');
  });
});

describe('what is kept', () => {
  it('drops answers to hidden fields and to keys the form does not have, instead of refusing them', () => {
    const form = {
      id: 'pedido', agency: 'MIDIS', title: { es: 'P', qu: 'M' }, description: { es: 'D', qu: 'W' }, afterSend: { es: 'A', qu: 'Q' },
      fields: [
        { id: 'hijos', type: 'yesno', label: { es: '¿Hijos?', qu: '¿Wawayuqchu?' } },
        { id: 'cuantos', type: 'number', showIf: { field: 'hijos', equals: true }, label: { es: 'Cuántos', qu: "Hayk'a" } },
      ],
    } as const;
    expect(validateAnswers(form as never, { hijos: false, cuantos: 3, apodo: 'x' })).toEqual({ ok: true, answers: { hijos: false } });
  });
});
