// `npm run backup` and `npm run restore` as an operator runs them, on both databases: a server
// with a kiosk that sent things, a backup, a restore into an empty database, a server on the
// restored one, and the kiosk syncing against it. On PostgreSQL the backup is taken while the
// node keeps serving; on the embedded database it is refused until the server stops.
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileHashes, someAudio, TestKiosk } from '../../test/server/kiosk-traffic';
import { operatorFixture } from '../../test/server/operator-fixture';
import { runScript, startServer } from '../../test/start-server';
import { readBackup, writeBackup } from './backup-file';
import { copyInto, prepareEmptyTarget, withSnapshot } from './database-copy';
import { nonEmptyTables } from './table-copy';
import { openPostgres } from './db';
import { KioskStore } from './kiosk-store';
import { migrate } from './migrations';

const QUIET = { LOG_LEVEL: 'error', STATIC_DIR: '/nonexistent', DEMO_ENROLL_CODE: 'BACKUP-TEST-CODE' };

const { tempDir, track, emptyDatabase } = operatorFixture();

async function cli(command: 'backup' | 'restore', env: Record<string, string>, args: string[]): Promise<{ code: number | null; output: string }> {
  const script = runScript('backup-cli.ts', { DATABASE_URL: '', ...env }, [command, ...args]);
  track(script);
  return { code: await script.exited, output: script.output() };
}

/** A kiosk enrolled on `base` that downloaded the catalogue and sent a comment, a usage day, a
 * note and a recording; returns it with the comment it sent and the catalogue it holds. */
async function busyKiosk(base: string) {
  const kiosk = await TestKiosk.enrol(base, 'BACKUP-TEST-CODE');
  const { changes } = await kiosk.syncCatalogue();
  const comment = TestKiosk.comment('El horario cambió', changes);
  expect(await kiosk.submit([comment])).toEqual(['accepted']);
  expect(await kiosk.pushUsage()).toBe('stored');
  expect(await kiosk.pushNote('Cerrado el lunes')).toBe('stored');
  await kiosk.record(someAudio(100_000), changes);
  return { kiosk, comment, catalogue: changes };
}

describe('npm run backup / npm run restore', () => {
  it('on the embedded database: refused while the server runs; restored into a fresh data folder, the kiosk carries on', async () => {
    const dataDir = tempDir('chaski-backup-');
    const server = await startServer({ dataDir, env: QUIET });
    track(server);
    const { kiosk, comment } = await busyKiosk(server.url);
    const file = join(tempDir('chaski-backup-file-'), 'biblioteca.jsonl.gz');

    const refused = await cli('backup', { DATA_DIR: dataDir }, [file]);
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/a Chaski server \(pid \d+, .*\) is using .*stop the server, run npm run backup again/);
    expect(existsSync(file)).toBe(false);
    expect(await server.stop()).toBe(0);

    const before = fileHashes(join(dataDir, 'pglite'));
    const backup = await cli('backup', { DATA_DIR: dataDir }, [file]);
    expect(backup.code, backup.output).toBe(0);
    expect(backup.output).toMatch(/submissions\s+1 rows/);
    expect(backup.output).toMatch(/Not in the backup, by design: the signing key .* and the admin token/);
    expect(fileHashes(join(dataDir, 'pglite'))).toEqual(before);
    // A second backup never overwrites the first.
    expect((await cli('backup', { DATA_DIR: dataDir }, [file])).output).toContain('already exists');

    const restoredDir = tempDir('chaski-restored-');
    const restore = await cli('restore', { DATA_DIR: restoredDir }, [file]);
    expect(restore.code, restore.output).toBe(0);
    expect(restore.output).toMatch(/recordings\s+1 rows/);
    expect(restore.output).toContain('new epoch');

    // The key file is kept apart from the database, so it is copied by hand, as the docs say.
    copyFileSync(join(dataDir, 'signing-key.json'), join(restoredDir, 'signing-key.json'));
    const restored = await startServer({ dataDir: restoredDir, env: QUIET });
    track(restored);
    kiosk.base = restored.url;
    // A restored database is older than what kiosks saw: each downloads the catalogue once more.
    const sync = await kiosk.syncCatalogue();
    expect(sync.reset).toBe(true);
    expect(sync.changes.length).toBeGreaterThan(100);
    expect(await kiosk.submit([comment])).toEqual(['duplicate']);
    expect((await kiosk.notes()).texts).toEqual(['Cerrado el lunes']);
    expect(await kiosk.pushUsage()).toBe('stale');
    expect(await restored.stop()).toBe(0);
  }, 120_000);

  it('on PostgreSQL: backed up while the node serves, restored into an empty database with the same epoch, the kiosk carries on without a reset', async () => {
    const source = await emptyDatabase();
    const keyDir = tempDir('chaski-key-');
    const env = { ...QUIET, SIGNING_KEY_FILE: join(keyDir, 'signing-key.json') };
    const node = await startServer({ databaseUrl: source, env });
    track(node);
    const { kiosk, comment, catalogue } = await busyKiosk(node.url);
    const file = join(tempDir('chaski-backup-file-'), 'red.jsonl.gz');

    const backup = await cli('backup', { DATABASE_URL: source }, [file]);
    expect(backup.code, backup.output).toBe(0);
    expect(backup.output).toMatch(/usage_days\s+1 rows/);
    // The node kept serving throughout.
    expect((await fetch(`${node.url}/api/v1/health`)).ok).toBe(true);

    const target = await emptyDatabase();
    const restore = await cli('restore', { DATABASE_URL: target }, [file, '--same-epoch']);
    expect(restore.code, restore.output).toBe(0);
    expect(restore.output).toContain('kept (--same-epoch)');
    // Into a database that holds data: refused, naming what it holds.
    const twice = await cli('restore', { DATABASE_URL: target }, [file]);
    expect(twice.code).toBe(1);
    expect(twice.output).toMatch(/is not empty: .*kiosks \(1 rows\).*submissions \(1 rows\)/s);

    // The same backup restores into the embedded database too: one format for both.
    const liteDir = tempDir('chaski-restored-lite-');
    const intoLite = await cli('restore', { DATA_DIR: liteDir }, [file]);
    expect(intoLite.code, intoLite.output).toBe(0);

    await node.stop();
    const restored = await startServer({ databaseUrl: target, env });
    track(restored);
    kiosk.base = restored.url;
    expect(await kiosk.syncCatalogue()).toMatchObject({ reset: false, changes: [] });
    expect(await kiosk.submit([comment])).toEqual(['duplicate']);
    expect(await kiosk.submit([TestKiosk.comment('Nuevo después de restaurar', catalogue)])).toEqual(['accepted']);
    expect(readFileSync(file).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(await restored.stop()).toBe(0);
  }, 120_000);

  it('reads PostgreSQL as one snapshot: a kiosk enrolled while the backup runs is not half in it', async () => {
    const url = await emptyDatabase();
    const db = await openPostgres(url);
    const other = await openPostgres(url);
    try {
      await migrate(db);
      const kiosks = new KioskStore(db);
      await kiosks.enroll(await kiosks.createEnrollmentCode('antes'), 'Biblioteca de Urcos');
      const file = join(tempDir('chaski-backup-file-'), 'instante.jsonl.gz');
      await withSnapshot(db, async (source) => {
        // Another node enrols a kiosk after the backup began, before it read the tables.
        const late = new KioskStore(other);
        expect(await late.enroll(await late.createEnrollmentCode('durante'), 'Biblioteca de Huaro')).toBeTruthy();
        return writeBackup(file, source, 'postgres');
      });
      const { header, close } = await readBackup(file);
      close();
      const rows = Object.fromEntries(header.summary.tables.map((t) => [t.name, t.rows]));
      expect({ kiosks: rows.kiosks, enrollment_codes: rows.enrollment_codes }).toEqual({ kiosks: 1, enrollment_codes: 1 });
      expect(await db.query('SELECT 1 FROM kiosks')).toHaveLength(2);
    } finally {
      await other.close();
      await db.close();
    }
  });

  it('restores nothing from a backup cut short: the database stays empty, ready for a good file', async () => {
    const source = await openPostgres(await emptyDatabase());
    const target = await openPostgres(await emptyDatabase());
    try {
      await migrate(source);
      const kiosks = new KioskStore(source);
      for (const library of ['Urcos', 'Huaro', 'Ccatcca']) await kiosks.enroll(await kiosks.createEnrollmentCode(library), `Biblioteca de ${library}`);
      const folder = tempDir('chaski-backup-file-');
      const whole = join(folder, 'entero.jsonl.gz');
      await withSnapshot(source, (rows) => writeBackup(whole, rows, 'postgres'));
      // The copy that did not finish: its last lines lost.
      const lines = gunzipSync(readFileSync(whole)).toString().trimEnd().split('\n');
      const cut = join(folder, 'cortado.jsonl.gz');
      writeFileSync(cut, gzipSync(`${lines.slice(0, -2).join('\n')}\n`));

      await prepareEmptyTarget(target, 'the target');
      const opened = await readBackup(cut);
      await expect(copyInto(opened.source, target)).rejects.toThrow(/ends early .*the backup is incomplete/);
      opened.close();
      expect(await target.transaction((tx) => nonEmptyTables(tx))).toEqual([]);
      const good = await readBackup(whole);
      expect((await copyInto(good.source, target)).tables.find((t) => t.name === 'kiosks')?.rows).toBe(3);
      good.close();
    } finally {
      await source.close();
      await target.close();
    }
  });
});
