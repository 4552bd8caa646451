// Checks a patron's answers against a form definition. The kiosk runs it beside each field and
// on Send; the server runs it again on every submission, against the exact form version named.
// Errors are codes with parameters; each screen turns them into words in the patron's language.
import type { Form, FormField } from './form-schema';
import { checkDni, checkEmail, checkPhone, checkRuc } from './peru-ids';
import { checkUbigeo, UBIGEO_CODE, type UbigeoData } from './ubigeo';
import { peruDay } from './peru-day';

export type AnswerValue = string | number | boolean | string[];
export type Answers = Record<string, AnswerValue | undefined>;

export const FIELD_ERROR_CODES = [
  'required',
  'wrong_type',
  'too_short',
  'too_long',
  'pattern',
  'not_a_number',
  'not_integer',
  'too_small',
  'too_large',
  'date_format',
  'date_too_early',
  'date_too_late',
  'date_in_future',
  'age_too_low',
  'age_too_high',
  'choice_invalid',
  'too_few_selected',
  'too_many_selected',
  /** Sent by servers before answers to unknown keys were dropped; kept so old rejections read. */
  'unknown_field',
  'dni_format',
  'dni_check',
  'ruc_format',
  'ruc_prefix',
  'ruc_check',
  'phone_format',
  'phone_not_mobile',
  'phone_not_landline',
  'email_format',
  'ubigeo_format',
  'ubigeo_unknown',
] as const;
export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

export interface FieldError {
  code: FieldErrorCode;
  /** Values for the message: { min: 3 }, { max: '2026-01-01' }. */
  params?: Record<string, string | number>;
}

/** On success, the answers to store: none empty. */
export type AnswersCheck = { ok: true; answers: Record<string, AnswerValue> } | { ok: false; errors: Record<string, FieldError> };

export interface ValidateOptions {
  /** INEI ubigeo data; without it, ubigeo answers are only checked for their format. */
  ubigeo?: UbigeoData;
  /** Today's date in Peru (YYYY-MM-DD), for dates that must be past and ages; by default, now. */
  today?: string;
}

/** Today's date in Peru (UTC−5, no daylight saving), whatever the machine's time zone. */
export const peruToday = peruDay;

/** Whole years from `birth` to `today`, both YYYY-MM-DD. */
export function ageOn(birth: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birth.slice(0, 4));
  return today.slice(5) < birth.slice(5) ? years - 1 : years;
}

/** A real calendar day written YYYY-MM-DD (31 February is not). */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Unanswered: nothing, only spaces, or no option ticked. */
function isEmpty(value: AnswerValue | undefined): boolean {
  return value === undefined || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}

/** Whether a field is shown, given the answers so far (fields hidden by showIf are skipped). */
export function isFieldVisible(form: Form, field: FormField, answers: Answers): boolean {
  if (!field.showIf) return true;
  const controller = form.fields.find((f) => f.id === field.showIf!.field);
  if (!controller || !isFieldVisible(form, controller, answers)) return false;
  const raw = answers[field.showIf.field];
  // Trimmed as checkField trims it: " dni " is the accepted choice "dni", and must show its fields.
  const answer = typeof raw === 'string' ? raw.trim() : raw;
  const wanted = Array.isArray(field.showIf.equals) ? field.showIf.equals : [field.showIf.equals];
  if (Array.isArray(answer)) return answer.some((a) => wanted.includes(a));
  return answer !== undefined && wanted.includes(answer as string | boolean);
}

/** Checks one field's answer; `undefined` when it is fine. */
export function checkField(field: FormField, value: AnswerValue | undefined, options: ValidateOptions = {}): FieldError | undefined {
  if (isEmpty(value)) return field.required ? { code: 'required' } : undefined;
  const text = typeof value === 'string' ? value.trim() : undefined;
  switch (field.type) {
    case 'text':
    case 'longtext': {
      if (text === undefined) return { code: 'wrong_type' };
      if (field.minLength !== undefined && text.length < field.minLength) return { code: 'too_short', params: { min: field.minLength } };
      if (field.maxLength !== undefined && text.length > field.maxLength) return { code: 'too_long', params: { max: field.maxLength } };
      if (field.pattern && !new RegExp(`^(?:${field.pattern.regex})$`, 'u').test(text)) return { code: 'pattern' };
      return undefined;
    }
    case 'number': {
      const n = typeof value === 'number' ? value : text !== undefined && /^-?\d+(?:[.,]\d+)?$/.test(text) ? Number(text.replace(',', '.')) : NaN;
      if (!Number.isFinite(n)) return { code: 'not_a_number' };
      if (field.integer && !Number.isInteger(n)) return { code: 'not_integer' };
      if (field.min !== undefined && n < field.min) return { code: 'too_small', params: { min: field.min } };
      if (field.max !== undefined && n > field.max) return { code: 'too_large', params: { max: field.max } };
      return undefined;
    }
    case 'date': {
      if (text === undefined || !isCalendarDate(text)) return { code: 'date_format' };
      const today = options.today ?? peruToday();
      if (field.past && text > today) return { code: 'date_in_future' };
      if (field.min && text < field.min) return { code: 'date_too_early', params: { min: field.min } };
      if (field.max && text > field.max) return { code: 'date_too_late', params: { max: field.max } };
      if (field.minAge !== undefined && ageOn(text, today) < field.minAge) return { code: 'age_too_low', params: { min: field.minAge } };
      if (field.maxAge !== undefined && ageOn(text, today) > field.maxAge) return { code: 'age_too_high', params: { max: field.maxAge } };
      return undefined;
    }
    case 'choice':
      return text !== undefined && field.options.some((o) => o.value === text) ? undefined : { code: 'choice_invalid' };
    case 'multichoice': {
      if (!Array.isArray(value) || !value.every((v) => field.options.some((o) => o.value === v))) return { code: 'choice_invalid' };
      if (field.minSelected !== undefined && value.length < field.minSelected) return { code: 'too_few_selected', params: { min: field.minSelected } };
      if (field.maxSelected !== undefined && value.length > field.maxSelected) return { code: 'too_many_selected', params: { max: field.maxSelected } };
      return undefined;
    }
    case 'yesno':
      return typeof value === 'boolean' ? undefined : { code: 'wrong_type' };
    case 'dni':
      return codeOf(text === undefined ? undefined : checkDni(text));
    case 'ruc':
      return codeOf(text === undefined ? undefined : checkRuc(text));
    case 'phone': {
      const checked = codeOf(text === undefined ? undefined : checkPhone(text, field.kind ?? 'any'));
      // A field that asks for a mobile says what a mobile looks like, whatever was typed instead.
      if (checked?.code === 'phone_format' && field.kind === 'mobile') return { code: 'phone_not_mobile' };
      if (checked?.code === 'phone_format' && field.kind === 'landline') return { code: 'phone_not_landline' };
      return checked;
    }
    case 'email':
      return codeOf(text === undefined ? undefined : checkEmail(text));
    case 'ubigeo':
      if (text === undefined) return { code: 'wrong_type' };
      if (!options.ubigeo) return UBIGEO_CODE.test(text) ? undefined : { code: 'ubigeo_format' };
      return codeOf(checkUbigeo(options.ubigeo, text));
  }
}

function codeOf(result: { ok: true } | { ok: false; code: string } | undefined): FieldError | undefined {
  if (!result) return { code: 'wrong_type' };
  return result.ok ? undefined : { code: result.code as FieldErrorCode };
}

/** Checks every visible field. On success returns the answers to store: trimmed, and only those
 * of fields the patron could see. Answers to hidden fields and to keys the form does not have
 * are dropped, not refused: data that is not needed is not kept, and a draft answer to a field a
 * newer version removed must not block Send with an error the patron cannot see. */
export function validateAnswers(form: Form, answers: Answers, options: ValidateOptions = {}): AnswersCheck {
  const errors: Record<string, FieldError> = {};
  const clean: Record<string, AnswerValue> = {};
  for (const field of form.fields) {
    if (!isFieldVisible(form, field, answers)) continue;
    const value = answers[field.id];
    const error = checkField(field, value, options);
    if (error) errors[field.id] = error;
    else if (value !== undefined && !isEmpty(value)) clean[field.id] = typeof value === 'string' ? value.trim() : value;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, answers: clean };
}
