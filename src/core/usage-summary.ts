// The librarian's view of this kiosk's usage counters: the days of a calendar month in Peru
// added up into the figures the panel shows (sessions, the share in Quechua, what was opened,
// sent, found not useful, searched for and not found). Pure: the days come in, figures go out.
// Lists are cut to the first few (a page that prints on one sheet); ties are broken by id, so
// the same days always give the same list.
import { addMonths, peruMonth } from './peru-day';
import { SESSION_LENGTHS, type SessionLength } from './usage-count';
import type { UsageCounts } from './usage';

/** How many entries each list shows; the rest are only counted (`more`). */
export const TOP_ENTRIES = 5;

export interface Ranked {
  id: string;
  count: number;
}

export interface GuideVerdict {
  id: string;
  useful: number;
  notUseful: number;
}

export interface TopList<T> {
  entries: T[];
  /** Entries left out of `entries` by the cut. */
  more: number;
}

export interface MonthSummary {
  /** YYYY-MM, a calendar month in Peru. */
  month: string;
  /** Days of the month with anything counted. */
  daysCounted: number;
  sessions: number;
  quechuaSessions: number;
  /** Whole percent of sessions with Quechua on screen; undefined with no sessions. */
  quechuaPercent: number | undefined;
  offlineSessions: number;
  /** Sessions by length, every bucket present, in SESSION_LENGTHS order. */
  sessionLength: Array<{ length: SessionLength; count: number }>;
  formsSentTotal: number;
  guides: TopList<Ranked>;
  categories: TopList<Ranked>;
  forms: TopList<Ranked>;
  /** Guides with at least one "not useful" answer: those with more no than yes first, then by
   * most no, then by fewest yes. */
  notUseful: TopList<GuideVerdict>;
  unmetSearches: TopList<Ranked>;
}

export interface UsageDayCounts {
  day: string;
  counts: UsageCounts;
}

/** The months the panel shows at `now`, in Peru, and the days to read for them. */
export function reportMonths(now = new Date()): { thisMonth: string; lastMonth: string; fromDay: string; toDay: string } {
  const thisMonth = peruMonth(now);
  const lastMonth = previousMonth(thisMonth);
  // Days are compared as text, so "-31" closes every month, short ones included.
  return { thisMonth, lastMonth, fromDay: `${lastMonth}-01`, toDay: `${thisMonth}-31` };
}

/** "2026-01" → "2025-12". */
export function previousMonth(month: string): string {
  return addMonths(month, -1);
}

/** This month and the last, at `now` in Peru. */
export function summarizeUsage(days: UsageDayCounts[], now = new Date(), top = TOP_ENTRIES): { thisMonth: MonthSummary; lastMonth: MonthSummary } {
  const { thisMonth, lastMonth } = reportMonths(now);
  return { thisMonth: summarizeMonth(days, thisMonth, top), lastMonth: summarizeMonth(days, lastMonth, top) };
}

/** Adds up the days that fall in `month` (YYYY-MM); other days are ignored. */
export function summarizeMonth(days: UsageDayCounts[], month: string, top = TOP_ENTRIES): MonthSummary {
  const inMonth = days.filter((d) => d.day.slice(0, 7) === month);
  const sum = (pick: (c: UsageCounts) => number) => inMonth.reduce((total, d) => total + pick(d.counts), 0);
  const keyed = (pick: (c: UsageCounts) => Record<string, number> | undefined) => {
    const totals = new Map<string, number>();
    for (const d of inMonth) for (const [key, n] of Object.entries(pick(d.counts) ?? {})) totals.set(key, (totals.get(key) ?? 0) + n);
    return totals;
  };

  const sessions = sum((c) => c.sessions);
  const quechuaSessions = sum((c) => c.quechuaSessions);
  const lengths = keyed((c) => c.sessionLength);
  const forms = keyed((c) => c.formsSent);
  const useful = keyed((c) => c.guideUseful);
  const notUseful = keyed((c) => c.guideNotUseful);

  const verdicts = [...notUseful]
    .filter(([, no]) => no > 0)
    .map(([id, no]): GuideVerdict => ({ id, useful: useful.get(id) ?? 0, notUseful: no }))
    .sort((a, b) => Number(b.notUseful > b.useful) - Number(a.notUseful > a.useful) || b.notUseful - a.notUseful || a.useful - b.useful || byId(a.id, b.id));

  return {
    month,
    daysCounted: inMonth.filter((d) => hasAnything(d.counts)).length,
    sessions,
    quechuaSessions,
    quechuaPercent: sessions > 0 ? Math.round((100 * quechuaSessions) / sessions) : undefined,
    offlineSessions: sum((c) => c.offlineSessions),
    sessionLength: SESSION_LENGTHS.map((length) => ({ length, count: lengths.get(length) ?? 0 })),
    formsSentTotal: [...forms.values()].reduce((a, b) => a + b, 0),
    guides: ranked(keyed((c) => c.guidesOpened), top),
    categories: ranked(keyed((c) => c.categoriesOpened), top),
    forms: ranked(forms, top),
    notUseful: cut(verdicts, top),
    unmetSearches: ranked(keyed((c) => c.unmetSearches), top),
  };
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Most first, ties by id; zero counts are not entries. */
function ranked(totals: Map<string, number>, top: number): TopList<Ranked> {
  const all = [...totals]
    .filter(([, count]) => count > 0)
    .map(([id, count]) => ({ id, count }))
    .sort((a, b) => b.count - a.count || byId(a.id, b.id));
  return cut(all, top);
}

function cut<T>(all: T[], top: number): TopList<T> {
  return { entries: all.slice(0, top), more: Math.max(0, all.length - top) };
}

function hasAnything(counts: UsageCounts): boolean {
  return Object.values(counts).some((value) => (typeof value === 'number' ? value > 0 : Object.values(value ?? {}).some((n) => n > 0)));
}
