// Reads the usage store one month at a time and keeps each month's published cells: the report
// is public and unauthenticated, so however often it is asked for, the store is read and the
// suppression run at most once per month per `ttlMs` (10 minutes). A month that ended more than
// MAX_USAGE_DAYS ago can no longer change (a kiosk forgets older unsent days), so it is kept for
// a day. One month at a time also bounds memory: a network's history never sits in memory whole.
import type { UbigeoData } from '../../core/ubigeo';
import { MAX_USAGE_DAYS, type UsageReportRow } from '../../core/usage';
import { aggregate } from './aggregate';
import { peruMonth } from '../../core/peru-day';
import { addMonths, isMonth, monthDays, monthsBetween } from './months';
import { suppress, type ReportCell } from './suppress';

/** The storage boundary: the usage store's kiosk-days between two days, both included. */
export interface ReportSource {
  rows(fromDay: string, toDay: string): Promise<UsageReportRow[]>;
}

export interface ReportDataOptions {
  source: ReportSource;
  places: Pick<UbigeoData, 'd' | 'p'>;
  /** The first month the report shows (YYYY-MM); by default 36 months before the last one. */
  firstMonth?: string;
  now?: () => Date;
  ttlMs?: number;
}

/** How many months are published by default, and kept in the cache at most. */
const DEFAULT_MONTHS = 36;
const MAX_CACHED = 120;
const FINAL_TTL_MS = 24 * 60 * 60_000;
const DAY_MS = 24 * 60 * 60_000;

export class ReportData {
  private readonly cache = new Map<string, { at: number; cells: Promise<ReportCell[]> }>();
  private readonly now: () => Date;
  private readonly ttlMs: number;

  constructor(private readonly options: ReportDataOptions) {
    if (options.firstMonth !== undefined && !isMonth(options.firstMonth)) throw new Error(`firstMonth must be written YYYY-MM, not ${options.firstMonth}`);
    this.now = options.now ?? (() => new Date());
    this.ttlMs = options.ttlMs ?? 10 * 60_000;
  }

  /** The months that may be published, oldest first: only months that have ended in Peru. */
  months(): string[] {
    const last = addMonths(peruMonth(this.now()), -1);
    return monthsBetween(this.options.firstMonth ?? addMonths(last, 1 - DEFAULT_MONTHS), last);
  }

  /** A month's cells after suppression. The month must be one of months(). */
  cells(month: string): Promise<ReportCell[]> {
    const at = Date.now();
    const cached = this.cache.get(month);
    const final = this.now().getTime() - Date.parse(`${monthDays(month).to}T23:59:59-05:00`) > MAX_USAGE_DAYS * DAY_MS;
    if (cached && at - cached.at < (final ? Math.max(FINAL_TTL_MS, this.ttlMs) : this.ttlMs)) return cached.cells;
    const cells = this.load(month);
    this.cache.set(month, { at, cells });
    // A failed read is not kept: the next request tries the store again.
    cells.catch(() => this.cache.get(month)?.cells === cells && this.cache.delete(month));
    if (this.cache.size > MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
    return cells;
  }

  private async load(month: string): Promise<ReportCell[]> {
    const { from, to } = monthDays(month);
    const rows = await this.options.source.rows(from, to);
    // Only this month's days, even if a source returned more.
    return suppress(aggregate(rows.filter((row) => row.day >= from && row.day <= to), this.options.places));
  }
}
