import { describe, expect, it } from 'vitest';
import { checkDni, checkEmail, checkPhone, checkRuc, dniCheckCharacters, rucCheckDigit } from './peru-ids';

describe('checkDni', () => {
  // Numbers with their check character as published with python-stdnum's stdnum.pe.cui tests,
  // plus synthetic ones worked out by hand with the weights 3,2,7,6,5,4,3,2.
  it.each([
    ['10117410', '2', 'G'],
    ['05209244', '8', 'B'],
    ['10586119', '8', 'B'],
    ['25543680', '1', 'E'],
    ['32023446', '3', 'H'],
    ['45055499', '1', 'E'],
    ['47499607', '2', 'G'],
    ['10812543', '3', 'H'],
    ['00000000', '6', 'K'],
    ['12345678', '1', 'E'],
    ['87654321', '0', 'D'],
    ['99999999', '4', 'I'],
  ])('%s has check %s or %s', (digits, digit, letter) => {
    expect(dniCheckCharacters(digits)).toEqual({ digit, letter });
  });

  it.each([
    ['10117410', '10117410'],
    ['  10117410 ', '10117410'],
    ['10117410-2', '10117410'],
    ['10117410 2', '10117410'],
    ['101174102', '10117410'],
    ['10117410G', '10117410'],
    ['10117410-g', '10117410'],
    ['10586119B', '10586119'],
    ['06009893-5', '06009893'],
    ['09482447-3', '09482447'],
    ['25465832-0', '25465832'],
    ['72859897-8', '72859897'],
    ['00000000-K', '00000000'],
  ])('accepts %j as %s', (input, value) => {
    expect(checkDni(input)).toEqual({ ok: true, value });
  });

  it.each([
    ['10117410-3', 'dni_check'],
    ['10117410-H', 'dni_check'],
    ['10117410Z', 'dni_check'],
    ['101174103', 'dni_check'],
    ['12345678-2', 'dni_check'],
    ['', 'dni_format'],
    ['1011741', 'dni_format'],
    ['1011741002', 'dni_format'],
    ['10117410--2', 'dni_format'],
    ['10117410 - 2', 'dni_format'],
    ['10117410_2', 'dni_format'],
    ['1011 7410', 'dni_format'],
    ['10.117.410', 'dni_format'],
    ['108125H3-3', 'dni_format'],
    ['DNI 10117410', 'dni_format'],
    ['１０１１７４１０', 'dni_format'],
  ])('rejects %j with %s', (input, code) => {
    expect(checkDni(input)).toEqual({ ok: false, code });
  });
});

describe('checkRuc', () => {
  it.each([
    '20512333797',
    '10054148289',
    '20131312955', // SUNAT itself
    '10101174102', // 10 + DNI 10117410 + check
    '20100255325',
    '20131372770',
    '15484032987',
    '15501941597',
    '17155542071',
    '17322796196',
    '10452880437',
  ])('accepts %s', (ruc) => {
    expect(checkRuc(ruc)).toEqual({ ok: true, value: ruc });
  });

  it('ignores surrounding whitespace and spaces or dashes inside', () => {
    expect(checkRuc(' 20512333797 ')).toEqual({ ok: true, value: '20512333797' });
    expect(checkRuc('20 51233379 7')).toEqual({ ok: true, value: '20512333797' });
    expect(checkRuc('20-51233379-7')).toEqual({ ok: true, value: '20512333797' });
  });

  it('computes check digits, including the (11 - 10) mod 10 and (11 - 0) mod 10 cases', () => {
    expect(rucCheckDigit('2051233379')).toBe('7');
    expect(rucCheckDigit('2013131295')).toBe('5');
    // Sum mod 11 = 1 → 10 → 0, and sum mod 11 = 0 → 11 → 1.
    expect(rucCheckDigit('2000000001')).toBe('0');
    expect(rucCheckDigit('1000000003')).toBe('1');
    expect(checkRuc('20000000010')).toEqual({ ok: true, value: '20000000010' });
    expect(checkRuc('10000000031')).toEqual({ ok: true, value: '10000000031' });
  });

  it.each([
    ['20512333798', 'ruc_check'],
    ['20512333790', 'ruc_check'],
    ['10054148288', 'ruc_check'],
    ['20131312954', 'ruc_check'],
    ['99512333792', 'ruc_prefix'],
    ['30512333797', 'ruc_prefix'],
    ['16512333797', 'ruc_prefix'],
    ['2051233379', 'ruc_format'],
    ['205123337977', 'ruc_format'],
    ['20A12333797', 'ruc_format'],
    ['', 'ruc_format'],
    ['2051233379.7', 'ruc_format'],
  ])('rejects %j with %s', (input, code) => {
    expect(checkRuc(input)).toEqual({ ok: false, code });
  });
});

describe('checkPhone', () => {
  it.each([
    ['987654321', '987654321'],
    ['987 654 321', '987654321'],
    ['987-654-321', '987654321'],
    ['+51 987 654 321', '987654321'],
    ['+51987654321', '987654321'],
    ['51987654321', '987654321'],
    ['0051 987 654 321', '987654321'],
    [' 912345678 ', '912345678'],
  ])('reads mobile %j as %s', (input, value) => {
    expect(checkPhone(input, 'mobile')).toEqual({ ok: true, value, kind: 'mobile' });
    expect(checkPhone(input, 'any')).toEqual({ ok: true, value, kind: 'mobile' });
  });

  it.each([
    ['01 315 0400', '013150400'],
    ['(01) 315-0400', '013150400'],
    ['013150400', '013150400'],
    ['1 3150400', '013150400'],
    ['+51 1 315 0400', '013150400'],
    ['+51 (0)1 315 0400', '013150400'],
    ['5113150400', '013150400'],
    ['084 123456', '084123456'],
    ['(084) 23-4567', '084234567'],
    ['84 123456', '084123456'],
    ['+51 84 123456', '084123456'],
    ['044 201234', '044201234'],
    ['051 351234', '051351234'],
    ['51 351234', '051351234'],
    ['+51 51 351234', '051351234'],
    ['065 231234', '065231234'],
    ['076 361234', '076361234'],
    ['082 571234', '082571234'],
  ])('reads landline %j as %s', (input, value) => {
    expect(checkPhone(input, 'landline')).toEqual({ ok: true, value, kind: 'landline' });
    expect(checkPhone(input, 'any')).toEqual({ ok: true, value, kind: 'landline' });
  });

  it.each([
    ['01 315 0400', 'mobile', 'phone_not_mobile'],
    ['084 123456', 'mobile', 'phone_not_mobile'],
    ['987654321', 'landline', 'phone_not_landline'],
    ['+51 987 654 321', 'landline', 'phone_not_landline'],
  ] as const)('rejects %j as %s with %s', (input, kind, code) => {
    expect(checkPhone(input, kind)).toEqual({ ok: false, code });
  });

  it.each([
    '',
    '3150400', // Lima without its area code
    '123456', // a provincial number without its area code
    '98765432', // a mobile one digit short
    '9876543210', // one digit too many
    '0987654321', // mobiles take no trunk 0
    '887654321', // 9 digits not starting with 9
    '055 123456', // 55 is not an area code
    '085 123456', // nor 85
    '071 123456', // nor 71
    '02 1234567', // only Lima has a one-digit area code
    '+1 987 654 321', // another country
    '+52 987654321',
    '987 654 321 anexo 5',
    '987o654321',
    '++51987654321',
    '98765+4321',
  ])('rejects %j with phone_format whatever the kind', (input) => {
    for (const kind of ['mobile', 'landline', 'any'] as const) {
      expect(checkPhone(input, kind)).toEqual({ ok: false, code: 'phone_format' });
    }
  });
});

describe('checkEmail', () => {
  it.each([
    ['ana@example.pe', 'ana@example.pe'],
    ['  ana.quispe@gob.pe ', 'ana.quispe@gob.pe'],
    ['Ana.Quispe+kiosko@Example.COM.PE', 'Ana.Quispe+kiosko@example.com.pe'],
    ['juan_mamani@correo-andino.org', 'juan_mamani@correo-andino.org'],
    ['ñusta@dominio.pe', 'ñusta@dominio.pe'],
    ['x@munipuno.gob.pe', 'x@munipuno.gob.pe'],
  ])('accepts %j as %s', (input, value) => {
    expect(checkEmail(input)).toEqual({ ok: true, value });
  });

  it.each([
    '',
    'ana',
    'ana@',
    '@example.pe',
    'ana@example',
    'ana@@example.pe',
    'ana@mail@example.pe',
    'ana quispe@example.pe',
    'ana@exam ple.pe',
    'ana@example.p',
    'ana@example.123',
    'ana@.example.pe',
    'ana@example..pe',
    'ana@example.pe.',
    'ana@-example.pe',
    'ana@example-.pe',
    '.ana@example.pe',
    'ana.@example.pe',
    'an..a@example.pe',
    'ana,quispe@example.pe',
    '<ana@example.pe>',
    `${'a'.repeat(65)}@example.pe`,
  ])('rejects %j', (input) => {
    expect(checkEmail(input)).toEqual({ ok: false, code: 'email_format' });
  });
});
