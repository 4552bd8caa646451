// What the tests that move, back up and restore a database share: one PostgreSQL cluster for the
// file, temp folders removed at the end, and server or CLI processes killed after each test (a
// failed assertion must not leave a server holding a data folder for the next test).
import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { ScriptProcess } from '../start-server';
import { type PostgresCluster, startPostgres, tempDir as makeTempDir } from './support';

export interface OperatorFixture {
  /** A new temp folder, removed when the file ends. */
  tempDir(prefix: string): string;
  /** Killed (SIGKILL) after the test if still running. */
  track<T extends Pick<ScriptProcess, 'child'>>(process: T): T;
  /** The URL of a database on the cluster that nobody has touched, not even migrated. */
  emptyDatabase(): Promise<string>;
}

export function operatorFixture(): OperatorFixture {
  let cluster: PostgresCluster;
  const folders: string[] = [];
  const running: Array<Pick<ScriptProcess, 'child'>> = [];
  beforeAll(async () => {
    cluster = await startPostgres();
  }, 60_000);
  afterEach(() => {
    for (const { child } of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  });
  afterAll(() => {
    cluster?.stop();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });
  return {
    tempDir(prefix) {
      const folder = makeTempDir(prefix);
      folders.push(folder);
      return folder;
    },
    track(process) {
      running.push(process);
      return process;
    },
    async emptyDatabase() {
      const { db, url } = await cluster.createDatabase({ migrated: false });
      await db.close();
      return url;
    },
  };
}
