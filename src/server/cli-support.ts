// Operator commands reach the database one of two ways: through the running server's admin API
// (the embedded database allows one process), or by opening it themselves when no server runs.
import { join } from 'node:path';
import { readConfig, type ServerConfig } from './config';
import { adminToken, claimDataDir, liveOwner } from './data-dir';
import { type Db, openDb } from './db';
import { migrate } from './migrations';

export interface OperatorPaths<T> {
  viaServer(server: { url: string; token: string }): Promise<T>;
  direct(db: Db): Promise<T>;
}

export async function operate<T>(paths: OperatorPaths<T>, config: ServerConfig = readConfig()): Promise<T> {
  const owner = config.databaseUrl ? null : liveOwner(config.dataDir);
  if (owner?.url) return paths.viaServer({ url: owner.url, token: adminToken(config.dataDir, config.adminToken) });
  const claim = config.databaseUrl ? null : claimDataDir(config.dataDir);
  const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: join(config.dataDir, 'pglite') });
  try {
    await migrate(db);
    return await paths.direct(db);
  } finally {
    await db.close();
    claim?.release();
  }
}

/** POSTs to the running server's admin API; returns the JSON body or throws its error message. */
export async function adminPost<T>(server: { url: string; token: string }, path: string, body: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

export function fail(error: unknown): never {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
