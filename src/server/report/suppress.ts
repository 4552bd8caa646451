// Privacy by construction: which cells may be published.
//
// 1. Primary suppression: a cell that fewer than 5 kiosk-days added to is not published.
// 2. Complementary suppression, until nothing changes. Each additive group is one equation,
//    total = sum of its parts: the keys of an indicator and their total in one area-month, or the
//    child areas and their parent for one indicator and key. An equation with exactly one hidden
//    cell gives that cell away by subtraction, so one more is hidden: the smallest published part
//    (or, when no part is left, the total). This counts the total as one of the equation's cells:
//    a hidden department whose only province is published would otherwise be read off the
//    province, and from there whatever it was hiding.
// 3. Unmet searches: a text is published only where 5 kiosk-days saw it, and a hidden one is left
//    out altogether (its words are what must not show); they have no total, so only the area
//    groups apply to them.
// See docs/impact-data.md.
import { cellId, parentOf, type Cell } from './aggregate';
import { INDICATORS, keyTotalOf, type Indicator } from './indicators';

export const MIN_KIOSK_DAYS = 5;

/** The indicator whose total row each indicator's keys add up to (its key is always ''). */
const KEY_TOTALS = Object.fromEntries(INDICATORS.map((name) => [name, keyTotalOf(name)?.indicator ?? null])) as Record<Indicator, Indicator | null>;

export interface ReportCell extends Cell {
  suppressed: boolean;
}

export interface AdditiveGroup {
  /** Cell ids, as cellId() writes them. */
  total: string;
  members: string[];
}

/** Every group of cells that add up to another cell, for the cells given. */
export function additiveGroups(cells: ReadonlyMap<string, Cell>): AdditiveGroup[] {
  const byKeys = new Map<string, AdditiveGroup>();
  const byAreas = new Map<string, AdditiveGroup>();
  const join = (groups: Map<string, AdditiveGroup>, total: string, member: string) => {
    // A total that does not exist is a zero everyone can see: nothing to protect.
    if (!cells.has(total)) return;
    const group = groups.get(total);
    if (group) group.members.push(member);
    else groups.set(total, { total, members: [member] });
  };
  for (const [id, cell] of cells) {
    const keyTotal = KEY_TOTALS[cell.indicator];
    if (keyTotal !== null && (cell.key !== '' || keyTotal !== cell.indicator)) join(byKeys, cellId(cell.month, cell.area, keyTotal, ''), id);
    const parent = parentOf(cell.area);
    if (parent !== null) join(byAreas, cellId(cell.month, parent, cell.indicator, cell.key), id);
  }
  return [...byKeys.values(), ...byAreas.values()];
}

const smallestFirst = (a: ReportCell, b: ReportCell) =>
  a.value - b.value || a.kioskDays - b.kioskDays || (a.area < b.area ? -1 : a.area > b.area ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** The cells with their `suppressed` mark; hidden unmet searches are left out. */
export function suppress(cells: readonly Cell[]): ReportCell[] {
  const byId = new Map<string, ReportCell>();
  for (const cell of cells) byId.set(cellId(cell.month, cell.area, cell.indicator, cell.key), { ...cell, suppressed: cell.kioskDays < MIN_KIOSK_DAYS });
  const groups = additiveGroups(byId).map((group) => ({ total: byId.get(group.total)!, members: group.members.map((id) => byId.get(id)!) }));
  // The groups each cell is in (as total or part), to look again only where something changed.
  const groupsOf = new Map<ReportCell, number[]>();
  groups.forEach((group, index) => {
    for (const cell of [group.total, ...group.members]) {
      const list = groupsOf.get(cell);
      if (list) list.push(index);
      else groupsOf.set(cell, [index]);
    }
  });
  // Every hide adds one suppressed cell and there are finitely many: the work list runs out.
  const pending = groups.map((_, index) => index);
  const queued = new Set(pending);
  while (pending.length > 0) {
    const index = pending.pop()!;
    queued.delete(index);
    const { total, members } = groups[index]!;
    let hidden = total.suppressed ? 1 : 0;
    for (const member of members) if (member.suppressed) hidden++;
    if (hidden !== 1) continue;
    // With the total hidden, every part is published and one of them is picked.
    let next: ReportCell | undefined;
    for (const member of members) if (!member.suppressed && (!next || smallestFirst(member, next) < 0)) next = member;
    next ??= total;
    next.suppressed = true;
    for (const other of groupsOf.get(next) ?? []) {
      if (queued.has(other)) continue;
      pending.push(other);
      queued.add(other);
    }
  }
  return [...byId.values()].filter((cell) => !(cell.suppressed && cell.indicator === 'busquedas_sin_resultado'));
}
