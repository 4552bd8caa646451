// The kiosk CLI (`npm run kiosk:…`) as an operator runs it, on a data folder, for the server
// tests, and a data folder for it to work on. `kioskCli` is called inside a `describe`: whatever
// a test left running is killed after it.
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { type Db, openPglite } from '../../src/server/db';
import { KioskStore } from '../../src/server/kiosk-store';
import { migrate } from '../../src/server/migrations';
import { runScript, type ScriptProcess } from '../start-server';
import { tempDir } from '../temp';

export function kioskCli(): (dataDir: string, args: string[]) => Promise<{ code: number | null; output: string }> {
  const started: ScriptProcess[] = [];
  afterEach(() => {
    for (const { child } of started.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  });
  return async (dataDir, args) => {
    const running = runScript('kiosk-cli.ts', { DATA_DIR: dataDir, LOG_LEVEL: 'error' }, args);
    started.push(running);
    return { code: await running.exited, output: running.output() };
  };
}

/** A data folder no server holds, migrated, with one kiosk enrolled for `library`; `prepare`
 * may store more with the open database before it is closed for the CLI. */
export async function dataFolderWithKiosk(library: string, prepare?: (db: Db, kioskId: string) => Promise<unknown>): Promise<{ dataDir: string; kioskId: string }> {
  const dataDir = tempDir();
  const db = await openPglite(join(dataDir, 'pglite'));
  await migrate(db);
  const kiosks = new KioskStore(db);
  const { kioskId } = (await kiosks.enroll(await kiosks.createEnrollmentCode('cli'), library))!;
  await prepare?.(db, kioskId);
  await db.close();
  return { dataDir, kioskId };
}
