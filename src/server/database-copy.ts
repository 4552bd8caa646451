// A whole database into an empty one, in one transaction on the target, then checked: used by
// `npm run db:move` and `npm run restore` (table-copy.ts does the rows). Also how those commands
// open the embedded database without touching it: they copy its folder and open the copy.
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { claimDataDir, type DataDirClaim, liveOwner } from './data-dir';
import { type Db, openPglite, type Queryable } from './db';
import { MIGRATIONS, migrate } from './migrations';
import {
  clearSeededRows,
  compareSummaries,
  type DatabaseSummary,
  fixSessionFormat,
  latestMigration,
  listTables,
  nonEmptyTables,
  readEpoch,
  readRows,
  readSequences,
  RowHasher,
  RowWriter,
  type SequenceState,
  summarize,
  writeSequences,
} from './table-copy';

export const LATEST_MIGRATION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** What a copy reads from: the tables (in an order that satisfies their foreign keys) and their
 * rows as table-copy's JSON lines; `summary` counts and hashes what `rows` yielded. */
export interface RowSource {
  migration: number;
  epoch: string;
  sequences: SequenceState[];
  tables: string[];
  rows(table: string): AsyncIterable<string[]>;
  summary(): DatabaseSummary;
}

/** Claims the data folder (no server may start on it meanwhile) or says which server holds it. */
export async function claimStoppedDataDir(dataDir: string, command: string): Promise<DataDirClaim> {
  const owner = await liveOwner(dataDir);
  if (owner) {
    throw new Error(
      `a Chaski server (pid ${owner.pid}${owner.url ? `, ${owner.url}` : ''}) is using ${dataDir}. The embedded database allows one process: ` +
        `stop the server, run ${command} again, then start it.`,
    );
  }
  return claimDataDir(dataDir);
}

/** Opens a copy of DATA_DIR/pglite, so reading it cannot change a byte of the original (PGlite
 * writes to its folder when it opens and closes). `dispose` removes the copy. */
export async function openPgliteCopy(dataDir: string): Promise<{ db: Db; dispose(): Promise<void> }> {
  const original = join(dataDir, 'pglite');
  if (!existsSync(join(original, 'PG_VERSION'))) throw new Error(`no embedded database in ${dataDir} (expected ${original})`);
  // Left by a copy whose command was killed: the caller holds the folder, so none is in use.
  for (const entry of readdirSync(dataDir)) if (entry.startsWith('.copy-')) rmSync(join(dataDir, entry), { recursive: true, force: true });
  // Beside the original (same disk, same owner-only folder), removed after.
  const copy = mkdtempSync(join(dataDir, '.copy-'));
  cpSync(original, join(copy, 'pglite'), { recursive: true });
  const db = await openPglite(join(copy, 'pglite'));
  return {
    db,
    dispose: async () => {
      await db.close();
      rmSync(copy, { recursive: true, force: true });
    },
  };
}

/** Refuses a source whose schema is not this version's. `upgrade` says how an older one is
 * brought up to date (a data folder: start this version's server on it once). */
export function checkSchemaVersion(version: number, what: string, upgrade: string): void {
  if (version === LATEST_MIGRATION) return;
  if (version < LATEST_MIGRATION) throw new Error(`${what} is at schema version ${version}, this Chaski at ${LATEST_MIGRATION}: ${upgrade}`);
  throw new Error(`${what} is at schema version ${version}, newer than this Chaski (${LATEST_MIGRATION}): use the Chaski version that made it.`);
}

/** Migrates the target and refuses unless it holds nothing but its own epoch. */
export async function prepareEmptyTarget(target: Db, name: string): Promise<void> {
  await migrate(target);
  const full = await target.transaction((tx) => nonEmptyTables(tx));
  if (full.length > 0) {
    throw new Error(`${name} is not empty: ${full.join(', ')}. Copy only into a new, empty database (createdb, then run this again), never over one in use.`);
  }
}

/** Copies every table of `source` into `target` in one transaction, then reads the target back
 * and compares counts, hashes, epoch and sequences with what was read. Returns the summary;
 * throws listing every difference (the copy is then committed but wrong: drop that database). */
export async function copyInto(source: RowSource, target: Db): Promise<DatabaseSummary> {
  await target.transaction(async (tx) => {
    await fixSessionFormat(tx);
    await clearSeededRows(tx);
    for (const table of source.tables) {
      const writer = new RowWriter(tx, table);
      for await (const rows of source.rows(table)) await writer.add(rows);
      await writer.flush();
    }
    await writeSequences(tx, source.sequences);
  });
  const expected = source.summary();
  const copied = await target.transaction((tx) => summarize(tx));
  const problems = compareSummaries(expected, copied);
  if (problems.length > 0) throw new Error(`the copy does not match its source:\n  ${problems.join('\n  ')}`);
  return copied;
}

/** A live database as a RowSource, read inside `tx` (so from one snapshot), hashing as it goes. */
export async function liveSource(tx: Queryable): Promise<RowSource> {
  await fixSessionFormat(tx);
  const tables = await listTables(tx);
  const hashers = new Map(tables.map((t) => [t.name, new RowHasher()]));
  const migration = await latestMigration(tx);
  const epoch = await readEpoch(tx);
  const sequences = await readSequences(tx);
  return {
    migration,
    epoch,
    sequences,
    tables: tables.map((t) => t.name),
    async *rows(name) {
      for await (const rows of readRows(tx, tables.find((t) => t.name === name)!)) {
        hashers.get(name)!.add(rows);
        yield rows;
      }
    },
    summary: () => ({ migration, epoch, sequences, tables: tables.map((t) => ({ name: t.name, rows: hashers.get(t.name)!.rows, sha256: hashers.get(t.name)!.digest() })) }),
  };
}

/** Runs `work` on one consistent snapshot of a PostgreSQL database that nodes keep writing to:
 * REPEATABLE READ sees every table as of its first read, READ ONLY makes sure it changes
 * nothing. (Every table is read inside it, so a submission cannot be in the copy without the
 * kiosk that sent it.) */
export function withSnapshot<T>(db: Db, work: (source: RowSource) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    // Before any other statement of the transaction, or PostgreSQL refuses it.
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    return work(await liveSource(tx));
  });
}

/** A PostgreSQL address without its password, for printing. */
export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(the address given)';
  }
}
