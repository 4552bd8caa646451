// What a client may send the server, as schemas: the server checks every body with these before
// anything reaches the database, so what a kiosk (or anyone) sends gets a precise 4xx or a
// per-item rejection, never a 500. The bounds are PostgreSQL's: an integer column holds 32 bits,
// a timestamp must be a real calendar instant, and text may hold no NUL and no half of a
// UTF-16 surrogate pair (jsonb refuses both).
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

export const slugId = v.pipe(v.string(), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase letters, digits and dashes'), v.maxLength(80));
export const uuid = v.pipe(v.string(), v.uuid('must be a UUID'));

// Answer keys are form field ids (core/form-schema): never "__proto__" or other magic names.
const AnswerKey = v.pipe(v.string(), v.regex(/^[a-z][a-z0-9_]*$/), v.maxLength(60));
const AnswerValue = v.union([safeText(5000), v.pipe(v.number(), v.finite()), v.boolean(), v.pipe(v.array(safeText(200)), v.maxLength(100))]);

export const SubmissionPayloadSchema = v.strictObject({
  answers: v.pipe(v.record(AnswerKey, AnswerValue), v.check((answers) => Object.keys(answers).length <= 200, 'too many answers')),
  context: v.optional(v.strictObject({ guideId: v.optional(slugId) })),
});

const b64url = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]+$/), v.maxLength(200_000));
export const SealedPayloadSchema = v.strictObject({
  v: v.literal(1),
  epk: v.strictObject({ kty: v.literal('EC'), crv: v.literal('P-256'), x: b64url, y: b64url }),
  salt: b64url,
  iv: b64url,
  ct: b64url,
});

/** A submission as it travels: answers sealed for the server, or in the clear (a kiosk that
 * has not pulled the server's key yet); never both. */
export const QueuedSubmissionSchema = v.pipe(
  v.strictObject({
    id: uuid,
    formId: slugId,
    formVersion: int32(1),
    createdAt: calendarTimestamp,
    payload: v.optional(SubmissionPayloadSchema),
    sealed: v.optional(SealedPayloadSchema),
  }),
  v.check((s) => (s.payload === undefined) !== (s.sealed === undefined), 'exactly one of payload and sealed'),
);

export const EnrollRequestSchema = v.object({
  code: v.pipe(safeText(40), v.trim(), v.minLength(1, 'code is required')),
  library: v.pipe(safeText(120), v.trim(), v.minLength(1, 'library is required (at most 120 characters)')),
});

/** The envelope of an outbox file; its submissions are checked one by one, like a push. */
export const OutboxFileSchema = v.object({
  format: v.literal('chaski-outbox'),
  version: v.literal(1),
  kioskId: uuid,
  library: v.optional(safeText(120)),
  exportedAt: v.optional(v.string()),
  submissions: v.pipe(v.array(v.unknown()), v.maxLength(100_000)),
});

/** The first problem of a failed parse, as "field: reason", for an API error message. */
export function firstIssue(issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  if (!issue) return 'invalid';
  const path = (issue.path ?? []).map((p) => String(p.key)).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}
