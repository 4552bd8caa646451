import { afterAll, beforeAll } from 'vitest';
import type { Db } from './db';
import { submissionSuite } from './submission-suite';
import { type PostgresCluster, startPostgres } from './test-support';

let cluster: PostgresCluster;
const opened: Db[] = [];

beforeAll(async () => {
  cluster = await startPostgres();
});
afterAll(async () => {
  for (const db of opened) await db.close();
  cluster?.stop();
});

submissionSuite('PostgreSQL 15', async (): Promise<Db> => {
  const { db } = await cluster.createDatabase();
  opened.push(db);
  return db;
});
