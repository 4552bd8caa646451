// Helpers for server tests: temporary PGlite databases on disk, content folders written from
// records, and a real PostgreSQL 15 cluster started for the test and stopped after.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { type Db, openPglite, openPostgres } from '../../src/server/db';
import { migrate } from '../../src/server/migrations';
import { tempDir } from '../temp';

export { tempDir };

export async function tempPglite(): Promise<{ db: Db; dir: string; dispose(): Promise<void> }> {
  const dir = tempDir();
  const db = await openPglite(join(dir, 'pglite'));
  await migrate(db);
  return { db, dir, dispose: async () => { await db.close(); rmSync(dir, { recursive: true, force: true }); } };
}

/** Writes records as YAML files in the layout `content:import` reads. */
export type ContentRecord = { id: string; [field: string]: unknown };

export function writeContent(dir: string, records: { categories?: ContentRecord[]; guides?: ContentRecord[]; forms?: ContentRecord[] }): string {
  for (const [folder, list] of [['categories', records.categories ?? []], ['guides', records.guides ?? []], ['forms', records.forms ?? []]] as const) {
    mkdirSync(join(dir, folder), { recursive: true });
    for (const record of list) writeFileSync(join(dir, folder, `${record.id}.yaml`), stringify(record));
  }
  return dir;
}

/** buildApp's `rateLimits` for tests that enrol many kiosks or call the admin API many times
 * over HTTP: throttles out of the way, so what is tested is the bodies (hardening.test.ts
 * tests the real limits). */
const OUT_OF_THE_WAY = { perAddress: 1e6, overall: 1e6, windowMs: 60_000 };
export const NO_THROTTLES = { enroll: OUT_OF_THE_WAY, admin: OUT_OF_THE_WAY };

/** Starts a built app on a free loopback port and returns its base URL. */
export async function listenForTests(app: { listen(o: { port: number; host: string }): Promise<unknown>; server: { address(): unknown } }): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address() as { port: number } | null;
  return `http://127.0.0.1:${address?.port ?? 0}`;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface PostgresCluster {
  url: string;
  /** A fresh database on the cluster, migrated unless `migrated` is false (then truly empty, as
   * servers starting on it for the first time find it). */
  createDatabase(options?: { migrated?: boolean }): Promise<{ db: Db; url: string }>;
  /** Stops the server the way an operator's restart does (`-m fast`: sessions are cut off),
   * keeps it down `downMs`, and starts it again; resolves once it accepts connections. Runs
   * pg_ctl asynchronously, so the test's own requests keep going meanwhile. */
  restart(downMs?: number): Promise<void>;
  stop(): void;
}

/** Starts a throwaway PostgreSQL cluster in a temp folder, as the `postgres` user (the server
 * refuses to run as root), on a free port. */
export async function startPostgres(): Promise<PostgresCluster> {
  if (!existsSync(join(PG_BIN, 'initdb'))) throw new Error(`PostgreSQL binaries not found in ${PG_BIN} (apt-get install -y postgresql)`);
  const dir = tempDir('chaski-pg-');
  const dataDir = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) => {
    const argv = asRoot ? ['-u', 'postgres', '--', join(PG_BIN, cmd), ...args] : args;
    const result = spawnSync(asRoot ? 'runuser' : join(PG_BIN, cmd), argv, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${cmd} failed: ${result.stderr || result.stdout}`);
  };
  if (asRoot) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  else chownSync(dir, process.getuid!(), process.getgid!());
  run('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  const startArgs = ['-D', dataDir, '-l', join(dir, 'log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start'];
  run('pg_ctl', startArgs);
  const runAsync = (cmd: string, args: string[]) =>
    new Promise<void>((resolve, reject) => {
      const argv = asRoot ? ['-u', 'postgres', '--', join(PG_BIN, cmd), ...args] : args;
      execFile(asRoot ? 'runuser' : join(PG_BIN, cmd), argv, (error, stdout, stderr) => (error ? reject(new Error(`${cmd} failed: ${stderr || stdout}`)) : resolve()));
    });
  const base = `postgres://postgres@127.0.0.1:${port}`;
  let counter = 0;
  return {
    url: `${base}/postgres`,
    async createDatabase({ migrated = true } = {}) {
      const name = `chaski_${process.pid}_${++counter}`;
      const admin = await openPostgres(`${base}/postgres`);
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.close();
      const url = `${base}/${name}`;
      const db = await openPostgres(url);
      if (migrated) await migrate(db);
      return { db, url };
    },
    async restart(downMs = 0) {
      // pg_ctl restart starts it again with the options it was started with.
      if (downMs === 0) return runAsync('pg_ctl', ['-D', dataDir, '-l', join(dir, 'log'), '-m', 'fast', '-w', 'restart']);
      await runAsync('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
      await new Promise((resolve) => setTimeout(resolve, downMs));
      await runAsync('pg_ctl', startArgs);
    },
    stop() {
      try {
        run('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
