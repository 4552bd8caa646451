// Peru keeps UTC−5 all year (no daylight saving): the calendar day and month there, whatever
// the machine's time zone. A kiosk's clock in UTC would otherwise count 7 p.m. as tomorrow.

/** The date in Peru at `now`, YYYY-MM-DD. */
export function peruDay(now = new Date()): string {
  return new Date(now.getTime() - 5 * 3_600_000).toISOString().slice(0, 10);
}

/** The month in Peru at `now`, YYYY-MM. */
export function peruMonth(now = new Date()): string {
  return peruDay(now).slice(0, 7);
}

/** The month `delta` months after `month` (YYYY-MM; negative goes back). */
export function addMonths(month: string, delta: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (m - 1) + delta;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}
