// Operator endpoints, authenticated with the ADMIN_TOKEN bearer token. Disabled without one.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FormField } from '../../core/form-schema';
import type { CatalogStore } from '../catalog-store';
import { ContentError, importContent } from '../content-import';
import { toCsv } from '../csv';
import { importOutboxFile, OutboxFileError } from '../outbox-import';
import { exportPack } from '../pack-export';
import type { Db } from '../db';
import { sendError } from '../http-errors';
import type { KioskStore } from '../kiosk-store';
import type { SubmissionStore } from '../submission-store';

export interface AdminDeps {
  db: Db;
  catalog: CatalogStore;
  kiosks: KioskStore;
  submissions: SubmissionStore;
}

export function adminRoutes(app: FastifyInstance, deps: AdminDeps, options: { adminToken?: string; contentDir: string }) {
  const store = deps.catalog;
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

  app.post('/api/v1/admin/enrollment-codes', async (request, reply) => {
    if (!authorised(request, reply)) return reply;
    const body = (request.body ?? {}) as { label?: unknown; maxUses?: unknown; validDays?: unknown };
    if (typeof body.label !== 'string' || body.label.trim() === '') return sendError(reply, 400, 'bad_request', 'label is required');
    const maxUses = body.maxUses === undefined ? 1 : Number(body.maxUses);
    const validDays = body.validDays === undefined ? 30 : Number(body.validDays);
    if (!Number.isInteger(maxUses) || maxUses < 1 || !Number.isInteger(validDays) || validDays < 1) {
      return sendError(reply, 400, 'bad_request', 'maxUses and validDays must be whole numbers from 1');
    }
    const code = await deps.kiosks.createEnrollmentCode(body.label.trim(), { maxUses, validDays });
    return reply.code(201).send({ code, label: body.label.trim(), maxUses, validDays });
  });

  app.get('/api/v1/admin/forms', async (request, reply) => {
    if (!authorised(request, reply)) return reply;
    return { forms: await deps.submissions.countsByForm() };
  });

  // Submissions of one form (or all), as JSON or as CSV with one column per field.
  app.get('/api/v1/admin/submissions', async (request, reply) => {
    if (!authorised(request, reply)) return reply;
    const query = request.query as { form?: string; format?: string };
    const format = query.format ?? 'json';
    if (format !== 'json' && format !== 'csv') return sendError(reply, 400, 'bad_request', 'format must be json or csv');
    if (query.form !== undefined && !/^[a-z0-9-]{1,80}$/.test(query.form)) return sendError(reply, 400, 'bad_request', 'form must be a form id');
    const rows = await deps.submissions.list({ formId: query.form });
    if (format === 'json') return { submissions: rows };
    if (!query.form) return sendError(reply, 400, 'bad_request', 'CSV export needs ?form=<form id>');
    const form = await deps.submissions.latestForm(query.form);
    const fields: FormField[] = form?.fields ?? [];
    const header = ['id', 'form_version', 'created_at', 'received_at', 'library', 'guide', ...fields.map((f) => f.id)];
    const csv = toCsv(header, rows.map((r) => [r.id, r.formVersion, r.createdAt, r.receivedAt, r.library, r.payload.context?.guideId, ...fields.map((f) => r.payload.answers[f.id])]));
    return reply
      .type('text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="${query.form}.csv"`)
      .send(`\ufeff${csv}`);
  });

  // An outbox file from a USB stick; answers with the signed receipts file for the kiosk.
  app.post('/api/v1/admin/outbox/import', { bodyLimit: 32 * 1024 * 1024 }, async (request, reply) => {
    if (!authorised(request, reply)) return reply;
    try {
      return await importOutboxFile(deps, request.body);
    } catch (error) {
      if (error instanceof OutboxFileError) return sendError(reply, 422, 'bad_request', error.message, { code: error.code });
      throw error;
    }
  });

  // The whole catalogue as a signed content pack, for a USB stick.
  app.get('/api/v1/admin/pack', async (request, reply) => {
    if (!authorised(request, reply)) return reply;
    const pack = await exportPack(deps.db, deps.catalog);
    return reply.header('Content-Disposition', `attachment; filename="chaski-paquete-${pack.manifest.createdAt.slice(0, 10)}.json"`).send(pack);
  });
}
