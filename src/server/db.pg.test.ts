// The server's PostgreSQL connection pool when the database drops its connections (a restart,
// a failover, an administrator): the server keeps running and the next request gets through.
import { describe, expect, it } from 'vitest';
import { postgresDatabases } from '../../test/server/databases';
import { isDatabaseUnavailable } from './db-errors';

const fresh = postgresDatabases();

describe('PostgreSQL connections dropped by the server', () => {
  it('neither crash the server nor stop the next query', async () => {
    const db = await fresh();
    // Several connections in the pool, then idle.
    await Promise.all(Array.from({ length: 4 }, () => db.query('SELECT pg_sleep(0.05)')));
    const [terminated] = await db.query<{ n: number }>(
      'SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    expect(terminated!.n).toBeGreaterThan(0);
    // Let the dropped connections report it (an unhandled 'error' would fail this test file).
    await new Promise((resolve) => setTimeout(resolve, 300));
    await expect(db.query<{ one: number }>('SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
  });

  it('in the middle of a transaction fail that transaction, not the process', async () => {
    const db = await fresh();
    const attempt = db.transaction(async (tx) => {
      const [me] = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await db.query('SELECT pg_terminate_backend($1)', [me!.pid]);
      // The drop is heard while no statement of the transaction runs (the server restarting
      // while a request does its own work between two statements).
      await new Promise((resolve) => setTimeout(resolve, 300));
      await tx.query('SELECT 1');
    });
    await expect(attempt).rejects.toSatisfy(isDatabaseUnavailable);
    await expect(db.query<{ one: number }>('SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
  });
});
