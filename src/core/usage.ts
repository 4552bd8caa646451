// What the kiosk counts about its use, and nothing more: per-day counters, never a log. No
// time finer than the day, no per-patron row, nothing typed into a form. Searches that found
// nothing are kept as normalised words, and never when they hold 4 or more digits in a row (a
// DNI, a phone). A kiosk sends each day's counters whole, with a revision that only grows, so
// the server's upsert keyed by (kiosk, day) counts a day once however often it arrives (a
// retry, a second push after more use, the same USB file twice). See docs/impact-data.md.
import * as v from 'valibot';
import { normalize } from './search-text';
import { slugId } from './wire-schema';

/** A calendar day in Peru (UTC−5 all year), YYYY-MM-DD. */
export const usageDay = v.pipe(v.string(), v.isoDate('must be a day written YYYY-MM-DD'));

const count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000));
/** Counts by id (guide, category, form); at most a few hundred keys in a day. */
const countsById = v.pipe(v.record(slugId, count), v.check((r) => Object.keys(r).length <= 2000, 'too many keys'));

/** A search kept as a need: up to 6 normalised words, letters and at most 3 digits in a row. */
export const unmetSearchText = v.pipe(
  v.string(),
  v.minLength(2),
  v.maxLength(80),
  v.regex(/^[\p{Ll}\p{N}ñ]+(?: [\p{Ll}\p{N}ñ]+){0,5}$/u, 'must be normalised words'),
  v.check((text) => !/\d{4}/.test(text), 'must not hold 4 or more digits in a row'),
);

/** How long a session lasted, in minutes. */
export const SESSION_LENGTHS = ['under1', 'from1to5', 'from5to15', 'over15'] as const;
export type SessionLength = (typeof SESSION_LENGTHS)[number];

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

/** `stored`: the server now holds this revision. `stale`: it already held this one or a newer
 * one (a retry, an old USB file); either way the kiosk may mark the day sent up to `revision`. */
export const UsageResponseSchema = v.object({
  results: v.array(v.object({ day: v.string(), revision: v.number(), status: v.picklist(['stored', 'stale']) })),
});
export type UsageResponse = v.InferOutput<typeof UsageResponseSchema>;

export function emptyCounts(): UsageCounts {
  return {
    sessions: 0,
    sessionLength: {},
    quechuaSessions: 0,
    offlineSessions: 0,
    guidesOpened: {},
    categoriesOpened: {},
    formsSent: {},
    guidesPrinted: {},
    qrShown: {},
    guideUseful: {},
    guideNotUseful: {},
    unmetSearches: {},
  };
}

/** One thing that happened, as the kiosk counts it. */
export type UsageEvent =
  | { kind: 'session'; minutes: number; quechua: boolean; offline: boolean }
  | { kind: 'guide' | 'category' | 'form' | 'printed' | 'qr' | 'useful' | 'notUseful'; id: string }
  | { kind: 'unmetSearch'; text: string };

const KEYED_BY_EVENT = {
  guide: 'guidesOpened',
  category: 'categoriesOpened',
  form: 'formsSent',
  printed: 'guidesPrinted',
  qr: 'qrShown',
  useful: 'guideUseful',
  notUseful: 'guideNotUseful',
} as const satisfies Record<string, KeyedCounter>;

export function sessionLength(minutes: number): SessionLength {
  if (minutes < 1) return 'under1';
  if (minutes < 5) return 'from1to5';
  if (minutes < 15) return 'from5to15';
  return 'over15';
}

/** The words of a search as they may be kept, or undefined when it must not be: empty, or
 * holding 4 or more digits in a row (a DNI, a phone, a RUC). */
export function unmetSearchWords(query: string): string | undefined {
  const folded = normalize(query);
  // "4567 8912", "45-67-89-12" and "456.789.12" are the same DNI.
  if (/\p{N}{4}/u.test(folded.replace(/(\p{N})[\s.\-/]+(?=\p{N})/gu, '$1'))) return undefined;
  const words = folded.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0).slice(0, 6);
  const text = words.join(' ').slice(0, 80).trim();
  return v.is(unmetSearchText, text) ? text : undefined;
}

/** Adds one event to a day's counts (in place) and returns them. */
export function countEvent(counts: UsageCounts, event: UsageEvent): UsageCounts {
  const bump = (record: Record<string, number>, key: string) => (record[key] = (record[key] ?? 0) + 1);
  switch (event.kind) {
    case 'session':
      counts.sessions += 1;
      bump(counts.sessionLength, sessionLength(event.minutes));
      if (event.quechua) counts.quechuaSessions += 1;
      if (event.offline) counts.offlineSessions += 1;
      break;
    case 'unmetSearch': {
      const text = unmetSearchWords(event.text);
      if (text) bump(counts.unmetSearches, text);
      break;
    }
    default:
      bump(counts[KEYED_BY_EVENT[event.kind]], event.id);
  }
  return counts;
}

/** One kiosk-day as the server keeps it for the report: where (the kiosk's district, when its
 * enrolment named one), when, and the counts. Never which library or kiosk in the output. */
export interface UsageReportRow {
  kioskId: string;
  district: string | null;
  day: string;
  counts: UsageCounts;
}
