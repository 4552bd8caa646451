// Operator endpoints, authenticated with the ADMIN_TOKEN bearer token. Disabled without one.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CatalogStore } from '../catalog-store';
import { ContentError, importContent } from '../content-import';
import { sendError } from '../http-errors';

export function adminRoutes(app: FastifyInstance, store: CatalogStore, options: { adminToken?: string; contentDir: string }) {
  const authorised = (request: FastifyRequest, reply: FastifyReply): boolean => {
    if (!options.adminToken) {
      void sendError(reply, 403, 'admin_disabled', 'the admin API is off: start the server with ADMIN_TOKEN set');
      return false;
    }
    const given = Buffer.from(/^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '');
    const expected = Buffer.from(options.adminToken);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      void sendError(reply, 401, 'unauthorized', 'a valid admin token is required');
      return false;
    }
    return true;
  };

  // Re-reads the content folder and publishes what changed. Lets an operator update a running
  // server (whose embedded database only one process may open) with `npm run content:import`.
  app.post('/api/v1/admin/content/import', async (request, reply) => {
    if (!authorised(request, reply)) return reply;
    const body = (request.body ?? {}) as { dir?: unknown };
    if (body.dir !== undefined && typeof body.dir !== 'string') {
      return sendError(reply, 400, 'bad_request', 'dir must be a string');
    }
    try {
      return { summary: await importContent(store, body.dir ?? options.contentDir) };
    } catch (error) {
      if (error instanceof ContentError) {
        return sendError(reply, 422, 'content_invalid', 'content is invalid, nothing was published', error.issues);
      }
      throw error;
    }
  });
}
