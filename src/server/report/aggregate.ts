// From kiosk-days to report cells: one cell per (month, area, indicator, key) with its value and
// the number of kiosk-days that added something to it. Pure: no storage, no suppression (that is
// suppress.ts). Areas are the network, its departments and provinces: a kiosk-day is never
// placed below its province, and a kiosk enrolled without a (known) district counts in the
// network only, as the network's explicit "no district" part, so the departments and that part
// always add up to the network and no subtraction finds those kiosks.
import * as v from 'valibot';
import { UBIGEO_CODE, type UbigeoData } from '../../core/ubigeo';
import { isUnmetSearchText, SESSION_LENGTHS, type UsageCounts, type UsageReportRow } from '../../core/usage';
import { slugId } from '../../core/wire-schema';
import { INDICATOR_SOURCES, INDICATORS, LENGTH_KEYS, type Indicator } from './indicators';

export const NETWORK = 'red';
export const NO_DISTRICT = 'sin_distrito';
export const LEVELS = ['red', 'departamento', 'provincia', 'sin_distrito'] as const;
export type Level = (typeof LEVELS)[number];

/** An area is `red`, `sin_distrito`, a 2-digit department or a 4-digit province ubigeo. */
export function levelOf(area: string): Level {
  if (area === NETWORK) return 'red';
  if (area === NO_DISTRICT) return 'sin_distrito';
  return area.length === 2 ? 'departamento' : 'provincia';
}

/** The area a cell adds up into, or null for the network. */
export function parentOf(area: string): string | null {
  if (area === NETWORK) return null;
  return area.length === 4 ? area.slice(0, 2) : NETWORK;
}

/** Where a kiosk-day counts. A district whose province the INEI list does not know is treated
 * as no district: the report never names a place it cannot name. */
export function areasOf(district: string | null, places: Pick<UbigeoData, 'd' | 'p'>): string[] {
  if (district && UBIGEO_CODE.test(district) && places.d[district.slice(0, 2)] !== undefined && places.p[district.slice(0, 4)] !== undefined) {
    return [NETWORK, district.slice(0, 2), district.slice(0, 4)];
  }
  return [NETWORK, NO_DISTRICT];
}

export interface Cell {
  month: string;
  area: string;
  indicator: Indicator;
  /** '' for an indicator's total; a guide, category or form id, a length bucket, a search text. */
  key: string;
  value: number;
  /** Distinct kiosk-days with a nonzero contribution to this cell. */
  kioskDays: number;
}

export function cellId(month: string, area: string, indicator: Indicator, key: string): string {
  return `${month}|${area}|${indicator}|${key}`;
}

const positive = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n > 0;

/** Whether a key may be published: an id, or a search text without 4 digits in a row. The
 * counts were checked when they arrived; keys are checked again here because they are
 * published. The same keys come back on every kiosk-day, so each is checked once. */
function keyChecker(): (kind: 'searches' | 'keyed', key: string) => boolean {
  const known = new Map<string, boolean>();
  return (kind, key) => {
    const name = `${kind}:${key}`;
    let ok = known.get(name);
    if (ok === undefined) known.set(name, (ok = kind === 'searches' ? isUnmetSearchText(key) : v.is(slugId, key)));
    return ok;
  };
}

/** What one kiosk-day adds: [indicator, key, amount], each cell at most once. */
function contributions(counts: UsageCounts, keyOk: ReturnType<typeof keyChecker>): Array<[Indicator, string, number]> {
  const out: Array<[Indicator, string, number]> = [];
  for (const indicator of INDICATORS) {
    const source = INDICATOR_SOURCES[indicator];
    if (source.kind === 'plain') {
      if (positive(counts[source.counter])) out.push([indicator, '', counts[source.counter]]);
      continue;
    }
    const record: Record<string, number> = counts[source.counter] ?? {};
    if (source.kind === 'lengths') {
      for (const bucket of SESSION_LENGTHS) if (positive(record[bucket])) out.push([indicator, LENGTH_KEYS[bucket], record[bucket]]);
      continue;
    }
    let total = 0;
    for (const [key, n] of Object.entries(record)) {
      if (!positive(n) || !keyOk(source.kind, key)) continue;
      out.push([indicator, key, n]);
      total += n;
    }
    if (source.kind === 'keyed' && total > 0) out.push([indicator, '', total]);
  }
  return out;
}

/** Adds kiosk-days up into cells for every month they cover. The store keeps one row per
 * (kiosk, day); should a source ever repeat one, it is counted once. */
export function aggregate(rows: readonly UsageReportRow[], places: Pick<UbigeoData, 'd' | 'p'>): Cell[] {
  const seen = new Set<string>();
  const cells = new Map<string, Cell>();
  const keyOk = keyChecker();
  for (const row of rows) {
    const kioskDay = `${row.kioskId}|${row.day}`;
    if (seen.has(kioskDay) || !/^\d{4}-\d{2}-\d{2}$/.test(row.day)) continue;
    seen.add(kioskDay);
    const month = row.day.slice(0, 7);
    const areas = areasOf(row.district, places);
    for (const [indicator, key, n] of contributions(row.counts, keyOk)) {
      for (const area of areas) {
        const id = cellId(month, area, indicator, key);
        let cell = cells.get(id);
        if (!cell) cells.set(id, (cell = { month, area, indicator, key, value: 0, kioskDays: 0 }));
        cell.value += n;
        cell.kioskDays += 1;
      }
    }
  }
  return [...cells.values()];
}
