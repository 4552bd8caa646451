// GET /api/v1/changes: the catalogue delta feed (see docs/protocol.md).
import type { FastifyInstance } from 'fastify';
import { API_PATHS, type ChangesPage, DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from '../../core/protocol';
import type { CatalogStore } from '../catalog-store';
import { decodeCursor, encodeCursor } from '../../core/cursor';
import { CACHE_CONTROL } from '../cache-headers';
import { etagMatches } from '../etag';
import { sendError } from '../http-errors';
import { PageCache, pickEncoding } from '../page-cache';

export function changesRoutes(app: FastifyInstance, store: CatalogStore) {
  const pages = new PageCache();
  app.get(API_PATHS.changes, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const limit = parseLimit(query.limit);
    if (limit === null) {
      return sendError(reply, 400, 'invalid_limit', `limit must be a whole number from 1 to ${MAX_PAGE_LIMIT}`);
    }
    const epoch = await store.epoch();
    let since = 0;
    let reset = false;
    if (query.since !== undefined && query.since !== '') {
      const cursor = typeof query.since === 'string' ? decodeCursor(query.since) : null;
      if (!cursor) return sendError(reply, 400, 'invalid_cursor', 'since must be a cursor returned by this API');
      if (cursor.epoch === epoch) since = cursor.seq;
      else reset = true;
    }
    const encoding = pickEncoding(request.headers['accept-encoding']);
    // A publish between reading the head and reading the page would put a change the ETag does
    // not name into the page (and into every node's cache under that ETag): read again.
    for (let attempt = 1; ; attempt++) {
      // The answer depends only on (epoch, head, since, limit): a cheap ETag lets an idle kiosk
      // poll with a 304 and no body, and lets every server sharing the database give it.
      const head = await store.head();
      const etag = `"${epoch}-${head}-${reset ? 'r' : since}-${limit}"`;
      // Public: the same for every kiosk at this cursor, so one proxy or CDN copy serves a whole
      // network; revalidated by that ETag before each use (cache-headers.ts).
      reply.header('ETag', etag).header('Cache-Control', CACHE_CONTROL.sharedRevalidate).header('Vary', 'Accept-Encoding');
      if (etagMatches(request.headers['if-none-match'], etag)) return reply.code(304).send();
      let body: Buffer;
      try {
        body = await pages.body(etag, encoding, async () => {
          const read = await store.changesSince(since, limit);
          if (read.head !== head) throw new CatalogueMoved();
          const page: ChangesPage = { changes: read.changes, cursor: encodeCursor({ epoch, seq: read.lastSeq }), more: read.more };
          if (reset) page.reset = true;
          return JSON.stringify(page);
        });
      } catch (error) {
        if (error instanceof CatalogueMoved && attempt < 5) continue;
        throw error;
      }
      reply.header('Content-Type', 'application/json; charset=utf-8');
      // Set here, the compression plugin leaves the body as it is.
      if (encoding !== 'identity') reply.header('Content-Encoding', encoding);
      return reply.send(body);
    }
  });
}

class CatalogueMoved extends Error {}

function parseLimit(raw: unknown): number | null {
  if (raw === undefined || raw === '') return DEFAULT_PAGE_LIMIT;
  if (typeof raw !== 'string' || !/^[0-9]{1,5}$/.test(raw)) return null;
  const n = Number(raw);
  return n >= 1 && n <= MAX_PAGE_LIMIT ? n : null;
}
