// One small interface over the two databases Chaski runs on: PGlite (PostgreSQL compiled to
// WASM, on disk, the default) and a PostgreSQL server (when DATABASE_URL is set). Both speak the
// same SQL, so every query and migration is written once.
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { isDatabaseUnavailable } from './db-errors';

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

/** How many connections a PostgreSQL pool holds, and how many requests wait for one. */
export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** PostgreSQL only: the pool's connections right now, for /metrics. */
  poolStats?(): PoolStats;
  /** Runs `work` in one transaction: all of it commits, or none of it does. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function openPglite(dataDir: string): Promise<Db> {
  const lite = await PGlite.create(dataDir);
  return {
    kind: 'pglite',
    async query<T>(sql: string, params: unknown[] = []) {
      return (await lite.query<T>(sql, params)).rows;
    },
    transaction<T>(work: (tx: Queryable) => Promise<T>) {
      return lite.transaction((tx) =>
        work({ query: async <R>(sql: string, params: unknown[] = []) => (await tx.query<R>(sql, params)).rows }),
      );
    },
    close: () => lite.close(),
  };
}

/** How long a request waits for a connection before it is answered 503: long enough for a busy
 * pool to free one, short enough that a kiosk is not left hanging while PostgreSQL is down. */
export const CONNECT_TIMEOUT_MS = 5_000;

export interface PostgresOptions {
  connectTimeoutMs?: number;
  /** Hears an idle connection PostgreSQL closed (the server logs it as JSON); a console line by default. */
  onIdleError?: (error: Error) => void;
}

export async function openPostgres(connectionString: string, options: PostgresOptions = {}): Promise<Db> {
  const pool = new pg.Pool({ connectionString, max: 10, connectionTimeoutMillis: options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS });
  // An idle connection the server drops (a restart, a failover, an administrator) is reported
  // here; without a listener it would crash the process. The pool opens a new one when needed,
  // and a request that was using a dropped connection fails on its own.
  pool.on('error', options.onIdleError ?? ((error) => console.warn(`PostgreSQL: an idle connection was closed: ${error.message}`)));
  // Fail at start, with the driver's own message, rather than at the first request.
  await pool.query('SELECT 1');
  return {
    kind: 'postgres',
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    async query<T>(sql: string, params: unknown[] = []) {
      return (await pool.query(sql, params)).rows as T[];
    },
    async transaction<T>(work: (tx: Queryable) => Promise<T>) {
      const client = await pool.connect();
      let broken: Error | undefined;
      // A checked-out connection has no listener of the pool's: one PostgreSQL drops between two
      // statements of this transaction (a restart) would be an unhandled 'error' and end the
      // process. Heard here, the next statement fails instead, and the request gets its 503.
      const dropped = (error: Error) => (broken = error);
      client.on('error', dropped);
      try {
        await client.query('BEGIN');
        const result = await work({
          query: async <R>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as R[],
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        // A connection that broke is thrown away, not given to the next request.
        broken ??= isDatabaseUnavailable(error) ? (error as Error) : undefined;
        throw error;
      } finally {
        client.removeListener('error', dropped);
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}

export function openDb(options: { databaseUrl?: string; dataDir: string } & PostgresOptions): Promise<Db> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options) : openPglite(options.dataDir);
}
