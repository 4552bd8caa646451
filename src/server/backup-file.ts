// The backup file: gzip'd JSON lines, the same for PGlite and PostgreSQL, so a backup of either
// restores into either. Line 1 is the header (format, schema version, epoch, sequences, and each
// table's row count and SHA-256); then, table by table in the header's order, a line
// {"table": name} followed by that many rows as PostgreSQL prints them (table-copy.ts).
//
// The header is written first but known last: the rows go to a side file while they are read
// and hashed, then the header and the rows are joined as two gzip members (gunzip reads them
// as one stream) and renamed into place, so a backup that failed half way never has the name.
import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync, renameSync, rmSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { createInterface } from 'node:readline';
import type { RowSource } from './database-copy';
import { BATCH_ROWS, type DatabaseSummary } from './table-copy';

export const BACKUP_FORMAT = 'chaski-backup';
export const BACKUP_VERSION = 1;

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  /** Which kind of database it was read from; it restores into either. */
  from: 'pglite' | 'postgres';
  summary: DatabaseSummary;
}

async function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

/** Writes everything `source` yields to `file` (which must not exist yet); returns the header. */
export async function writeBackup(file: string, source: RowSource, from: BackupHeader['from']): Promise<BackupHeader> {
  if (existsSync(file)) throw new Error(`${file} already exists: give the backup a new name (a backup is never written over another)`);
  const body = `${file}.rows-partial`;
  const partial = `${file}.partial`;
  try {
    const gzip = createGzip();
    const done = pipeline(gzip, createWriteStream(body, { mode: 0o600 }));
    for (const table of source.tables) {
      await write(gzip, `${JSON.stringify({ table })}\n`);
      for await (const rows of source.rows(table)) await write(gzip, rows.map((row) => `${row}\n`).join(''));
    }
    gzip.end();
    await done;
    const header: BackupHeader = { format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: new Date().toISOString(), from, summary: source.summary() };
    const headerGzip = createGzip();
    const headerDone = pipeline(headerGzip, createWriteStream(partial, { mode: 0o600 }));
    headerGzip.end(`${JSON.stringify(header)}\n`);
    await headerDone;
    await pipeline(createReadStream(body), createWriteStream(partial, { flags: 'a' }));
    renameSync(partial, file);
    return header;
  } finally {
    rmSync(body, { force: true });
    rmSync(partial, { force: true });
  }
}

/** Opens a backup as a RowSource; its summary is the header's, what the database held when the
 * backup was made, so a restore is checked against that and not against the file alone. The
 * rows must be read once, in the header's table order. */
export async function readBackup(file: string): Promise<{ header: BackupHeader; source: RowSource; close(): void }> {
  if (!existsSync(file)) throw new Error(`${file}: no such file`);
  const input = createReadStream(file);
  const lines = createInterface({ input: input.pipe(createGunzip()), crlfDelay: Infinity })[Symbol.asyncIterator]();
  const next = async (what: string): Promise<string> => {
    const line = await lines.next();
    if (line.done) throw new Error(`${file} ends early (expected ${what}): the backup is incomplete`);
    return line.value;
  };
  let header: BackupHeader;
  try {
    header = JSON.parse(await next('its header')) as BackupHeader;
  } catch (error) {
    input.destroy();
    throw new Error(`${file} is not a Chaski backup (${error instanceof Error ? error.message : String(error)})`);
  }
  if (header?.format !== BACKUP_FORMAT) throw new Error(`${file} is not a Chaski backup`);
  if (header.version !== BACKUP_VERSION) throw new Error(`${file} is a backup of format version ${header.version}; this Chaski reads version ${BACKUP_VERSION}`);
  const { summary } = header;
  const source: RowSource = {
    migration: summary.migration,
    epoch: summary.epoch,
    sequences: summary.sequences,
    tables: summary.tables.map((t) => t.name),
    async *rows(table) {
      const marker = await next(`table ${table}`);
      if (marker !== JSON.stringify({ table })) throw new Error(`${file}: expected table ${table}, found ${marker.slice(0, 80)}`);
      let left = summary.tables.find((t) => t.name === table)!.rows;
      while (left > 0) {
        const batch: string[] = [];
        while (left > 0 && batch.length < BATCH_ROWS) {
          batch.push(await next(`${left} more rows of ${table}`));
          left--;
        }
        yield batch;
      }
    },
    summary: () => summary,
  };
  return { header, source, close: () => input.destroy() };
}
