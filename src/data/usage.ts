// The kiosk's usage counters (core/usage.ts): one row per day in the patron database, beside the
// outbox, because they must survive what a catalogue reset or a session's end erases. Counting
// is batched: events wait in memory and are written together, in one transaction, a moment
// later (or at once when the page is hidden, a session ends or a push starts), so a guide view
// costs the patron no IndexedDB write on the way to the screen.
import { countEvent, emptyCounts, type UsageEvent } from '../core/usage-count';
import type { UsageCounts, UsageDay, UsageResponse } from '../core/usage';
import { peruDay } from '../core/peru-day';
import { patronDatabase, type UsageRow } from './patron-db';

/** How long counted events wait before they are written together. */
export const USAGE_FLUSH_MS = 2000;
/** Days kept on the kiosk once sent: this month and the last, for the panel. */
export const USAGE_KEEP_DAYS = 62;

let pending: Array<{ day: string; event: UsageEvent }> = [];
let timer: ReturnType<typeof setTimeout> | undefined;
let writing: Promise<void> = Promise.resolve();

/** Counts one thing that happened, on the day it happened in Peru. Never waits. */
export function countUsage(event: UsageEvent, now = new Date()): void {
  pending.push({ day: peruDay(now), event });
  timer ??= setTimeout(() => void flushUsage(), USAGE_FLUSH_MS);
}

/** Writes what was counted and not yet written, in one transaction; resolves once it is stored
 * (and after any write already under way). */
export function flushUsage(): Promise<void> {
  if (timer !== undefined) clearTimeout(timer);
  timer = undefined;
  const batch = pending;
  pending = [];
  writing = writing.then(() => (batch.length > 0 ? write(batch) : undefined)).catch(() => {
    // A full disk or a closed database: the counts are lost, never the patron's work.
  });
  return writing;
}

async function write(batch: Array<{ day: string; event: UsageEvent }>): Promise<void> {
  const db = patronDatabase();
  const days = [...new Set(batch.map((item) => item.day))];
  await db.transaction('rw', db.usage, async () => {
    const rows = await db.usage.bulkGet(days);
    const updated = days.map((day, i): UsageRow => {
      const row = rows[i] ?? { day, revision: 0, sentRevision: 0, counts: emptyCounts() };
      for (const item of batch) if (item.day === day) countEvent(row.counts, item.event);
      return { ...row, revision: row.revision + 1 };
    });
    await db.usage.bulkPut(updated);
  });
}

/** Days with counts the server has not acknowledged, oldest first, at most `limit`. */
export async function usageToSend(limit = 62): Promise<UsageDay[]> {
  await flushUsage();
  const rows = await patronDatabase().usage.orderBy('day').toArray();
  return rows
    .filter((row) => row.revision > row.sentRevision)
    .slice(0, limit)
    .map(({ day, revision, counts }) => ({ day, revision, counts }));
}

/** Marks days as held by the server up to the revision it answered for (a push's answer or a
 * receipts file's), and forgets sent days older than the panel shows. */
export async function markUsageSent(results: UsageResponse['results'], now = new Date()): Promise<void> {
  const db = patronDatabase();
  const oldest = peruDay(new Date(now.getTime() - USAGE_KEEP_DAYS * 86_400_000));
  await db.transaction('rw', db.usage, async () => {
    for (const result of results) {
      const row = await db.usage.get(result.day);
      if (row && result.revision > row.sentRevision) await db.usage.put({ ...row, sentRevision: Math.min(result.revision, row.revision) });
    }
    await db.usage.where('day').below(oldest).filter((row) => row.sentRevision >= row.revision).delete();
  });
}

/** Each day's counts from `fromDay` to `toDay` (both YYYY-MM-DD, inclusive), for the panel. */
export async function usageDays(fromDay: string, toDay: string): Promise<Array<{ day: string; counts: UsageCounts }>> {
  await flushUsage();
  const rows = await patronDatabase().usage.where('day').between(fromDay, toDay, true, true).toArray();
  return rows.map(({ day, counts }) => ({ day, counts }));
}
