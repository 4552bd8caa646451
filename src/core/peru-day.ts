// Peru keeps UTC−5 all year (no daylight saving): the calendar day there, whatever the
// machine's time zone. A kiosk's clock in UTC would otherwise count 7 p.m. as tomorrow.

/** The date in Peru at `now`, YYYY-MM-DD. */
export function peruDay(now = new Date()): string {
  return new Date(now.getTime() - 5 * 3_600_000).toISOString().slice(0, 10);
}
