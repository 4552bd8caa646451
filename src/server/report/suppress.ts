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
import { keyTotalOf } from './indicators';

export const MIN_KIOSK_DAYS = 5;

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
  const groups = new Map<string, AdditiveGroup>();
  const join = (kind: string, total: string, member: string) => {
    // A total that does not exist is a zero everyone can see: nothing to protect.
    if (!cells.has(total)) return;
    const name = `${kind}:${total}`;
    let group = groups.get(name);
    if (!group) groups.set(name, (group = { total, members: [] }));
    group.members.push(member);
  };
  for (const [id, cell] of cells) {
    const keyTotal = keyTotalOf(cell.indicator);
    const isKey = keyTotal !== null && (cell.key !== '' || keyTotal.indicator !== cell.indicator);
    if (isKey) join('keys', cellId(cell.month, cell.area, keyTotal.indicator, keyTotal.key), id);
    const parent = parentOf(cell.area);
    if (parent !== null) join('areas', cellId(cell.month, parent, cell.indicator, cell.key), id);
  }
  return [...groups.values()];
}

const smallestFirst = (a: ReportCell, b: ReportCell) =>
  a.value - b.value || a.kioskDays - b.kioskDays || (a.area < b.area ? -1 : a.area > b.area ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** The cells with their `suppressed` mark; hidden unmet searches are left out. */
export function suppress(cells: readonly Cell[]): ReportCell[] {
  const byId = new Map<string, ReportCell>();
  for (const cell of cells) byId.set(cellId(cell.month, cell.area, cell.indicator, cell.key), { ...cell, suppressed: cell.kioskDays < MIN_KIOSK_DAYS });
  const groups = additiveGroups(byId);
  // Each pass hides at least one more cell or ends; there are finitely many cells.
  for (let changed = true; changed; ) {
    changed = false;
    for (const group of groups) {
      const total = byId.get(group.total)!;
      const members = group.members.map((id) => byId.get(id)!);
      const hidden = members.filter((m) => m.suppressed).length + (total.suppressed ? 1 : 0);
      if (hidden !== 1) continue;
      // With the total hidden, every part is published and one of them is picked.
      const next = members.filter((m) => !m.suppressed).sort(smallestFirst)[0] ?? total;
      next.suppressed = true;
      changed = true;
    }
  }
  return [...byId.values()].filter((cell) => !(cell.suppressed && cell.indicator === 'busquedas_sin_resultado'));
}
