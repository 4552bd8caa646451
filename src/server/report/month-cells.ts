// One month's report cells, looked up the way the page reads them.
import { levelOf, NO_DISTRICT } from './aggregate';
import type { Indicator } from './indicators';
import type { ReportCell } from './suppress';

export class MonthCells {
  private readonly byId = new Map<string, ReportCell>();
  private readonly keysOf = new Map<string, ReportCell[]>();
  readonly areas: string[];

  constructor(cells: readonly ReportCell[]) {
    const areas = new Set<string>();
    for (const cell of cells) {
      areas.add(cell.area);
      this.byId.set(`${cell.area}|${cell.indicator}|${cell.key}`, cell);
      if (cell.key === '') continue;
      const list = this.keysOf.get(`${cell.area}|${cell.indicator}`) ?? [];
      list.push(cell);
      this.keysOf.set(`${cell.area}|${cell.indicator}`, list);
    }
    this.areas = [...areas].sort();
  }

  get empty(): boolean {
    return this.byId.size === 0;
  }

  get(area: string, indicator: Indicator, key = ''): ReportCell | undefined {
    return this.byId.get(`${area}|${indicator}|${key}`);
  }

  /** The cells of an indicator's keys in an area: published ones largest first, then the
   * suppressed ones by key (never by their hidden values, which the order would give away). */
  keys(area: string, indicator: Indicator): ReportCell[] {
    return [...(this.keysOf.get(`${area}|${indicator}`) ?? [])].sort(
      (a, b) =>
        Number(a.suppressed) - Number(b.suppressed) ||
        (a.suppressed ? 0 : b.value - a.value) ||
        (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
    );
  }

  departments(): string[] {
    return this.areas.filter((area) => levelOf(area) === 'departamento');
  }

  provinces(): string[] {
    return this.areas.filter((area) => levelOf(area) === 'provincia');
  }

  hasNoDistrict(): boolean {
    return this.areas.includes(NO_DISTRICT);
  }
}
