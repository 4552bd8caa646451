// `npm run backup -- <file>` and `npm run restore -- <file>`, on PostgreSQL when DATABASE_URL is
// set, else on the embedded database in DATA_DIR (backup-file.ts has the format).
//
// PostgreSQL is read in one REPEATABLE READ, READ ONLY transaction: one consistent snapshot
// while every node keeps serving. The embedded database allows one process, so its backup and
// restore refuse while a server holds the data folder (stop it for the few seconds it takes;
// kiosks work offline meanwhile and retry); the backup reads a copy of the folder.
//
// Neither the signing key file nor the admin token is in the database, so neither is in the
// backup: they are kept (and backed up) as files.
import { join } from 'node:path';
import { readBackup, writeBackup } from './backup-file';
import { fail } from './cli-support';
import { readConfig, type ServerConfig } from './config';
import { checkSchemaVersion, claimStoppedDataDir, copyInto, liveSource, openPgliteCopy, prepareEmptyTarget, redactUrl, withSnapshot } from './database-copy';
import { secureDataDir } from './data-dir';
import { type Db, openPglite, openPostgres } from './db';
import { describeSummary } from './table-copy';

const NOT_INCLUDED = 'Not in the backup, by design: the signing key (SIGNING_KEY_FILE, default DATA_DIR/signing-key.json) and the admin token. Back those files up separately.';

function where(config: ServerConfig): string {
  return config.databaseUrl ? `PostgreSQL at ${redactUrl(config.databaseUrl)}` : `the embedded database in ${config.dataDir}`;
}

async function backup(file: string, config: ServerConfig): Promise<void> {
  const started = Date.now();
  let header;
  if (config.databaseUrl) {
    const db = await openPostgres(config.databaseUrl);
    try {
      header = await withSnapshot(db, (source) => writeBackup(file, source, 'postgres'));
    } finally {
      await db.close();
    }
  } else {
    const claim = await claimStoppedDataDir(config.dataDir, 'npm run backup');
    try {
      const copy = await openPgliteCopy(config.dataDir);
      try {
        header = await copy.db.transaction(async (tx) => writeBackup(file, await liveSource(tx), 'pglite'));
      } finally {
        await copy.dispose();
      }
    } finally {
      await claim.release();
    }
  }
  console.log(`Backed up ${where(config)} to ${file} in ${((Date.now() - started) / 1000).toFixed(1)} s:`);
  console.log(describeSummary(header.summary));
  console.log(`  epoch ${header.summary.epoch}; schema version ${header.summary.migration}`);
  console.log(NOT_INCLUDED);
}

/** A restored database is older than the one kiosks last synced with: a kiosk may hold catalogue
 * changes numbered past the backup's, and would skip the changes that get those numbers again.
 * So by default the restored database gets a new epoch and each kiosk downloads the catalogue
 * once more. `--same-epoch` is for a backup known to be the latest state (moving machines). */
async function restore(file: string, config: ServerConfig, sameEpoch: boolean): Promise<void> {
  const started = Date.now();
  const opened = await readBackup(file);
  checkSchemaVersion(opened.header.summary.migration, `the backup ${file}`, "restore it with the Chaski version that made it, then start this version's server on it once (it migrates).");
  const claim = config.databaseUrl ? null : await claimStoppedDataDir(config.dataDir, 'npm run restore');
  let db: Db | undefined;
  try {
    db = config.databaseUrl ? await openPostgres(config.databaseUrl) : await openPglite(join(config.dataDir, 'pglite'));
    await prepareEmptyTarget(db, where(config));
    const summary = await copyInto(opened.source, db);
    const epoch = sameEpoch
      ? summary.epoch
      : (await db.query<{ epoch: string }>(`UPDATE meta SET value = replace(gen_random_uuid()::text, '-', '') WHERE key = 'epoch' RETURNING value AS epoch`))[0]!.epoch;
    console.log(`Restored ${file} (made ${opened.header.createdAt} from ${opened.header.from}) into ${where(config)} in ${((Date.now() - started) / 1000).toFixed(1)} s, checked table by table:`);
    console.log(describeSummary(summary));
    console.log(
      sameEpoch
        ? `  epoch ${epoch} kept (--same-epoch): kiosks continue where they were. Right only if no kiosk synced after this backup was made.`
        : `  new epoch ${epoch}: each kiosk downloads the catalogue once more (it may hold changes newer than this backup). Their tokens and what they sent up to the backup are kept.`,
    );
    console.log(NOT_INCLUDED.replace('Not in the backup', 'Not restored'));
  } finally {
    opened.close();
    await db?.close();
    // PGlite makes its files readable by all whatever the umask: owner-only again, as the server does.
    if (!config.databaseUrl) secureDataDir(config.dataDir);
    await claim?.release();
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const sameEpoch = args.includes('--same-epoch');
  const [command, file] = args.filter((a) => a !== '--same-epoch');
  if ((command !== 'backup' && command !== 'restore') || !file) {
    throw new Error('usage: npm run backup -- <file.jsonl.gz>   or   npm run restore -- <file.jsonl.gz> [--same-epoch]   (DATABASE_URL set: PostgreSQL; else DATA_DIR)');
  }
  process.umask(0o077);
  const config = readConfig();
  await (command === 'backup' ? backup(file, config) : restore(file, config, sameEpoch));
}

main().catch(fail);
