// Facts that end: a campaign price, a free period, a call for applications. One rule for the
// publisher's check and for the kiosk, so what `content:check` lets through is exactly what the
// kiosk states until the day after `until`.
import type { Guide } from './content-schema';

export interface DatedFact {
  /** Dotted path of the fact in the guide, as `content:check` names fields: `cost`, `steps.2`. */
  field: string;
  /** The last day the fact holds, YYYY-MM-DD. */
  until: string;
}

/** Every fact of a guide that carries an end date. */
export function datedFacts(guide: Pick<Guide, 'cost' | 'requirements' | 'steps'>): DatedFact[] {
  const facts: DatedFact[] = [];
  if (guide.cost.until) facts.push({ field: 'cost', until: guide.cost.until });
  guide.requirements.forEach((item, i) => item.until && facts.push({ field: `requirements.${i}`, until: item.until }));
  guide.steps.forEach((step, i) => step.until && facts.push({ field: `steps.${i}`, until: step.until }));
  return facts;
}

/** Whether a fact that holds through `until` has passed on `today` (both YYYY-MM-DD, Peru's
 * calendar: core/peru-day.ts). A fact without a date never passes. */
export function hasPassed(until: string | undefined, today: string): boolean {
  return until !== undefined && until < today;
}

/** The day `days` after `day` (YYYY-MM-DD), in the calendar alone: no time zone moves it. */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
