// Operator commands reach the database one of two ways: through the running server's admin API
// (the embedded database allows one process), or by opening it themselves when no server runs.
import { join } from 'node:path';
import { readConfig, type ServerConfig } from './config';
import { adminToken, claimDataDir, liveOwner } from './data-dir';
import { type Db, openDb } from './db';
import { migrate } from './migrations';
import { SigningKey } from './signing-key';

export interface OperatorPaths<T> {
  viaServer(server: { url: string; token: string }): Promise<T>;
  direct(db: Db, context: { signingKey: SigningKey; config: ServerConfig }): Promise<T>;
}

export async function operate<T>(paths: OperatorPaths<T>, config: ServerConfig = readConfig()): Promise<T> {
  process.umask(0o077);
  const owner = config.databaseUrl ? null : await liveOwner(config.dataDir);
  if (owner?.url) return paths.viaServer({ url: owner.url, token: adminToken(config.dataDir, config.adminToken) });
  const claim = config.databaseUrl ? null : await claimDataDir(config.dataDir);
  const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: join(config.dataDir, 'pglite') });
  try {
    await migrate(db);
    return await paths.direct(db, { signingKey: new SigningKey(db, config.signingKeyFile), config });
  } finally {
    await db.close();
    await claim?.release();
  }
}

/** Calls the running server's admin API; returns the status and JSON body. */
export async function adminRequest<T>(server: { url: string; token: string }, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${server.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

/** POSTs to the running server's admin API; returns the JSON body or throws its error message. */
export function adminPost<T>(server: { url: string; token: string }, path: string, body: unknown): Promise<{ status: number; body: T }> {
  return adminRequest<T>(server, 'POST', path, body);
}

export function fail(error: unknown): never {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
