// A server on PostgreSQL killed with SIGKILL while a kiosk pushes: nothing it acknowledged is
// lost, and what it did not is stored exactly once when sent again (test/server/sigkill-suite.ts).
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, it } from 'vitest';
import { QUIET_ENV, writeSmallContent } from '../../test/server/kiosk-client';
import { killMidPush } from '../../test/server/sigkill-suite';
import { type PostgresCluster, startPostgres, tempDir } from '../../test/server/support';
import { startServer } from '../../test/start-server';

let cluster: PostgresCluster;
beforeAll(async () => {
  cluster = await startPostgres();
});
afterAll(() => cluster?.stop());

it('loses no acknowledged submission when a PostgreSQL node is killed mid-push', async () => {
  const { db, url } = await cluster.createDatabase();
  await db.close();
  const contentDir = writeSmallContent(tempDir());
  const keyDir = tempDir();
  const env = { ...QUIET_ENV, SIGNING_KEY_FILE: `${keyDir}/signing-key.json` };
  try {
    const { acknowledged, unanswered, committedUnanswered, ms } = await killMidPush(() => startServer({ databaseUrl: url, contentDir, env }));
    console.log(`PostgreSQL SIGKILL: ${acknowledged} batches acknowledged before the kill, ${unanswered} sent again (${committedUnanswered} submissions of them already stored), ${ms} ms`);
  } finally {
    rmSync(contentDir, { recursive: true, force: true });
    rmSync(keyDir, { recursive: true, force: true });
  }
}, 90_000);
