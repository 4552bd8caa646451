// What the kiosk counts about its use, and nothing more: per-day counters, never a log. No
// time finer than the day, no per-patron row, nothing typed into a form. Searches that found
// nothing are kept as normalised words, and never when they hold 4 or more digits in a row (a
// DNI, a phone). A kiosk sends each day's counters whole, with a revision that only grows, so
// the server's upsert keyed by (kiosk, day) counts a day once however often it arrives (a
// retry, a second push after more use, the same USB file twice). See docs/impact-data.md.
import * as v from 'valibot';
import { isUnmetSearchText, SESSION_LENGTHS } from './usage-count';
import { calendarDay, slugId } from './wire-schema';

export * from './usage-count';

/** A calendar day in Peru (UTC−5 all year), YYYY-MM-DD. */
export const usageDay = calendarDay;

const count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000));
/** Counts by id (guide, category, form); at most a few hundred keys in a day. */
const countsById = v.pipe(v.record(slugId, count), v.check((r) => Object.keys(r).length <= 2000, 'too many keys'));

/** A search kept as a need: up to 6 normalised words, letters and at most 3 digits in a row. */
export const unmetSearchText = v.pipe(v.string(), v.check(isUnmetSearchText, 'must be up to 6 normalised words, without 4 or more digits in a row'));

export const UsageCountsSchema = v.object({
  /** Sessions that ended this day (by Salir, idle time, or the next patron). */
  sessions: count,
  sessionLength: v.optional(v.record(v.picklist(SESSION_LENGTHS), count), {}),
  /** Sessions in which Quechua was on screen at some point. */
  quechuaSessions: count,
  /** Sessions that began with the kiosk offline. */
  offlineSessions: count,
  guidesOpened: v.optional(countsById, {}),
  categoriesOpened: v.optional(countsById, {}),
  formsSent: v.optional(countsById, {}),
  /** The guide's checklist printed, by guide. */
  guidesPrinted: v.optional(countsById, {}),
  /** A guide's outside address shown as a QR code to scan, by guide. */
  qrShown: v.optional(countsById, {}),
  /** "Did this guide help you?" answered yes / no, by guide. */
  guideUseful: v.optional(countsById, {}),
  guideNotUseful: v.optional(countsById, {}),
  /** Searches that found nothing, by normalised text. */
  unmetSearches: v.optional(v.pipe(v.record(unmetSearchText, count), v.check((r) => Object.keys(r).length <= 500, 'too many searches')), {}),
});
export type UsageCounts = v.InferOutput<typeof UsageCountsSchema>;

/** The counters kept by id (what a day's row adds up per key). */
export const KEYED_COUNTERS = ['sessionLength', 'guidesOpened', 'categoriesOpened', 'formsSent', 'guidesPrinted', 'qrShown', 'guideUseful', 'guideNotUseful', 'unmetSearches'] as const;
export type KeyedCounter = (typeof KEYED_COUNTERS)[number];
export const PLAIN_COUNTERS = ['sessions', 'quechuaSessions', 'offlineSessions'] as const;
export type PlainCounter = (typeof PLAIN_COUNTERS)[number];

export const UsageDaySchema = v.object({
  day: usageDay,
  /** Grows by one each time the kiosk changes this day's counters; the server keeps the highest. */
  revision: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(2_147_483_647)),
  counts: UsageCountsSchema,
});
export type UsageDay = v.InferOutput<typeof UsageDaySchema>;

/** Days a kiosk sends in one request (and keeps unsent before it forgets the oldest). */
export const MAX_USAGE_DAYS = 62;

export const UsageRequestSchema = v.object({ days: v.pipe(v.array(UsageDaySchema), v.maxLength(MAX_USAGE_DAYS)) });
export type UsageRequest = v.InferOutput<typeof UsageRequestSchema>;

/** Why the server will never take a usage day: `day_out_of_range`, a day before 2024 or after
 * tomorrow in Peru (a kiosk clock far off); `invalid_day`, not a UsageDay (a count out of
 * bounds, a search holding a number, a day the calendar has not…). */
export const USAGE_REJECT_CODES = ['day_out_of_range', 'invalid_day'] as const;
export type UsageRejectCode = (typeof USAGE_REJECT_CODES)[number];

/** `stored`: the server now holds this revision. `stale`: it already held this one or a newer
 * one (a retry, an old USB file); either way the kiosk may mark the day sent up to `revision`.
 * `rejected`: the server will never take this day (`code`, one of USAGE_REJECT_CODES); the
 * kiosk drops it rather than send it forever. */
export const UsageResponseSchema = v.object({
  results: v.array(
    v.object({
      day: v.string(),
      revision: v.number(),
      status: v.picklist(['stored', 'stale', 'rejected']),
      code: v.optional(v.string()),
    }),
  ),
});
export type UsageResponse = v.InferOutput<typeof UsageResponseSchema>;

/** One kiosk-day as the server keeps it for the report: where (the kiosk's district, when its
 * enrolment named one), when, and the counts. Never which library or kiosk in the output. */
export interface UsageReportRow {
  kioskId: string;
  district: string | null;
  day: string;
  counts: UsageCounts;
}
