// The fresh databases a shared store suite runs on (store-suite.ts, submission-suite.ts): each
// call registers the hooks that close and remove them when the test file ends.
import { afterAll, beforeAll } from 'vitest';
import type { Db } from '../../src/server/db';
import { type PostgresCluster, startPostgres, tempPglite } from './support';

/** A fresh PGlite database on disk per call. */
export function pgliteDatabases(): () => Promise<Db> {
  const opened: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const dispose of opened) await dispose();
  });
  return async () => {
    const { db, dispose } = await tempPglite();
    opened.push(dispose);
    return db;
  };
}

/** A fresh database per call, in one PostgreSQL 15 cluster started for the test file. */
export function postgresDatabases(): () => Promise<Db> {
  let cluster: PostgresCluster;
  const opened: Db[] = [];
  beforeAll(async () => {
    cluster = await startPostgres();
  });
  afterAll(async () => {
    for (const db of opened) await db.close();
    cluster?.stop();
  });
  return async () => {
    const { db } = await cluster.createDatabase();
    opened.push(db);
    return db;
  };
}
