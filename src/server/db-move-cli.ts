// `npm run db:move -- postgres://user@host/db`: copies everything in the embedded database
// (DATA_DIR/pglite) into an empty PostgreSQL, checks the copy and says what to do next. The
// epoch and the change sequence travel with the rows, so kiosks keep syncing against the new
// database without starting over; the data folder itself is left exactly as it was.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fail } from './cli-support';
import { readConfig } from './config';
import { checkSchemaVersion, claimStoppedDataDir, copyInto, liveSource, openPgliteCopy, prepareEmptyTarget, redactUrl } from './database-copy';
import { openPostgres } from './db';
import { writeMovedMarker } from './moved-marker';
import { describeSummary } from './table-copy';

async function main(): Promise<void> {
  const target = process.argv[2];
  if (!target || !/^postgres(ql)?:\/\//.test(target)) {
    throw new Error('usage: npm run db:move -- postgres://user@host/database   (an empty database; DATA_DIR names the data folder to move, default ./data)');
  }
  process.umask(0o077);
  const { dataDir } = readConfig();
  const started = Date.now();
  const claim = await claimStoppedDataDir(dataDir, 'npm run db:move');
  try {
    const copy = await openPgliteCopy(dataDir);
    try {
      const pg = await openPostgres(target);
      try {
        await prepareEmptyTarget(pg, `the database at ${redactUrl(target)}`);
        const summary = await copy.db.transaction(async (tx) => {
          const source = await liveSource(tx);
          checkSchemaVersion(source.migration, `the embedded database in ${dataDir}`, "start this version's server on it once (it migrates), stop it, then move.");
          return copyInto(source, pg);
        });
        // Checked and committed: from now on no server may open the old copy by mistake.
        writeMovedMarker(dataDir, redactUrl(target));
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        const seq = summary.sequences.map((s) => `${s.name} ${s.lastValue}`).join(', ');
        console.log(`Copied ${dataDir}/pglite to ${redactUrl(target)} in ${seconds} s, checked table by table (rows and SHA-256):`);
        console.log(describeSummary(summary));
        console.log(`  epoch ${summary.epoch}; sequences: ${seq}; schema version ${summary.migration}`);
        console.log(nextSteps(dataDir, target));
      } finally {
        await pg.close();
      }
    } finally {
      await copy.dispose();
    }
  } finally {
    await claim.release();
  }
}

function nextSteps(dataDir: string, target: string): string {
  const keyFile = join(dataDir, 'signing-key.json');
  const tokenFile = join(dataDir, 'admin-token');
  return [
    '',
    'Next:',
    `  1. Start the server on PostgreSQL: DATABASE_URL=${redactUrl(target)} npm run serve`,
    `  2. The signing key is a file, not in the database: keep ${existsSync(keyFile) ? keyFile : `${keyFile} (NOT FOUND: kiosks will refuse packs and receipts signed with a new key)`}`,
    '     and give every node SIGNING_KEY_FILE pointing at a copy of it (or keep DATA_DIR as it is on this machine).',
    `  3. The admin token is a file too: ADMIN_TOKEN=$(cat ${existsSync(tokenFile) ? tokenFile : '<your admin token file>'}) on every node, or keep DATA_DIR.`,
    `  4. ${join(dataDir, 'pglite')} was not changed. Keep it until the new server has run well for a while,`,
    `     but do not start a server on it again: what kiosks send from now on is only in PostgreSQL (a server refuses it while ${join(dataDir, 'moved-to-postgres.json')} is there).`,
    'Kiosks need nothing: same catalogue epoch and change numbers, same tokens.',
  ].join('\n');
}

main().catch(fail);
