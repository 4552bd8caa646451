// Months as the report counts them: YYYY-MM in Peru's calendar (UTC−5 all year, no daylight
// saving). A month is published only once it has ended, so the figures of a month never grow
// day by day in public: comparing yesterday's page with today's would otherwise show what one
// kiosk did on one day, whatever the 5 kiosk-days rule says about each cell.
import { addMonths } from '../../core/peru-day';

export { addMonths };

export const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(text: string): boolean {
  return MONTH_PATTERN.test(text);
}

/** Every month from `first` to `last`, both included, oldest first ([] when first > last). */
export function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (let month = first; month <= last; month = addMonths(month, 1)) out.push(month);
  return out;
}

/** The first and last day of a month, as the usage store takes them. */
export function monthDays(month: string): { from: string; to: string } {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}
