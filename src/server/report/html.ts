// Small HTML helpers for the report page: escaping, numbers, a suppressed cell, a bar, a table.
// The page has no script and no inline style (the Content Security Policy allows neither): bars
// are SVG shapes sized by attributes, and the numbers they draw are in the same table cell.
import type { ReportCell } from './suppress';
import type { Words } from './words';

/** Escapes text for an element or a double-quoted attribute (the only kind this page writes),
 * leaving Quechua's apostrophes (t'inkiy) as they are. */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

// Peru's number format in both languages (as the kiosk's Quechua uses: 1,234).
const numbers = new Intl.NumberFormat('es-PE');
const percents = new Intl.NumberFormat('es-PE', { style: 'percent', maximumFractionDigits: 0 });

export function formatNumber(n: number): string {
  return numbers.format(n);
}

/** A share of two published figures, or null when either is unknown. A cell that is absent is a
 * zero everyone may know; a suppressed one is unknown. */
export function share(part: ReportCell | undefined, whole: ReportCell | undefined): number | null {
  if (!whole || whole.suppressed || whole.value === 0 || part?.suppressed) return null;
  return (part?.value ?? 0) / whole.value;
}

export function formatShare(value: number | null, words: Words): string {
  return value === null ? suppressedHtml(words) : esc(percents.format(value));
}

export function suppressedHtml(words: Words): string {
  return `<span aria-hidden="true">—</span><span class="visually-hidden">${esc(words.suppressed)}</span>`;
}

/** A published figure, "—" for a suppressed one, 0 for one nobody counted. */
export function figureHtml(cell: ReportCell | undefined, words: Words): string {
  if (cell?.suppressed) return suppressedHtml(words);
  return esc(formatNumber(cell?.value ?? 0));
}

/** A figure with its bar, scaled to the largest published figure of the table. */
export function barFigureHtml(cell: ReportCell | undefined, max: number, words: Words): string {
  const figure = figureHtml(cell, words);
  if (!cell || cell.suppressed || max <= 0) return `<span class="figure">${figure}</span>`;
  const width = Math.max(0.5, (100 * cell.value) / max).toFixed(1);
  return (
    `<span class="figure">${figure}</span>` +
    `<svg class="bar" viewBox="0 0 100 4" preserveAspectRatio="none" aria-hidden="true" focusable="false"><rect width="${width}" height="4"></rect></svg>`
  );
}

export const th = (text: string) => `<th scope="row">${esc(text)}</th>`;
export const td = (html: string, numeric = true) => `<td${numeric ? ' class="num"' : ''}>${html}</td>`;

/** A table with column headers and a caption (for assistive technology: the section's heading
 * already says it on screen); rows are cell HTML made with th() and td(). The first
 * `labelColumns` columns name the row, the others hold figures. */
export function tableHtml(caption: string, head: string[], rows: string[][], options: { bars?: boolean; labelColumns?: number } = {}): string {
  const labels = options.labelColumns ?? 1;
  const headRow = head.map((text, i) => `<th scope="col"${i >= labels ? ' class="num"' : ''}>${esc(text)}</th>`).join('');
  const body = rows.map((cells) => `<tr>${cells.join('')}</tr>`).join('\n');
  return `<table${options.bars ? ' class="bars"' : ''}><caption class="visually-hidden">${esc(caption)}</caption>\n<thead><tr>${headRow}</tr></thead>\n<tbody>\n${body}\n</tbody></table>`;
}

/** The largest published value among cells, for scaling bars. */
export function largest(cells: Array<ReportCell | undefined>): number {
  return cells.reduce((max, cell) => (cell && !cell.suppressed && cell.value > max ? cell.value : max), 0);
}
