// Peru's INEI ubigeo: six digits, two each for department, province and district (150101 is
// Lima / Lima / Lima). RENIEC's codes on the DNI are a different numbering: never mix them.
//
// Pure functions over the data in ubigeo-inei.json (written by scripts/build-ubigeo.mjs). This
// module does not import the JSON: the page loads it lazily and the server imports it itself,
// and both pass it in.

/** What a district's ubigeo looks like: six digits. */
export const UBIGEO_CODE = /^\d{6}$/;

/** The shape of ubigeo-inei.json: names keyed by 2-, 4- and 6-digit codes. */
export interface UbigeoData {
  /** Which list this is, e.g. "inei-2025+ubigeos@2.1.0". */
  readonly version: string;
  /** Where the list comes from, and its licence. */
  readonly source: string;
  /** Departments (and the Constitutional Province of Callao, 07) by 2-digit code. */
  readonly d: Readonly<Record<string, string>>;
  /** Provinces by 4-digit code. */
  readonly p: Readonly<Record<string, string>>;
  /** Districts by 6-digit code. */
  readonly t: Readonly<Record<string, string>>;
}

export interface UbigeoPlace {
  readonly code: string;
  readonly name: string;
}

export interface UbigeoDescription {
  readonly department: string;
  readonly province: string;
  readonly district: string;
}

export type UbigeoError = 'ubigeo_format' | 'ubigeo_unknown';
export type UbigeoCheck = { ok: true; value: string } | { ok: false; code: UbigeoError };

// Made on first use, not when the module loads: building a collator loads ICU's Spanish rules
// (~10 ms here, several times that on an old kiosk CPU), and this module is evaluated with the
// sync code on every first visit, where the picker may never open (bench/lighthouse.ts).
let collator: Intl.Collator | undefined;
const byName = (a: UbigeoPlace, b: UbigeoPlace): number =>
  (collator ??= new Intl.Collator('es')).compare(a.name, b.name) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

function placesUnder(record: Readonly<Record<string, string>>, prefix: string): UbigeoPlace[] {
  const out: UbigeoPlace[] = [];
  for (const [code, name] of Object.entries(record)) {
    if (code.startsWith(prefix)) out.push({ code, name });
  }
  return out.sort(byName);
}

/** All departments, sorted by name in Spanish order. */
export function departments(data: UbigeoData): UbigeoPlace[] {
  return placesUnder(data.d, '');
}

/** The provinces of a department (2-digit code), sorted by name; [] for an unknown code. */
export function provinces(data: UbigeoData, departmentCode: string): UbigeoPlace[] {
  return /^\d{2}$/.test(departmentCode) ? placesUnder(data.p, departmentCode) : [];
}

/** The districts of a province (4-digit code), sorted by name; [] for an unknown code. */
export function districts(data: UbigeoData, provinceCode: string): UbigeoPlace[] {
  return /^\d{4}$/.test(provinceCode) ? placesUnder(data.t, provinceCode) : [];
}

/** The names of the district a 6-digit code stands for, or null if it names no district. */
export function describeUbigeo(data: UbigeoData, code: string): UbigeoDescription | null {
  if (!UBIGEO_CODE.test(code)) return null;
  const district = data.t[code];
  const province = data.p[code.slice(0, 4)];
  const department = data.d[code.slice(0, 2)];
  if (district === undefined || province === undefined || department === undefined) return null;
  return { department, province, district };
}

/** Six digits that name a real district. Surrounding whitespace is ignored. */
export function checkUbigeo(data: UbigeoData, input: string): UbigeoCheck {
  const value = input.trim();
  if (!UBIGEO_CODE.test(value)) return { ok: false, code: 'ubigeo_format' };
  if (describeUbigeo(data, value) === null) return { ok: false, code: 'ubigeo_unknown' };
  return { ok: true, value };
}
