// Counts as a table with a bar in each count cell. The table is what assistive technology
// reads, once: its caption names the topic and the month, its headers name the columns and the
// rows. The bars are drawn for the eye only (aria-hidden SVG, which also prints without the
// browser's "background graphics" option and needs no inline style under the page's CSP).
import { ColumnHeaders } from './ColumnHeaders';

export interface BarRow {
  key: string;
  label: string;
  /** The label's language when it is not the page's (a guide title with no Quechua yet). */
  lang?: string;
  value: number;
  /** Numbers shown after the bar's, one per header after the second. */
  extra?: number[];
}

export interface BarTableProps {
  /** The visible caption (the month). */
  caption: string;
  /** Read before the caption by screen readers only: the section's title says it on screen. */
  topic: string;
  /** The rows' header, the bar's number, then one per `extra` number. */
  headers: string[];
  rows: BarRow[];
  /** The value a full bar stands for: the same for tables shown side by side. */
  max: number;
  /** Said instead of the table when there are no rows. */
  empty: string;
  /** Said under the table when the list was cut. */
  more?: string;
}

export function BarTable({ caption, topic, headers, rows, max, empty, more }: BarTableProps) {
  if (rows.length === 0) {
    return (
      <div class="bar-block">
        <p class="bar-caption">
          <span class="visually-hidden">{topic}: </span>
          {caption}
        </p>
        <p class="empty">{empty}</p>
      </div>
    );
  }
  return (
    <div class="bar-block">
      <table class={rows.some((r) => r.extra?.length) ? 'bar-table has-extra' : 'bar-table'}>
        <caption>
          <span class="visually-hidden">{topic}: </span>
          {caption}
        </caption>
        <ColumnHeaders headers={headers} />
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row" lang={row.lang}>
                {row.label}
              </th>
              <td class="num bar-col">
                <span class="bar-cell">
                  <Bar value={row.value} max={max} />
                  <span>{row.value}</span>
                </span>
              </td>
              {row.extra?.map((n, i) => (
                <td key={i} class="num">
                  {n}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {more && <p class="more">{more}</p>}
    </div>
  );
}

function Bar({ value, max }: { value: number; max: number }) {
  // A count above zero always shows a sliver, so it never reads as nothing.
  const width = value > 0 ? Math.max(2, (100 * value) / Math.max(max, 1)) : 0;
  return (
    <svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
      <rect width={Math.min(width, 100)} height="10" />
    </svg>
  );
}
