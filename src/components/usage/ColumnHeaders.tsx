// The header row of the usage page's tables: the rows' header, then number columns.
export function ColumnHeaders({ headers }: { headers: string[] }) {
  return (
    <thead>
      <tr>
        {headers.map((header, i) => (
          <th key={header} scope="col" class={i > 0 ? 'num' : undefined}>
            {header}
          </th>
        ))}
      </tr>
    </thead>
  );
}
