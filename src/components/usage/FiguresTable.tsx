// A few figures side by side for two months: the top of the usage page, read as one table.
import { ColumnHeaders } from './ColumnHeaders';

export interface FigureRow {
  key: string;
  label: string;
  /** One text per month column, already formatted ("30 (25 %)"). */
  values: string[];
}

export function FiguresTable({ caption, headers, rows }: { caption: string; headers: string[]; rows: FigureRow[] }) {
  return (
    <table class="figures-table">
      <caption>{caption}</caption>
      <ColumnHeaders headers={headers} />
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.label}</th>
            {row.values.map((value, i) => (
              <td key={i} class="num">
                {value}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
