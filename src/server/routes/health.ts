// GET /api/v1/health: whether the server and its database answer, and what it publishes (kiosks
// and tests read it). For an orchestrator or load balancer, two narrower questions:
// /health/live — is the process up (no database touched: restarting a server does not bring
// PostgreSQL back), and /health/ready — should it be sent requests (the database answers in
// time and holds this server's latest migration).
import type { FastifyInstance } from 'fastify';
import { API_PATHS } from '../../core/protocol';
import type { CatalogStore } from '../catalog-store';
import type { Db } from '../db';
import { withTimeout } from '../db-errors';
import { MIGRATIONS } from '../migrations';

/** Short: a load balancer probes every few seconds and should hear "no" before it times out. */
export const READY_TIMEOUT_MS = 2_000;

export function healthRoutes(app: FastifyInstance, db: Db, store: CatalogStore) {
  app.get(API_PATHS.health, async () => {
    const [head, counts] = await Promise.all([store.head(), store.counts()]);
    return { status: 'ok', database: db.kind, catalogue: { head, ...counts } };
  });

  app.get(API_PATHS.healthLive, async (_request, reply) => {
    reply.header('Cache-Control', 'no-store');
    return { status: 'ok' };
  });

  const latest = Math.max(...MIGRATIONS.map((m) => m.version));
  app.get(API_PATHS.healthReady, async (_request, reply) => {
    reply.header('Cache-Control', 'no-store');
    let problem: string | undefined;
    try {
      const rows = await withTimeout(db.query('SELECT 1 FROM schema_migrations WHERE version = $1', [latest]), READY_TIMEOUT_MS);
      if (rows.length === 0) problem = `migration ${latest} is not applied yet`;
    } catch (error) {
      problem = `the database did not answer: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
    }
    if (problem) return reply.code(503).send({ status: 'not_ready', database: db.kind, migration: latest, problem });
    return { status: 'ready', database: db.kind, migration: latest };
  });
}
