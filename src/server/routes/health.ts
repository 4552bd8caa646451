// GET /api/v1/health: whether the server and its database answer, and what it publishes.
import type { FastifyInstance } from 'fastify';
import { API_PATHS } from '../../core/protocol';
import type { CatalogStore } from '../catalog-store';
import type { Db } from '../db';

export function healthRoutes(app: FastifyInstance, db: Db, store: CatalogStore) {
  app.get(API_PATHS.health, async () => {
    const [head, counts] = await Promise.all([store.head(), store.counts()]);
    return { status: 'ok', database: db.kind, catalogue: { head, ...counts } };
  });
}
