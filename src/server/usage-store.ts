// Kiosks' per-day usage counters, counted once: one row per (kiosk, day) holding the highest
// revision the kiosk sent of that day's counters. A push, a retry and a USB file all go
// through `receive` (each day read alone) and `upsert`, whose single INSERT … ON CONFLICT …
// WHERE keeps the higher revision even when two pushes of the same day race. Also what the
// network's report reads (`reportRows`) and the editors' listing of guides by usefulness
// (`guideUsefulness`). See docs/impact-data.md.
import * as v from 'valibot';
import { emptyCounts, type UsageCounts, type UsageDay, usageDay, UsageDaySchema, type UsageRejectCode, type UsageReportRow, type UsageResponse } from '../core/usage';
import { FEEDBACK_FORM_ID, FEEDBACK_PROBLEM_FIELD } from '../core/feedback-form';
import { peruDay } from '../core/peru-day';
import { isSafeText } from '../core/wire-schema';
import type { Db } from './db';

export type UsageResult = UsageResponse['results'][number];

/** No Chaski kiosk counted anything before 2024: an earlier day is a clock gone wrong. */
export const FIRST_USAGE_DAY = '2024-01-01';

export { FEEDBACK_FORM_ID };

/** The days a kiosk may send at `now`: from 2024 to tomorrow in Peru (a day of grace for a
 * kiosk clock a little ahead around midnight). */
export function acceptedDays(now: Date): { first: string; last: string } {
  return { first: FIRST_USAGE_DAY, last: peruDay(new Date(now.getTime() + 24 * 60 * 60 * 1000)) };
}

/** How a day the server will never take is named back: its `day` and `revision` as sent when
 * they can be read (so the kiosk knows which to drop), '' and 0 when not. */
function rejected(item: unknown, code: UsageRejectCode): UsageResult {
  const sent = (item ?? {}) as { day?: unknown; revision?: unknown };
  const day = typeof sent.day === 'string' && sent.day.length <= 40 && isSafeText(sent.day) ? sent.day : '';
  const revision = Number.isSafeInteger(sent.revision) ? (sent.revision as number) : 0;
  return { day, revision, status: 'rejected', code };
}

/** Reads each day on its own, as a push reads each submission: the days the server keeps, and
 * the answer of each day it will never take, by its place in the list. */
function readUsageDays(items: readonly unknown[], now: Date): { days: Array<{ at: number; day: UsageDay }>; refused: Array<{ at: number; result: UsageResult }> } {
  const { first, last } = acceptedDays(now);
  const days: Array<{ at: number; day: UsageDay }> = [];
  const refused: Array<{ at: number; result: UsageResult }> = [];
  items.forEach((item, at) => {
    const parsed = v.safeParse(UsageDaySchema, item);
    if (!parsed.success) refused.push({ at, result: rejected(item, 'invalid_day') });
    else if (parsed.output.day < first || parsed.output.day > last) refused.push({ at, result: rejected(item, 'day_out_of_range') });
    else days.push({ at, day: parsed.output });
  });
  return { days, refused };
}

/** One guide in the editors' listing: how patrons found it, over every kiosk-day received. */
export interface GuideUsefulness {
  guideId: string;
  /** Its title in the catalogue; null when the guide was removed from it. */
  title: { es: string; qu: string } | null;
  opened: number;
  useful: number;
  notUseful: number;
  /** Feedback form submissions about this guide, and those among them that say what is wrong
   * or missing (a `problema` answer). */
  feedback: number;
  wrongReports: number;
  /** (notUseful + wrongReports) / (useful + notUseful + wrongReports); null with no answers. */
  complaintShare: number | null;
  /** What the listing sorts by, highest first: the lower bound of the 95% Wilson interval of
   * complaintShare, so one "no" out of one answer does not outrank 40 out of 100. */
  rank: number;
}

/** The lower bound of the 95% Wilson score interval for `hits` out of `total`. */
export function wilsonLowerBound(hits: number, total: number): number {
  if (total === 0) return 0;
  const z = 1.96;
  const p = hits / total;
  const z2n = (z * z) / total;
  return (p + z2n / 2 - z * Math.sqrt((p * (1 - p)) / total + z2n / (4 * total))) / (1 + z2n);
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export class UsageStore {
  constructor(private readonly db: Db) {}

  /** Keeps each day's highest revision, answering each day in order: `stored` when this
   * revision is now the one held, `stale` when the server already held it or a newer one. One
   * statement: atomic, and under concurrent pushes of the same day the WHERE is checked against
   * the row as the other push left it, so the higher revision is never lost. */
  async upsert(kioskId: string, days: readonly UsageDay[]): Promise<UsageResult[]> {
    if (days.length === 0) return [];
    // The same day twice in one list: one INSERT cannot touch a row twice, so only its highest
    // revision (the first of equals) goes to the database; the others are stale.
    const best = new Map<string, UsageDay>();
    for (const day of days) {
      const held = best.get(day.day);
      if (!held || day.revision > held.revision) best.set(day.day, day);
    }
    // In date order: two pushes sharing days then lock their rows in the same order, and
    // cannot deadlock (which PostgreSQL would end by failing one of them).
    const inDayOrder = [...best.values()].sort((a, b) => (a.day < b.day ? -1 : 1));
    const rows = inDayOrder.map(({ day, revision, counts }) => ({ day, revision, counts }));
    const stored = await this.db.query<{ day: string }>(
      `INSERT INTO usage_days (kiosk_id, day, revision, counts)
       SELECT $1, r.day, r.revision, r.counts FROM jsonb_to_recordset($2::jsonb) AS r(day date, revision integer, counts jsonb)
       ON CONFLICT (kiosk_id, day) DO UPDATE SET revision = excluded.revision, counts = excluded.counts, received_at = now()
       WHERE excluded.revision > usage_days.revision
       RETURNING to_char(day, 'YYYY-MM-DD') AS day`,
      [kioskId, JSON.stringify(rows)],
    );
    const storedDays = new Set(stored.map((row) => row.day));
    return days.map((day) => ({ day: day.day, revision: day.revision, status: best.get(day.day) === day && storedDays.has(day.day) ? 'stored' : 'stale' }));
  }

  /** A push's days (or an outbox file's), each read alone, answered in order: `stored`,
   * `stale`, or `rejected` with why. */
  async receive(kioskId: string, items: readonly unknown[], now = new Date()): Promise<UsageResult[]> {
    const { days, refused } = readUsageDays(items, now);
    const results: UsageResult[] = new Array<UsageResult>(items.length);
    for (const { at, result } of refused) results[at] = result;
    const stored = await this.upsert(kioskId, days.map(({ day }) => day));
    days.forEach(({ at }, i) => (results[at] = stored[i]!));
    return results;
  }

  /** Every kiosk-day from `fromDay` to `toDay` (inclusive), with the kiosk's district as it is
   * now (a corrected district moves the kiosk's past days too). Revoked kiosks' days are
   * included: they were received while the kiosk was trusted, and a library that retires its
   * computer must not vanish from the network's history. */
  async reportRows(fromDay: string, toDay: string): Promise<UsageReportRow[]> {
    if (!v.is(usageDay, fromDay) || !v.is(usageDay, toDay)) throw new RangeError(`report days must be written YYYY-MM-DD: ${fromDay} to ${toDay}`);
    const rows = await this.db.query<{ kiosk_id: string; district: string | null; day: string; counts: UsageCounts }>(
      `SELECT u.kiosk_id, k.district, to_char(u.day, 'YYYY-MM-DD') AS day, u.counts
       FROM usage_days u JOIN kiosks k ON k.id = u.kiosk_id
       WHERE u.day BETWEEN $1::date AND $2::date ORDER BY u.day, u.kiosk_id`,
      [fromDay, toDay],
    );
    // Counters a later kiosk version adds are absent from older rows: read as zero.
    return rows.map((row) => ({ kioskId: row.kiosk_id, district: row.district, day: row.day, counts: { ...emptyCounts(), ...row.counts } }));
  }

  /** Every guide that is in the catalogue, was counted, or has feedback; least useful first. */
  async guideUsefulness(): Promise<GuideUsefulness[]> {
    const counted = await this.db.query<{ guide: string; counter: 'guidesOpened' | 'guideUseful' | 'guideNotUseful'; n: string | number }>(
      `SELECT e.key AS guide, c.counter, sum(e.value::bigint) AS n
       FROM usage_days u
       CROSS JOIN (VALUES ('guidesOpened'), ('guideUseful'), ('guideNotUseful')) AS c (counter)
       CROSS JOIN LATERAL jsonb_each_text(u.counts -> c.counter) AS e
       GROUP BY e.key, c.counter`,
    );
    const feedback = await this.db.query<{ guide: string; feedback: string | number; wrong: string | number }>(
      `SELECT payload -> 'context' ->> 'guideId' AS guide, count(*) AS feedback,
              count(*) FILTER (WHERE coalesce(payload -> 'answers' ->> $2, '') <> '') AS wrong
       FROM submissions WHERE form_id = $1 AND payload -> 'context' ->> 'guideId' IS NOT NULL GROUP BY 1`,
      [FEEDBACK_FORM_ID, FEEDBACK_PROBLEM_FIELD],
    );
    const catalogue = await this.db.query<{ id: string; title: { es: string; qu: string } }>(`SELECT id, body -> 'title' AS title FROM catalog_records WHERE kind = 'guide' AND NOT deleted`);

    const guides = new Map<string, GuideUsefulness>();
    const guide = (guideId: string) => {
      let entry = guides.get(guideId);
      if (!entry) guides.set(guideId, (entry = { guideId, title: null, opened: 0, useful: 0, notUseful: 0, feedback: 0, wrongReports: 0, complaintShare: null, rank: 0 }));
      return entry;
    };
    for (const row of catalogue) guide(row.id).title = row.title;
    const field = { guidesOpened: 'opened', guideUseful: 'useful', guideNotUseful: 'notUseful' } as const;
    for (const row of counted) guide(row.guide)[field[row.counter]] = Number(row.n);
    for (const row of feedback) Object.assign(guide(row.guide), { feedback: Number(row.feedback), wrongReports: Number(row.wrong) });

    for (const entry of guides.values()) {
      const complaints = entry.notUseful + entry.wrongReports;
      const answers = entry.useful + complaints;
      entry.complaintShare = answers === 0 ? null : round(complaints / answers);
      entry.rank = round(wilsonLowerBound(complaints, answers));
    }
    return [...guides.values()].sort(
      (a, b) => b.rank - a.rank || b.notUseful + b.wrongReports - (a.notUseful + a.wrongReports) || b.opened - a.opened || (a.guideId < b.guideId ? -1 : a.guideId > b.guideId ? 1 : 0),
    );
  }
}
