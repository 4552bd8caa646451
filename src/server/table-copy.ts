// Copying a whole Chaski database table by table, the same way for PGlite and PostgreSQL:
// `npm run db:move` (PGlite → PostgreSQL), `npm run backup` and `npm run restore` all read and
// write through here. The tables are found in the database itself, not listed in code, so a
// table a later migration adds is copied without anyone remembering to add it here.
//
// A row travels as PostgreSQL's own JSON of it (row_to_json), and goes back in through
// json_populate_recordset: every column type Chaski uses (text, uuid, jsonb, timestamptz, date,
// bytea as hex) survives that unchanged. The same text is what is counted and hashed on both
// sides, so "same hash" means the target prints every row exactly as the source did.
import { createHash } from 'node:crypto';
import type { Queryable } from './db';

export interface TableInfo {
  name: string;
  /** ORDER BY for a stable order: the primary key, text compared bytewise (COLLATE "C") so
   * PGlite and a PostgreSQL with another default collation list rows alike. */
  order: string;
}

export interface TableSummary {
  name: string;
  rows: number;
  /** SHA-256 of the rows' JSON, one per line, in `order`. */
  sha256: string;
}

export interface SequenceState {
  name: string;
  lastValue: string;
  isCalled: boolean;
}

export interface DatabaseSummary {
  /** The latest migration applied (migrations.ts); source and target must agree. */
  migration: number;
  epoch: string;
  tables: TableSummary[];
  sequences: SequenceState[];
}

/** Bookkeeping of migrate() itself: the target gets its own by being migrated. */
const NOT_COPIED = new Set(['schema_migrations']);
/** Rows read per FETCH and written per INSERT (fewer when rows are large, see MAX_BATCH_BYTES). */
export const BATCH_ROWS = 500;
/** A batch of recordings (up to 5 MB of audio each, twice that as hex) stops growing here. */
const MAX_BATCH_BYTES = 16 * 1024 * 1024;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Every session that reads or writes rows prints them the same way whatever the server's
 * settings: timestamps in UTC, bytea as hex. Call first thing in a transaction. */
export async function fixSessionFormat(tx: Queryable): Promise<void> {
  await tx.query(`SET LOCAL TimeZone = 'UTC'`);
  await tx.query(`SET LOCAL bytea_output = 'hex'`);
}

/** The tables to copy, each after the tables its foreign keys point to. */
export async function listTables(tx: Queryable): Promise<TableInfo[]> {
  const tables = (await tx.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  )).map((r) => r.table_name).filter((name) => !NOT_COPIED.has(name));
  const refs = await tx.query<{ child: string; parent: string }>(
    `SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE k.contype = 'f' AND n.nspname = 'public'`,
  );
  const keys = await tx.query<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT k.table_name, k.column_name, c.data_type FROM information_schema.table_constraints t
       JOIN information_schema.key_column_usage k ON k.constraint_name = t.constraint_name AND k.table_schema = t.table_schema AND k.table_name = t.table_name
       JOIN information_schema.columns c ON c.table_schema = k.table_schema AND c.table_name = k.table_name AND c.column_name = k.column_name
     WHERE t.table_schema = 'public' AND t.constraint_type = 'PRIMARY KEY' ORDER BY k.table_name, k.ordinal_position`,
  );
  const order = (table: string) => {
    const columns = keys.filter((k) => k.table_name === table);
    // A table without a primary key is still listed in one order: by its whole row's text.
    if (columns.length === 0) return `row_to_json(t)::text COLLATE "C"`;
    return columns.map((k) => `t.${quote(k.column_name)}${/char|text/.test(k.data_type) ? ' COLLATE "C"' : ''}`).join(', ');
  };
  const sorted: string[] = [];
  const visit = (table: string, path: string[]) => {
    if (sorted.includes(table) || path.includes(table)) return;
    for (const ref of refs) if (ref.child === table && ref.parent !== table && tables.includes(ref.parent)) visit(ref.parent, [...path, table]);
    sorted.push(table);
  };
  for (const table of tables) visit(table, []);
  return sorted.map((name) => ({ name, order: order(name) }));
}

/** The table's rows as JSON text, in batches, through a cursor: a table larger than memory is
 * read a batch at a time. Must run inside a transaction. */
export async function* readRows(tx: Queryable, table: TableInfo, batchRows = BATCH_ROWS): AsyncGenerator<string[]> {
  const cursor = `copy_${table.name.replace(/\W/g, '_')}`;
  await tx.query(`DECLARE ${cursor} NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS j FROM ${quote(table.name)} t ORDER BY ${table.order}`);
  for (;;) {
    const rows = await tx.query<{ j: string }>(`FETCH ${batchRows} FROM ${cursor}`);
    if (rows.length === 0) break;
    yield rows.map((r) => r.j);
    if (rows.length < batchRows) break;
  }
  await tx.query(`CLOSE ${cursor}`);
}

/** Inserts rows given as the JSON readRows yields, a bounded batch per statement. */
export class RowWriter {
  private pending: string[] = [];
  private bytes = 0;

  constructor(private readonly tx: Queryable, private readonly table: string) {}

  async add(rows: string[]): Promise<void> {
    for (const row of rows) {
      this.pending.push(row);
      this.bytes += row.length;
      if (this.pending.length >= BATCH_ROWS || this.bytes >= MAX_BATCH_BYTES) await this.flush();
    }
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const name = quote(this.table);
    await this.tx.query(`INSERT INTO ${name} SELECT * FROM json_populate_recordset(NULL::${name}, $1::json)`, [`[${this.pending.join(',')}]`]);
    this.pending = [];
    this.bytes = 0;
  }
}

/** Counts and hashes rows as they pass. */
export class RowHasher {
  private readonly hash = createHash('sha256');
  private digested: string | undefined;
  rows = 0;

  add(rows: string[]): void {
    for (const row of rows) this.hash.update(`${row}\n`);
    this.rows += rows.length;
  }

  digest(): string {
    this.digested ??= this.hash.digest('hex');
    return this.digested;
  }
}

export async function readSequences(tx: Queryable): Promise<SequenceState[]> {
  const names = await tx.query<{ name: string }>(`SELECT sequence_name AS name FROM information_schema.sequences WHERE sequence_schema = 'public' ORDER BY sequence_name`);
  const states: SequenceState[] = [];
  for (const { name } of names) {
    const [state] = await tx.query<{ last_value: string; is_called: boolean }>(`SELECT last_value::text, is_called FROM ${quote(name)}`);
    states.push({ name, lastValue: state!.last_value, isCalled: state!.is_called });
  }
  return states;
}

/** Sets each sequence where the source's stood, so the next change is numbered after the
 * copied ones (and a kiosk's cursor means the same thing on both databases). */
export async function writeSequences(tx: Queryable, sequences: SequenceState[]): Promise<void> {
  for (const s of sequences) await tx.query(`SELECT setval($1::regclass, $2::bigint, $3)`, [quote(s.name), s.lastValue, s.isCalled]);
}

export async function latestMigration(tx: Queryable): Promise<number> {
  const [row] = await tx.query<{ v: number | null }>(`SELECT max(version) AS v FROM schema_migrations`);
  return Number(row?.v ?? 0);
}

export async function readEpoch(tx: Queryable): Promise<string> {
  const [row] = await tx.query<{ value: string }>(`SELECT value FROM meta WHERE key = 'epoch'`);
  return row?.value ?? '';
}

/** Reads the whole database once for its counts and hashes (the check after a copy). */
export async function summarize(tx: Queryable): Promise<DatabaseSummary> {
  await fixSessionFormat(tx);
  const tables: TableSummary[] = [];
  for (const table of await listTables(tx)) {
    const hasher = new RowHasher();
    for await (const rows of readRows(tx, table)) hasher.add(rows);
    tables.push({ name: table.name, rows: hasher.rows, sha256: hasher.digest() });
  }
  return { migration: await latestMigration(tx), epoch: await readEpoch(tx), tables, sequences: await readSequences(tx) };
}

/** What in the target is not empty: a migrated database holds only its own epoch. Empty list
 * when the target may receive a copy. */
export async function nonEmptyTables(tx: Queryable): Promise<string[]> {
  const found: string[] = [];
  for (const table of await listTables(tx)) {
    const sql = table.name === 'meta' ? `SELECT count(*)::int AS n FROM meta WHERE key <> 'epoch'` : `SELECT count(*)::int AS n FROM ${quote(table.name)}`;
    const [row] = await tx.query<{ n: number }>(sql);
    if ((row?.n ?? 0) > 0) found.push(`${table.name} (${row!.n} rows)`);
  }
  return found;
}

/** Makes way for the copied rows: the target's own epoch gives way to the source's. */
export async function clearSeededRows(tx: Queryable): Promise<void> {
  await tx.query(`DELETE FROM meta`);
}

/** Differences between two summaries, one line each; empty when the copy is exact. */
export function compareSummaries(expected: DatabaseSummary, actual: DatabaseSummary): string[] {
  const problems: string[] = [];
  if (expected.migration !== actual.migration) problems.push(`schema version ${actual.migration}, expected ${expected.migration}`);
  if (expected.epoch !== actual.epoch) problems.push(`epoch ${actual.epoch}, expected ${expected.epoch}`);
  const names = new Set([...expected.tables, ...actual.tables].map((t) => t.name));
  for (const name of names) {
    const want = expected.tables.find((t) => t.name === name);
    const got = actual.tables.find((t) => t.name === name);
    if (!want || !got) problems.push(`table ${name} missing on the ${want ? 'target' : 'source'}`);
    else if (want.rows !== got.rows) problems.push(`${name}: ${got.rows} rows, expected ${want.rows}`);
    else if (want.sha256 !== got.sha256) problems.push(`${name}: same ${got.rows} rows but different content`);
  }
  for (const want of expected.sequences) {
    const got = actual.sequences.find((s) => s.name === want.name);
    if (!got || got.lastValue !== want.lastValue || got.isCalled !== want.isCalled) problems.push(`sequence ${want.name} at ${got?.lastValue ?? 'nothing'}, expected ${want.lastValue}`);
  }
  return problems;
}

/** One line per table, for the operator. */
export function describeSummary(summary: DatabaseSummary): string {
  const width = Math.max(...summary.tables.map((t) => t.name.length));
  return summary.tables.map((t) => `  ${t.name.padEnd(width)}  ${String(t.rows).padStart(8)} rows  sha256 ${t.sha256.slice(0, 16)}`).join('\n');
}
