// A small Frictionless Table Schema (v1) validator for the open data's tests: CSV parsing
// (RFC 4180) and the types and constraints datapackage.json uses (string, integer, boolean,
// yearmonth; required, enum, pattern, minimum, maxLength). Written from the spec because no
// maintained JavaScript validator exists: frictionlessdata's tableschema-js is archived and pulls
// in old axios, moment and csv-parse.

/** RFC 4180: quoted fields, doubled quotes, CRLF records. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (quoted || (c !== ',' && c !== '\r')) {
      field += c;
    } else if (c === ',') {
      record.push(field);
      field = '';
    } else {
      if (text[i + 1] !== '\n') throw new Error(`a bare CR at ${i}`);
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    }
  }
  if (field !== '' || record.length > 0) throw new Error('the last record does not end with CRLF');
  return records;
}

interface Field {
  name: string;
  type: string;
  trueValues?: string[];
  falseValues?: string[];
  constraints: { required?: boolean; enum?: string[]; pattern?: string; minimum?: number; maxLength?: number };
}

/** The problems of one cell against its field, [] when it is valid. */
function checkCell(field: Field, cell: string, missing: string[]): string[] {
  const c = field.constraints;
  if (missing.includes(cell)) return c.required ? [`${field.name} is required`] : [];
  let value: string | number | boolean;
  switch (field.type) {
    case 'string':
      value = cell;
      break;
    case 'integer':
      if (!/^-?\d+$/.test(cell)) return [`${field.name}: ${cell} is not an integer`];
      value = Number(cell);
      break;
    case 'boolean':
      if (field.trueValues?.includes(cell)) value = true;
      else if (field.falseValues?.includes(cell)) value = false;
      else return [`${field.name}: ${cell} is not a boolean`];
      break;
    case 'yearmonth': {
      const m = /^(\d{4})-(\d{2})$/.exec(cell);
      if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return [`${field.name}: ${cell} is not a yearmonth`];
      value = cell;
      break;
    }
    default:
      return [`${field.name}: the validator does not know type ${field.type}`];
  }
  const problems: string[] = [];
  if (c.enum && !c.enum.includes(String(value))) problems.push(`${field.name}: ${cell} is not one of the enum`);
  // Table Schema patterns are XML Schema regular expressions: implicitly anchored.
  if (c.pattern && !new RegExp(`^(?:${c.pattern})$`).test(cell)) problems.push(`${field.name}: ${cell} does not match ${c.pattern}`);
  if (c.minimum !== undefined && typeof value === 'number' && value < c.minimum) problems.push(`${field.name}: ${cell} is below ${c.minimum}`);
  if (c.maxLength !== undefined && cell.length > c.maxLength) problems.push(`${field.name}: longer than ${c.maxLength}`);
  return problems;
}

export interface TableSchema {
  fields: readonly object[];
  missingValues: string[];
}

/** Every problem of a CSV text against a Table Schema: the header, then each cell. */
export function validateTable(text: string, schema: TableSchema): string[] {
  const [header, ...records] = parseCsv(text);
  const fields = schema.fields as Field[];
  const problems: string[] = [];
  if (JSON.stringify(header) !== JSON.stringify(fields.map((f) => f.name))) problems.push(`header is ${header?.join(',')}`);
  records.forEach((record, i) => {
    if (record.length !== fields.length) problems.push(`row ${i + 2} has ${record.length} cells`);
    else fields.forEach((field, j) => problems.push(...checkCell(field, record[j]!, schema.missingValues).map((p) => `row ${i + 2}: ${p}`)));
  });
  return problems;
}

