// Whole forms: questions shown only for some answers (showIf), empty answers, answers the form
// does not ask for, and what is stored. Each form is parsed with the real schema, so it is one a
// content editor could publish.
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { Form, type FormField } from './form-schema';
import { FIELD_ERROR_CODES, isFieldVisible, validateAnswers } from './form-validate';

const L = { es: 'Pregunta' };
const on = { today: '2026-03-15' };
const form = (...fields: FormField[]): Form => v.parse(Form, { id: 'prueba', agency: 'MIDIS', title: L, description: L, fields });

describe('a question shown only after a yes', () => {
  const hijos = form(
    { id: 'hijos', type: 'yesno', label: L, required: true },
    { id: 'cuantos', type: 'number', label: L, required: true, integer: true, showIf: { field: 'hijos', equals: true } },
  );

  it('is not required when the patron answers no', () => {
    expect(validateAnswers(hijos, { hijos: false }, on)).toEqual({ ok: true, answers: { hijos: false } });
  });

  it('drops, without checking, an answer typed there before the patron changed yes to no', () => {
    expect(validateAnswers(hijos, { hijos: false, cuantos: 'tres' }, on)).toEqual({ ok: true, answers: { hijos: false } });
  });

  it('is hidden, and not required, while the question before it is unanswered', () => {
    expect(validateAnswers(hijos, {}, on)).toEqual({ ok: false, errors: { hijos: { code: 'required' } } });
  });

  it('appears after a yes and is then required', () => {
    expect(validateAnswers(hijos, { hijos: true }, on)).toEqual({ ok: false, errors: { cuantos: { code: 'required' } } });
    expect(validateAnswers(hijos, { hijos: true, cuantos: '   ' }, on)).toEqual({ ok: false, errors: { cuantos: { code: 'required' } } });
  });

  it('once shown, is checked like any other question and stored', () => {
    expect(validateAnswers(hijos, { hijos: true, cuantos: '2,5' }, on)).toEqual({ ok: false, errors: { cuantos: { code: 'not_integer' } } });
    expect(validateAnswers(hijos, { hijos: true, cuantos: ' 2 ' }, on)).toEqual({ ok: true, answers: { hijos: true, cuantos: '2' } });
  });

  it('is shown and hidden on screen exactly when the check asks for it', () => {
    const cuantos = hijos.fields[1]!;
    expect([{}, { hijos: false }, { hijos: true }].map((answers) => isFieldVisible(hijos, cuantos, answers))).toEqual([false, false, true]);
  });
});

describe('questions shown for some choices', () => {
  const documento = form(
    {
      id: 'tipo', type: 'choice', label: L, required: true,
      options: [{ value: 'dni', label: L }, { value: 'ce', label: L }, { value: 'pasaporte', label: L }],
    },
    { id: 'dni', type: 'dni', label: L, required: true, showIf: { field: 'tipo', equals: 'dni' } },
    { id: 'numero', type: 'text', label: L, required: true, showIf: { field: 'tipo', equals: ['ce', 'pasaporte'] } },
  );

  it.each([
    ['a patron who picks DNI is asked for the DNI only', 'dni', ['dni']],
    ['a patron who picks carné de extranjería is asked for its number only', 'ce', ['numero']],
    ['a patron who picks passport is asked for its number only (showIf with a list)', 'pasaporte', ['numero']],
    ['a choice sent with spaces around it still shows its question', ' dni ', ['dni']],
  ])('%s', (_name, tipo, missing) => {
    const result = validateAnswers(documento, { tipo }, on);
    expect(result.ok ? [] : Object.keys(result.errors)).toEqual(missing);
  });

  it('keeps the answers of the questions shown and drops those of the questions hidden', () => {
    const answers = { tipo: 'pasaporte', dni: '4567891', numero: ' AB123456 ' };
    expect(validateAnswers(documento, answers, on)).toEqual({ ok: true, answers: { tipo: 'pasaporte', numero: 'AB123456' } });
  });

  it('a question shown for a ticked option of a multiple choice appears when that option is among those ticked', () => {
    const ayudas = form(
      { id: 'ayudas', type: 'multichoice', label: L, options: [{ value: 'pension65', label: L }, { value: 'juntos', label: L }, { value: 'otra', label: L }] },
      { id: 'cual', type: 'text', label: L, required: true, showIf: { field: 'ayudas', equals: 'otra' } },
    );
    expect(validateAnswers(ayudas, { ayudas: ['juntos', 'otra'] }, on)).toEqual({ ok: false, errors: { cual: { code: 'required' } } });
    expect(validateAnswers(ayudas, { ayudas: ['juntos'] }, on)).toEqual({ ok: true, answers: { ayudas: ['juntos'] } });
    expect(validateAnswers(ayudas, {}, on)).toEqual({ ok: true, answers: {} });
  });
});

describe('a chain of questions', () => {
  const negocio = form(
    { id: 'trabaja', type: 'yesno', label: L, required: true },
    { id: 'formal', type: 'yesno', label: L, required: true, showIf: { field: 'trabaja', equals: true } },
    { id: 'ruc', type: 'ruc', label: L, required: true, showIf: { field: 'formal', equals: true } },
  );

  it('hides the last question when the first hides the middle one, whatever the middle one still says', () => {
    expect(validateAnswers(negocio, { trabaja: false, formal: true }, on)).toEqual({ ok: true, answers: { trabaja: false } });
  });

  it('shows the last question when every question before it says yes', () => {
    expect(validateAnswers(negocio, { trabaja: true, formal: true }, on)).toEqual({ ok: false, errors: { ruc: { code: 'required' } } });
    expect(validateAnswers(negocio, { trabaja: true, formal: true, ruc: '20456789120' }, on)).toEqual({
      ok: true, answers: { trabaja: true, formal: true, ruc: '20456789120' },
    });
  });
});

describe('empty answers', () => {
  const datos = form(
    { id: 'nombre', type: 'text', label: L, required: true },
    { id: 'apodo', type: 'text', label: L },
    { id: 'correo', type: 'email', label: L },
    { id: 'temas', type: 'multichoice', label: L, options: [{ value: 'a', label: L }, { value: 'b', label: L }] },
    { id: 'hijos', type: 'number', label: L },
  );

  it('a required question answered with only spaces is refused as required', () => {
    expect(validateAnswers(datos, { nombre: '    ' }, on)).toEqual({ ok: false, errors: { nombre: { code: 'required' } } });
  });

  it('optional questions left empty, or holding only spaces, are not stored and raise no error', () => {
    const answers = { nombre: 'Ana', apodo: '   ', correo: ' ', temas: [], hijos: '' };
    expect(validateAnswers(datos, answers, on)).toEqual({ ok: true, answers: { nombre: 'Ana' } });
  });

  it('answers are stored without the spaces around them', () => {
    expect(validateAnswers(datos, { nombre: '  Ana Quispe  ', correo: ' ana@example.pe ' }, on)).toEqual({
      ok: true, answers: { nombre: 'Ana Quispe', correo: 'ana@example.pe' },
    });
  });

  it('zero and no are answers, and are stored', () => {
    const f = form({ id: 'hijos', type: 'number', label: L, required: true }, { id: 'casado', type: 'yesno', label: L, required: true });
    expect(validateAnswers(f, { hijos: 0, casado: false }, on)).toEqual({ ok: true, answers: { hijos: 0, casado: false } });
  });
});

describe('answers that do not fit the form', () => {
  const datos = form(
    { id: 'nombre', type: 'text', label: L, required: true },
    { id: 'acepta', type: 'yesno', label: L, required: true },
    { id: 'dni', type: 'dni', label: L },
  );

  it('an answer to a question the form does not have (say, one a newer version removed) is dropped, not refused', () => {
    expect(validateAnswers(datos, { nombre: 'Ana', acepta: true, apodo: 'Anita', '': 'x' }, on)).toEqual({ ok: true, answers: { nombre: 'Ana', acepta: true } });
  });

  it('unknown_field stays a code the screens can read, for rejections sent by older servers', () => {
    expect(FIELD_ERROR_CODES).toContain('unknown_field');
  });

  it('answers of the wrong type are refused as wrong_type, each on its own question, all at once', () => {
    expect(validateAnswers(datos, { nombre: 42, acepta: 'si', dni: 45678912 }, on)).toEqual({
      ok: false, errors: { nombre: { code: 'wrong_type' }, acepta: { code: 'wrong_type' }, dni: { code: 'wrong_type' } },
    });
  });

  it('stores nothing when any answer is refused', () => {
    const result = validateAnswers(datos, { nombre: 'Ana', acepta: true, dni: '45678912-5' }, on);
    expect(result).toEqual({ ok: false, errors: { dni: { code: 'dni_check' } } });
    expect('answers' in result).toBe(false);
  });
});
