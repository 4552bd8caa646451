// Validators for the identifiers Peruvians type at the kiosk: DNI, RUC, phone numbers and e-mail.
// Each returns the normalized value or a precise error code; the UI turns codes into sentences
// in the reader's language. Pure functions: they run in the page, the service worker and Node.
//
// Algorithms (cross-checked with python-stdnum's stdnum.pe.cui and stdnum.pe.ruc and their
// published valid numbers, and Google libphonenumber's metadata for PE):
// - DNI (CUI): 8 digits, optionally followed by a check character printed on the card. Weights
//   3,2,7,6,5,4,3,2; c = sum mod 11; the check is '65432110987'[c] or 'KJIHGFEDCBA'[c].
// - RUC: 11 digits; prefix 10 (a person: 10 + DNI), 15, 17 or 20; weights 5,4,3,2,7,6,5,4,3,2 over
//   the first ten; check digit = (11 − sum mod 11) mod 10.
// - Phones: mobiles are 9 + 8 digits; landlines are Lima 1 + 7 digits or a 2-digit provincial area
//   code + 6 digits, dialled with a leading 0 inside Peru. Country code +51.

export type DniError = 'dni_format' | 'dni_check';
export type RucError = 'ruc_format' | 'ruc_prefix' | 'ruc_check';
export type PhoneError = 'phone_format' | 'phone_not_mobile' | 'phone_not_landline';
export type EmailError = 'email_format';
/** Every code these validators return: a key for the UI's messages. */
export type PeruIdError = DniError | RucError | PhoneError | EmailError;

export type Checked<E extends string> = { ok: true; value: string } | { ok: false; code: E };

export type PhoneKind = 'mobile' | 'landline';
export type PhoneChecked = { ok: true; value: string; kind: PhoneKind } | { ok: false; code: PhoneError };

const DNI_WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2] as const;
const DNI_DIGIT_CHECKS = '65432110987';
const DNI_LETTER_CHECKS = 'KJIHGFEDCBA';

function weightedSum(digits: string, weights: readonly number[]): number {
  let sum = 0;
  weights.forEach((weight, i) => {
    sum += weight * Number(digits.charAt(i));
  });
  return sum;
}

/** The two check characters (digit form, letter form) valid for an 8-digit DNI. */
export function dniCheckCharacters(digits: string): { digit: string; letter: string } {
  const c = weightedSum(digits, DNI_WEIGHTS) % 11;
  return { digit: DNI_DIGIT_CHECKS.charAt(c), letter: DNI_LETTER_CHECKS.charAt(c) };
}

/**
 * A DNI: 8 digits, optionally followed by its check character (a digit or a letter A–K), either
 * right after the digits or after one space or dash. `value` is the 8 digits.
 */
export function checkDni(input: string): Checked<DniError> {
  const match = /^(\d{8})(?:[ -]?([0-9A-Za-z]))?$/.exec(input.trim());
  const digits = match?.[1];
  if (match === null || digits === undefined) return { ok: false, code: 'dni_format' };
  const given = match[2]?.toUpperCase();
  if (given !== undefined) {
    const { digit, letter } = dniCheckCharacters(digits);
    if (given !== digit && given !== letter) return { ok: false, code: 'dni_check' };
  }
  return { ok: true, value: digits };
}

const RUC_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2] as const;
const RUC_PREFIXES = ['10', '15', '17', '20'];

/** The check digit for the first ten digits of a RUC. */
export function rucCheckDigit(firstTen: string): string {
  return String((11 - (weightedSum(firstTen, RUC_WEIGHTS) % 11)) % 10);
}

/** A RUC: 11 digits (spaces and dashes between them are ignored). `value` is the 11 digits. */
export function checkRuc(input: string): Checked<RucError> {
  const value = input.trim().replace(/[ -]/g, '');
  if (!/^\d{11}$/.test(value)) return { ok: false, code: 'ruc_format' };
  if (!RUC_PREFIXES.includes(value.slice(0, 2))) return { ok: false, code: 'ruc_prefix' };
  if (rucCheckDigit(value) !== value.charAt(10)) return { ok: false, code: 'ruc_check' };
  return { ok: true, value };
}

/** Provincial landline area codes (Lima and Callao are 1). */
export const LANDLINE_AREA_CODES = [
  '41', '42', '43', '44', // Amazonas, San Martín, Áncash, La Libertad
  '51', '52', '53', '54', '56', // Puno, Tacna, Moquegua, Arequipa, Ica
  '61', '62', '63', '64', '65', '66', '67', // Ucayali, Huánuco, Pasco, Junín, Loreto, Ayacucho, Huancavelica
  '72', '73', '74', '76', // Tumbes, Piura, Lambayeque, Cajamarca
  '82', '83', '84', // Madre de Dios, Apurímac, Cusco
] as const;
const PROVINCE_LANDLINE = new RegExp(`^(?:${LANDLINE_AREA_CODES.join('|')})\\d{6}$`);

/** Reads a Peruvian number into its kind and its national form (mobile 9 digits, landline 0 + 8). */
function parsePhone(input: string): { kind: PhoneKind; value: string } | null {
  const text = input.trim();
  // Digits, with the separators people write: spaces, dashes, dots, parentheses; + only first.
  if (!/^\+?[\d\s().-]+$/.test(text)) return null;
  let digits = text.replace(/[^\d]/g, '');
  if (text.startsWith('+')) {
    if (!digits.startsWith('51')) return null;
    digits = digits.slice(2);
  } else if (digits.startsWith('0051') && (digits.length === 12 || digits.length === 13)) {
    digits = digits.slice(4);
  } else if (digits.startsWith('51') && (digits.length === 10 || digits.length === 11)) {
    digits = digits.slice(2); // 51 without the +: 10 digits for a landline, 11 for a mobile
  }
  // The trunk 0 of the domestic form (084 123456, (01) 315 0400); tolerated after +51 too.
  const trunk = digits.startsWith('0');
  if (trunk) digits = digits.slice(1);
  if (!trunk && /^9\d{8}$/.test(digits)) return { kind: 'mobile', value: digits };
  if (/^1\d{7}$/.test(digits) || PROVINCE_LANDLINE.test(digits)) return { kind: 'landline', value: `0${digits}` };
  return null;
}

/**
 * A Peruvian phone number, with or without +51 / 51, written with spaces, dashes, dots or
 * parentheses. Mobiles normalize to 9 digits (987654321); landlines to the domestic form with the
 * leading 0 (013150400 for Lima, 084123456 for Cusco). A number without an area code (a bare
 * 7-digit Lima number) is `phone_format`: the kiosk cannot know where it is.
 */
export function checkPhone(input: string, kind: PhoneKind | 'any'): PhoneChecked {
  const phone = parsePhone(input);
  if (phone === null) return { ok: false, code: 'phone_format' };
  if (kind === 'mobile' && phone.kind !== 'mobile') return { ok: false, code: 'phone_not_mobile' };
  if (kind === 'landline' && phone.kind !== 'landline') return { ok: false, code: 'phone_not_landline' };
  return { ok: true, value: phone.value, kind: phone.kind };
}

/**
 * A pragmatic e-mail check, not RFC 5322: one @, something before it, a domain of dot-separated
 * labels (letters, digits, dashes) ending in a top-level domain of two or more letters, no spaces.
 * `value` is trimmed, with the domain in lower case.
 */
export function checkEmail(input: string): Checked<EmailError> {
  const text = input.trim();
  const fail = { ok: false, code: 'email_format' } as const;
  if (text.length > 254 || /\s/.test(text)) return fail;
  const at = text.indexOf('@');
  if (at < 1 || at !== text.lastIndexOf('@')) return fail;
  const local = text.slice(0, at);
  const domain = text.slice(at + 1).toLowerCase();
  if (local.length > 64 || local.startsWith('.') || local.endsWith('.') || local.includes('..')) return fail;
  if (/[<>()[\]\\,;:"]/.test(local)) return fail;
  const labels = domain.split('.');
  const tld = labels[labels.length - 1] ?? '';
  if (labels.length < 2 || !/^\p{L}{2,}$/u.test(tld)) return fail;
  if (!labels.every((label) => /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u.test(label))) return fail;
  return { ok: true, value: `${local}@${domain}` };
}
