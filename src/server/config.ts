// Reads the server's settings from the environment, with the defaults `npm start` relies on.
import { resolve } from 'node:path';

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  contentDir: string;
  staticDir: string;
  adminToken?: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: resolve(env.DATA_DIR ?? 'data'),
    databaseUrl: env.DATABASE_URL || undefined,
    contentDir: resolve(env.CONTENT_DIR ?? 'content'),
    staticDir: resolve(env.STATIC_DIR ?? 'dist'),
    adminToken: env.ADMIN_TOKEN || undefined,
  };
}
