// The building blocks of the wire schemas (protocol.ts, usb-files.ts): the server checks every
// body with them before anything reaches the database, so what a kiosk (or anyone) sends gets a
// precise 4xx or a per-item rejection, never a 500. The bounds are PostgreSQL's: an integer
// column holds 32 bits, a timestamp must be a real calendar instant, and text may hold no NUL
// and no half of a UTF-16 surrogate pair (jsonb refuses both).
import * as v from 'valibot';

// C0 controls other than tab, line feed and carriage return, and unpaired surrogates: matching
// control characters is the point here.
// eslint-disable-next-line no-control-regex
const UNSAFE_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isSafeText(text: string): boolean {
  return !UNSAFE_TEXT.test(text);
}

/** A string of at most `max` characters that any database and any spreadsheet can hold. */
export const safeText = (max: number) =>
  v.pipe(v.string(), v.maxLength(max, `must be at most ${max} characters`), v.check(isSafeText, 'must not contain control characters or broken characters'));

export const INT32_MAX = 2_147_483_647;

/** A whole number from `min` that fits PostgreSQL's integer. */
export const int32 = (min = 0) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(INT32_MAX));

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/** An ISO 8601 instant that names a real day and a real time, with an offset a real place has
 * (±14:00 at most): `2026-02-31T00:00:00Z` and `…+23:00` are not. */
export function isCalendarTimestamp(text: string): boolean {
  const m = TIMESTAMP.exec(text);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) return false;
  if (m[7] === undefined) return true;
  const offsetHours = Number(m[8]);
  const offsetMinutes = Number(m[9]);
  return offsetMinutes <= 59 && offsetHours * 60 + offsetMinutes <= 14 * 60;
}

export const calendarTimestamp = v.pipe(v.string(), v.maxLength(40), v.check(isCalendarTimestamp, 'must be a real date and time, e.g. 2026-11-24T10:30:00.000Z'));

/** Whether YYYY-MM-DD names a day the calendar has (isoDate alone lets 2026-02-31 through,
 * which PostgreSQL's date type then refuses). */
function isCalendarDay(text: string): boolean {
  const [year, month, day] = text.split('-').map(Number) as [number, number, number];
  return year >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A calendar day, YYYY-MM-DD, that the calendar has. */
export const calendarDay = v.pipe(v.string(), v.isoDate('must be a day written YYYY-MM-DD'), v.check(isCalendarDay, 'must be a day the calendar has'));

/** The id of a catalogue record (a guide, a form…): in content files, URLs and the wire. */
export const slugId = v.pipe(v.string(), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase letters, digits and dashes'), v.maxLength(80, 'must be at most 80 characters'));
export const uuid = v.pipe(v.string(), v.uuid('must be a UUID'));

/** An EC P-256 public key as a JWK: the server's published keys, and a seal's one-time key. */
export const PublicKeyJwkSchema = v.strictObject({
  kty: v.literal('EC'),
  crv: v.literal('P-256'),
  x: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]+$/), v.maxLength(100)),
  y: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]+$/), v.maxLength(100)),
});
export type PublicKeyJwk = v.InferOutput<typeof PublicKeyJwkSchema>;

/** The first problem of a failed parse, as "field: reason", for an API error message. */
export function firstIssue(issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  if (!issue) return 'invalid';
  const path = (issue.path ?? []).map((p) => String(p.key)).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}
