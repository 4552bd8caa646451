// Every error code a patron can be shown, each beside the nearest answer that is accepted.
// Dates are checked against a fixed "today" (options.today), never the machine's calendar.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Form, FormField } from './form-schema';
import {
  ageOn, type AnswerValue, checkField, FIELD_ERROR_CODES, type FieldError, type FieldErrorCode, isCalendarDate, peruToday, validateAnswers, type ValidateOptions,
} from './form-validate';
import { dniCheckCharacters, rucCheckDigit } from './peru-ids';
import type { UbigeoData } from './ubigeo';
import json from './ubigeo-inei.json';

const L = { es: 'Pregunta' };
const TODAY = '2026-03-15';
const on: ValidateOptions = { today: TODAY };
const ok = undefined;
const err = (code: FieldErrorCode, params?: FieldError['params']): FieldError => (params ? { code, params } : { code });

type Row = [name: string, answer: AnswerValue | undefined, expected: FieldError | undefined];
/** Every row of every table below, for the last test: is each code produced somewhere? */
const produced: Row[] = [];
function cases(field: FormField, rows: Row[], options: ValidateOptions = on): void {
  produced.push(...rows);
  it.each(rows)('%s', (_name, answer, expected) => expect(checkField(field, answer, options)).toEqual(expected));
}

describe('required questions', () => {
  const types: FormField[] = [
    { id: 'nombre', type: 'text', label: L, required: true },
    { id: 'edad', type: 'number', label: L, required: true },
    { id: 'dni', type: 'dni', label: L, required: true },
    { id: 'nacimiento', type: 'date', label: L, required: true },
    { id: 'region', type: 'choice', label: L, required: true, options: [{ value: 'lima', label: L }, { value: 'cusco', label: L }] },
    { id: 'hijos', type: 'yesno', label: L, required: true },
  ];
  describe.each(types.map((f) => [f.type, f] as const))('a required %s question', (_type, field) => {
    cases(field, [
      ['left unanswered is refused as required', undefined, err('required')],
      ['answered with an empty string is refused as required', '', err('required')],
      ['answered with only spaces counts as empty: refused as required', '   ', err('required')],
    ]);
  });
  describe('an optional question', () => {
    cases({ id: 'dni', type: 'dni', label: L }, [
      ['left empty is fine', undefined, ok],
      ['with only spaces is fine too, not a badly typed DNI', '  ', ok],
    ]);
  });
  describe('a required multiple choice', () => {
    cases({ id: 'temas', type: 'multichoice', label: L, required: true, options: [{ value: 'a', label: L }, { value: 'b', label: L }] }, [
      ['with nothing ticked is refused as required', [], err('required')],
    ]);
  });
  it('a "no" is an answer: a required yes/no question answered no is accepted', () => {
    expect(checkField(types[5]!, false, on)).toBeUndefined();
  });
});

describe('text', () => {
  cases({ id: 'nombre', type: 'text', label: L, minLength: 3, maxLength: 5 }, [
    ['a name of exactly the minimum length (3) is accepted', 'Ana', ok],
    ['a name one letter short is refused as too_short', 'Al', err('too_short', { min: 3 })],
    ['a name of exactly the maximum length (5) is accepted', 'Julio', ok],
    ['a name one letter too long is refused as too_long', 'Julián', err('too_long', { max: 5 })],
    ['spaces around a name do not count toward its length', '   Julio   ', ok],
    ['spaces around a short name do not make it long enough', '  Al  ', err('too_short', { min: 3 })],
    ['a number sent for a text question is refused as wrong_type', 42, err('wrong_type')],
    ['a yes/no sent for a text question is refused as wrong_type', true, err('wrong_type')],
  ]);
  cases({ id: 'detalle', type: 'longtext', label: L, maxLength: 10 }, [
    ['a long answer at the limit is accepted', 'abcde fghi', ok],
    ['a long answer one character over is refused as too_long', 'abcde fghij', err('too_long', { max: 10 })],
  ]);
  cases({ id: 'codigo', type: 'text', label: L, pattern: { regex: '[A-Z]{2}-\\d{4}', message: L } }, [
    ['a code in the shape the form asks for is accepted', 'AB-1234', ok],
    ['a code one digit short is refused as pattern', 'AB-123', err('pattern')],
    ['the shape must be the whole answer, not just part of it', 'xAB-1234', err('pattern')],
    ['lower case where the shape wants capitals is refused as pattern', 'ab-1234', err('pattern')],
  ]);
});

describe('numbers', () => {
  cases({ id: 'cuantos', type: 'number', label: L, min: 1, max: 10 }, [
    ['the minimum itself is accepted', '1', ok],
    ['one below the minimum is refused as too_small', '0', err('too_small', { min: 1 })],
    ['a negative number below the minimum is refused as too_small', '-2', err('too_small', { min: 1 })],
    ['the maximum itself is accepted', '10', ok],
    ['one above the maximum is refused as too_large', '11', err('too_large', { max: 10 })],
    ['a number sent as a number (not text) is accepted', 7, ok],
    ['words are refused as not_a_number', 'tres', err('not_a_number')],
    ['two decimal separators are refused as not_a_number', '3,5,1', err('not_a_number')],
    ['a number with a space inside is refused as not_a_number', '1 0', err('not_a_number')],
    ['a trailing separator is refused as not_a_number', '3.', err('not_a_number')],
    ['a yes/no is refused as not_a_number', true, err('not_a_number')],
    ['NaN is refused as not_a_number', Number.NaN, err('not_a_number')],
    ['infinity is refused as not_a_number', Number.POSITIVE_INFINITY, err('not_a_number')],
  ]);
  // Between 3.5 and 4: "3,5" read as 35 or 3 would be refused, so acceptance proves the comma is a decimal point.
  cases({ id: 'peso', type: 'number', label: L, min: 3.5, max: 4 }, [
    ['a decimal comma is read as a decimal point: "3,5" is accepted at the minimum 3.5', '3,5', ok],
    ['a decimal point works the same: "3.5" is accepted', '3.5', ok],
    ['"3,4" is just under the minimum: refused as too_small', '3,4', err('too_small', { min: 3.5 })],
    ['"4,1" is just over the maximum: refused as too_large', '4,1', err('too_large', { max: 4 })],
  ]);
  cases({ id: 'hijos', type: 'number', label: L, integer: true, min: 0 }, [
    ['a whole number is accepted where a count is asked', '3', ok],
    ['zero children is an answer, and accepted', '0', ok],
    ['"3,0" is a whole number too, and accepted', '3,0', ok],
    ['half a child with a decimal comma is refused as not_integer', '3,5', err('not_integer')],
    ['half a child with a decimal point is refused as not_integer', '3.5', err('not_integer')],
    ['a fraction sent as a number is refused as not_integer', 2.5, err('not_integer')],
  ]);
});

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

  it("uses Peru's day, whatever the machine's time zone", () => {
    // 02:00 UTC on 3 December is still 2 December in Lima.
    expect(peruToday(new Date('2026-12-03T02:00:00Z'))).toBe('2026-12-02');
  });

  cases({ id: 'dia', type: 'date', label: L, past: true }, [
    ["today's date is accepted where the day must not be in the future", TODAY, ok],
    ["tomorrow's date is refused as date_in_future", '2026-03-16', err('date_in_future')],
    ['29 February of a leap year is accepted', '2024-02-29', ok],
    ['29 February of a common year is refused as date_format', '2025-02-29', err('date_format')],
    ['a date written day/month/year is refused as date_format', '15/03/2026', err('date_format')],
    ['a month without its leading zero is refused as date_format', '2026-3-15', err('date_format')],
    ['a number sent for a date is refused as date_format', 20260315, err('date_format')],
  ]);
  cases({ id: 'cita', type: 'date', label: L, min: '2026-01-01', max: '2026-12-31' }, [
    ['the first day allowed is accepted', '2026-01-01', ok],
    ['the day before the first allowed is refused as date_too_early', '2025-12-31', err('date_too_early', { min: '2026-01-01' })],
    ['the last day allowed is accepted', '2026-12-31', ok],
    ['the day after the last allowed is refused as date_too_late', '2027-01-01', err('date_too_late', { max: '2026-12-31' })],
  ]);
  cases({ id: 'nacimiento', type: 'date', label: L, past: true, minAge: 18, maxAge: 65 }, [
    ['a patron turning 18 today is old enough', '2008-03-15', ok],
    ['a patron turning 18 tomorrow is refused as age_too_low', '2008-03-16', err('age_too_low', { min: 18 })],
    ['a patron who is 65 until tomorrow is still accepted', '1960-03-16', ok],
    ['a patron who turned 66 today is refused as age_too_high', '1960-03-15', err('age_too_high', { max: 65 })],
  ]);

  it('the "today" passed in decides the age, not the calendar of the machine running the test', () => {
    const form: Form = { id: 'f', agency: 'A', title: L, description: L, fields: [{ id: 'nacimiento', type: 'date', label: L, minAge: 65 }] };
    expect(validateAnswers(form, { nacimiento: '1961-03-15' }, { today: '2026-03-15' })).toEqual({ ok: true, answers: { nacimiento: '1961-03-15' } });
    expect(validateAnswers(form, { nacimiento: '1961-03-15' }, { today: '2026-03-14' })).toEqual({ ok: false, errors: { nacimiento: err('age_too_low', { min: 65 }) } });
  });

  describe('without a "today"', () => {
    afterEach(() => vi.useRealTimers());
    it("a kiosk at 10 p.m. in Lima still counts today as Lima's day, not UTC's tomorrow", () => {
      vi.useFakeTimers({ now: new Date('2026-03-16T03:00:00Z') }); // 22:00 on 15 March in Lima
      const field: FormField = { id: 'dia', type: 'date', label: L, past: true };
      expect(checkField(field, '2026-03-15')).toBeUndefined();
      expect(checkField(field, '2026-03-16')).toEqual(err('date_in_future'));
    });
  });
});

describe('choices', () => {
  const options = [{ value: 'lima', label: L }, { value: 'cusco', label: L }];
  cases({ id: 'region', type: 'choice', label: L, options }, [
    ['one of the offered options is accepted', 'cusco', ok],
    ['an offered option with spaces around it is accepted', ' cusco ', ok],
    ['an option the form does not offer is refused as choice_invalid', 'arequipa', err('choice_invalid')],
    ['an option in the wrong case is refused as choice_invalid', 'Cusco', err('choice_invalid')],
    ['a list sent for a single choice is refused as choice_invalid', ['cusco'], err('choice_invalid')],
  ]);
  const four = ['agua', 'luz', 'gas', 'internet'].map((value) => ({ value, label: L }));
  cases({ id: 'servicios', type: 'multichoice', label: L, options: four, minSelected: 2, maxSelected: 3 }, [
    ['ticking exactly the minimum (2) is accepted', ['agua', 'luz'], ok],
    ['ticking one fewer than the minimum is refused as too_few_selected', ['agua'], err('too_few_selected', { min: 2 })],
    ['ticking exactly the maximum (3) is accepted', ['agua', 'luz', 'gas'], ok],
    ['ticking one more than the maximum is refused as too_many_selected', ['agua', 'luz', 'gas', 'internet'], err('too_many_selected', { max: 3 })],
    ['ticking an option the form does not offer is refused as choice_invalid', ['agua', 'cable'], err('choice_invalid')],
    ['a single option sent as text, not a list, is refused as choice_invalid', 'agua', err('choice_invalid')],
  ]);
  cases({ id: 'hijos', type: 'yesno', label: L }, [
    ['yes is accepted', true, ok],
    ['no is accepted', false, ok],
    ['"si" as text is refused as wrong_type', 'si', err('wrong_type')],
    ['1 for yes is refused as wrong_type', 1, err('wrong_type')],
  ]);
});

describe('DNI and RUC', () => {
  it('the numbers used here have the check characters the algorithm gives', () => {
    // DNI 45678912: 3·4 + 2·5 + 7·6 + 6·7 + 5·8 + 4·9 + 3·1 + 2·2 = 189; 189 mod 11 = 2 → '4' or 'I'.
    expect(dniCheckCharacters('45678912')).toEqual({ digit: '4', letter: 'I' });
    // RUC 2045678912_: 5·2 + 4·0 + 3·4 + 2·5 + 7·6 + 6·7 + 5·8 + 4·9 + 3·1 + 2·2 = 199; (11 − 199 mod 11) mod 10 = 0.
    expect(rucCheckDigit('2045678912')).toBe('0');
    // RUC 1045678912_ (10 + the DNI above): 194; (11 − 194 mod 11) mod 10 = 4.
    expect(rucCheckDigit('1045678912')).toBe('4');
  });
  cases({ id: 'dni', type: 'dni', label: L }, [
    ['a DNI of 8 digits without its check character is accepted', '45678912', ok],
    ['a DNI with its right check digit is accepted', '45678912-4', ok],
    ['a DNI with its right check letter is accepted', '45678912I', ok],
    ['a DNI with a wrong check digit is refused as dni_check', '45678912-5', err('dni_check')],
    ['a DNI with a wrong check letter is refused as dni_check', '45678912J', err('dni_check')],
    ['a DNI one digit short is refused as dni_format', '4567891', err('dni_format')],
    ['a DNI with letters inside is refused as dni_format', '4567B912', err('dni_format')],
    ['a DNI sent as a number is refused as wrong_type', 45678912, err('wrong_type')],
  ]);
  cases({ id: 'ruc', type: 'ruc', label: L }, [
    ["a company's RUC with the right check digit is accepted", '20456789120', ok],
    ['the same RUC written with dashes is accepted', '20-45678912-0', ok],
    ['a RUC with a wrong check digit is refused as ruc_check', '20456789121', err('ruc_check')],
    ["a person's RUC (10 + DNI) with the right check digit is accepted", '10456789124', ok],
    ["a person's RUC with a wrong check digit is refused as ruc_check", '10456789125', err('ruc_check')],
    ['a RUC starting 30 is refused as ruc_prefix', '30456789120', err('ruc_prefix')],
    ['a RUC of 10 digits is refused as ruc_format', '2045678912', err('ruc_format')],
    ['a RUC of 12 digits is refused as ruc_format', '204567891200', err('ruc_format')],
    ['a RUC sent as a number is refused as wrong_type', 20456789120, err('wrong_type')],
  ]);
});

describe('phones, e-mail and ubigeo', () => {
  cases({ id: 'celular', type: 'phone', label: L, kind: 'mobile' }, [
    ['a mobile 9xxxxxxxx is accepted where a mobile is asked', '987654321', ok],
    ['a mobile with +51 and spaces is accepted', '+51 987 654 321', ok],
    ['a Lima landline is refused as phone_not_mobile', '(01) 315 0400', err('phone_not_mobile')],
    ['a mobile one digit short is refused as phone_not_mobile, not phone_format', '98765432', err('phone_not_mobile')],
    ['words are refused as phone_not_mobile', 'no tengo', err('phone_not_mobile')],
    ['a phone sent as a number is refused as wrong_type', 987654321, err('wrong_type')],
  ]);
  cases({ id: 'fijo', type: 'phone', label: L, kind: 'landline' }, [
    ['a Lima landline is accepted where a landline is asked', '(01) 315 0400', ok],
    ['a Cusco landline is accepted', '084 123456', ok],
    ['a mobile is refused as phone_not_landline', '987654321', err('phone_not_landline')],
    ['too few digits are refused as phone_not_landline', '12345', err('phone_not_landline')],
  ]);
  cases({ id: 'telefono', type: 'phone', label: L }, [
    ['a mobile is accepted where any phone will do', '987654321', ok],
    ['a landline is accepted where any phone will do', '013150400', ok],
    ['a mobile one digit short is refused as phone_format', '98765432', err('phone_format')],
    ['words are refused as phone_format', 'no tengo', err('phone_format')],
  ]);
  cases({ id: 'correo', type: 'email', label: L }, [
    ['an ordinary address is accepted', 'ana.quispe@example.pe', ok],
    ['an address with spaces around and capitals is accepted', ' Ana@Example.PE ', ok],
    ['an address without a top-level domain is refused as email_format', 'ana.quispe@example', err('email_format')],
    ['an address with a space inside is refused as email_format', 'ana quispe@example.pe', err('email_format')],
    ['an address with two @ is refused as email_format', 'ana@@example.pe', err('email_format')],
  ]);
  const ubigeo: FormField = { id: 'distrito', type: 'ubigeo', label: L };
  cases(ubigeo, [
    ['Lima / Lima / Lima (150101) is accepted', '150101', ok],
    ['a code for no district (150199) is refused as ubigeo_unknown', '150199', err('ubigeo_unknown')],
    ['a department that does not exist (99) is refused as ubigeo_unknown', '990101', err('ubigeo_unknown')],
    ['five digits are refused as ubigeo_format', '15010', err('ubigeo_format')],
    ['a letter O for a zero is refused as ubigeo_format', '15O101', err('ubigeo_format')],
    ['a code sent as a number is refused as wrong_type', 150101, err('wrong_type')],
  ], { ...on, ubigeo: json as UbigeoData });
  describe('without the ubigeo list', () => {
    cases(ubigeo, [
      ['any six digits pass on their format alone', '150199', ok],
      ['seven digits are refused as ubigeo_format', '1501011', err('ubigeo_format')],
    ]);
  });
});

it('every error code a screen can show is produced by some answer above (unknown_field is no longer sent)', () => {
  const codes = new Set(produced.map(([, , expected]) => expected?.code));
  expect(FIELD_ERROR_CODES.filter((code) => !codes.has(code))).toEqual(['unknown_field']);
});
