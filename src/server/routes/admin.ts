// Operator endpoints, authenticated with the ADMIN_TOKEN bearer token (at least 32 characters),
// throttled per address and overall. Disabled without a token.
import { realpathSync } from 'node:fs';
import { relative, resolve, isAbsolute } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import * as v from 'valibot';
import type { FormField } from '../../core/form-schema';
import { libraryKey } from '../../core/local-notes';
import { API_PATHS, EnrollRequestSchema } from '../../core/protocol';
import { describeUbigeo, UBIGEO_CODE, type UbigeoData } from '../../core/ubigeo';
import { firstIssue, int32, safeText, slugId } from '../../core/wire-schema';
import type { CatalogStore } from '../catalog-store';
import { ContentError, importContent } from '../content-import';
import { toCsv } from '../csv';
import { importOutboxFile, OutboxFileError } from '../outbox-import';
import { exportPack } from '../pack-export';
import type { Db } from '../db';
import { sendError } from '../http-errors';
import type { KioskStore } from '../kiosk-store';
import type { NotesStore } from '../notes-store';
import type { RecordingStore } from '../recording-store';
import type { LimitHook } from '../rate-limits';
import { type SigningKey, SigningKeyMismatch } from '../signing-key';
import type { SubmissionStore } from '../submission-store';
import { FEEDBACK_FORM_ID, type UsageStore } from '../usage-store';
import { adminCheck } from './admin-auth';
import { unknownDistrictMessage } from './kiosks';

export interface AdminDeps {
  db: Db;
  catalog: CatalogStore;
  kiosks: KioskStore;
  submissions: SubmissionStore;
  usage: UsageStore;
  notes: NotesStore;
  recordings: RecordingStore;
  signingKey: SigningKey;
  ubigeo: UbigeoData;
}

const ImportBody = v.object({ dir: v.optional(safeText(4096)) });
const NewCode = v.object({
  label: v.pipe(safeText(120), v.trim(), v.minLength(1, 'label is required')),
  maxUses: v.optional(v.pipe(v.unknown(), v.transform(Number), int32(1), v.maxValue(1000, 'maxUses must be at most 1000')), 1),
  validDays: v.optional(v.pipe(v.unknown(), v.transform(Number), int32(1), v.maxValue(3650, 'validDays must be at most 3650')), 30),
});
const RevokeCode = v.union([v.object({ code: safeText(40) }), v.object({ id: v.pipe(v.string(), v.regex(/^[0-9a-f]{12}$/, `id must be a code id from GET ${API_PATHS.adminEnrollmentCodes}`)) })]);
const SubmissionsQuery = v.object({
  form: v.optional(slugId),
  guide: v.optional(slugId),
  format: v.optional(v.picklist(['json', 'csv'], 'format must be json or csv'), 'json'),
  order: v.optional(v.picklist(['oldest', 'newest'], 'order must be oldest or newest'), 'oldest'),
});
const SetLibrary = v.object({ library: EnrollRequestSchema.entries.library });
const NotesQuery = v.object({
  /** A library's name as a kiosk was enrolled with it, or its key (core/local-notes.ts). */
  library: v.optional(v.pipe(safeText(120), v.trim(), v.minLength(1, 'library must not be empty'))),
  guide: v.optional(slugId),
  expired: v.optional(v.picklist(['include', 'exclude'], 'expired must be include or exclude'), 'exclude'),
  deleted: v.optional(v.picklist(['include', 'exclude'], 'deleted must be include or exclude'), 'exclude'),
  format: v.optional(v.picklist(['json', 'csv'], 'format must be json or csv'), 'json'),
});
/** `null` clears a district set by mistake. */
const SetDistrict = v.object({ district: v.nullable(v.pipe(v.string(), v.regex(UBIGEO_CODE, 'district must be a 6-digit ubigeo, or null'))) });

/** A CSV download: UTF-8 with a byte-order mark, so a spreadsheet reads ñ and accents right. */
const sendCsv = (reply: FastifyReply, filename: string, csv: string) =>
  reply.type('text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="${filename}"`).send(`\ufeff${csv}`);

/** Where an editor reads the feedback about one guide, newest first. */
export const feedbackUrl = (guideId: string) => `${API_PATHS.adminSubmissions}?form=${FEEDBACK_FORM_ID}&guide=${encodeURIComponent(guideId)}&order=newest`;

/** Whether `dir` is the content folder or inside it (after resolving links). */
function insideContentDir(dir: string, contentDir: string): boolean {
  try {
    const path = relative(realpathSync(contentDir), realpathSync(resolve(contentDir, dir)));
    return path === '' || (!path.startsWith('..') && !isAbsolute(path));
  } catch {
    return false; // does not exist
  }
}

export function adminRoutes(app: FastifyInstance, deps: AdminDeps, options: { adminToken?: string; contentDir: string; throttle: LimitHook }) {
  const store = deps.catalog;
  const authorised = adminCheck(options.adminToken);
  const route = { onRequest: options.throttle };

  // Re-reads the content folder and publishes what changed. Lets an operator update a running
  // server (whose embedded database only one process may open) with `npm run content:import`.
  // Only the server's content folder (or a folder inside it): the API must not read any path.
  app.post(API_PATHS.adminContentImport, route, async (request, reply) => {
    if (!authorised(request, reply)) return reply;
    const body = v.safeParse(ImportBody, request.body ?? {});
    if (!body.success) return sendError(reply, 400, 'bad_request', firstIssue(body.issues));
    const dir = body.output.dir ?? options.contentDir;
    if (!insideContentDir(dir, options.contentDir)) {
      return sendError(reply, 403, 'forbidden_dir', `only the server's content folder (CONTENT_DIR) or a folder inside it can be imported`);
    }
    try {
      return { summary: await importContent(store, resolve(options.contentDir, dir)) };
    } catch (error) {
      if (error instanceof ContentError) {
        return sendError(reply, 422, 'content_invalid', 'content is invalid, nothing was published', error.issues);
      }
      throw error;
    }
  });

  app.post(API_PATHS.adminEnrollmentCodes, route, async (request, reply) => {
    if (!authorised(request, reply)) return reply;
    const body = v.safeParse(NewCode, request.body ?? {});
    if (!body.success) return sendError(reply, 400, 'bad_request', firstIssue(body.issues));
    const { label, maxUses, validDays } = body.output;
    const code = await deps.kiosks.createEnrollmentCode(label, { maxUses, validDays });
    return reply.code(201).send({ code, label, maxUses, validDays });
  });

  app.get(API_PATHS.adminEnrollmentCodes, route, async (request, reply) => {
    if (!authorised(request, reply)) return reply;
    return { codes: await deps.kiosks.listCodes() };
  });

  app.post(API_PATHS.adminEnrollmentCodesRevoke, route, async (request, reply) => {
    if (!authorised(request, reply)) return reply;
    const body = v.safeParse(RevokeCode, request.body ?? {});
    if (!body.success) return sendError(reply, 400, 'bad_request', 'give { "code": "ABCDE-FGHJK" } or { "id": "<code id>" }');
    const revoked = await deps.kiosks.revokeCode(body.output);
    if (revoked === 0) return sendError(reply, 404, 'not_found', 'no such enrolment code');
    return { revoked };
  });

  app.get(API_PATHS.adminKiosks, route, async (request, reply) => {
    if (!authorised(request, reply)) return reply;
    return { kiosks: await deps.kiosks.listKiosks() };
  });

  app.post<{ Params: { id: string } }>(API_PATHS.adminKioskRevoke, route, async (request, reply) => {
    if (!authorised(request, reply)) return reply;
    if (!(await deps.kiosks.revokeKiosk(request.params.id))) return sendError(reply, 404, 'not_found', 'no kiosk has this id');
    return { revoked: request.params.id };
  });

  // Sets or corrects the district a kiosk's counts are placed in (kiosks enrolled before
  // districts were asked have none).
  app.post<{ Params: { id: string } }>(API_PATHS.adminKioskDistrict, route, async (request, reply) => {
    if (!authorised(request, reply)) return reply;
    const body = v.safeParse(SetDistrict, request.body ?? {});
    if (!body.success) return sendError(reply, 400, 'bad_request', firstIssue(body.issues));
    const { district } = body.output;
    if (district !== null && !describeUbigeo(deps.ubigeo, district)) return sendError(reply, 422, 'unknown_district', unknownDistrictMessage(district));
    if (!(await deps.kiosks.setDistrict(request.params.id, district))) return sendError(reply, 404, 'not_found', 'no kiosk has this id');
    return { kioskId: request.params.id, district };
  });

  // Corrects the library name a kiosk was enrolled with: which library's local notes it shares.
  app.post<{ Params: { id: string } }>(API_PATHS.adminKioskLibrary, route, async (request, reply) => {
    if (!authorised(request, reply)) return reply;
    const body = v.safeParse(SetLibrary, request.body ?? {});
    if (!body.success) return sendError(reply, 400, 'bad_request', firstIssue(body.issues));
    const changed = await deps.kiosks.setLibrary(request.params.id, body.output.library);
    if (!changed) return sendError(reply, 404, 'not_found', 'no kiosk has this id');
    return { kioskId: request.params.id, library: body.output.library, ...changed };
  });

  // Guides by how useful patrons found them, least useful first, each with the way to its
  // "something is wrong" reports.
  app.get(API_PATHS.adminGuideUsefulness, route, async (request, reply) => {
    if (!authorised(request, reply)) return reply;
    const guides = await deps.usage.guideUsefulness();
    return { feedbackFormId: FEEDBACK_FORM_ID, guides: guides.map((guide) => ({ ...guide, submissionsUrl: feedbackUrl(guide.guideId) })) };
  });

  app.get(API_PATHS.adminForms, route, async (request, reply) => {
    if (!authorised(request, reply)) return reply;
    return { forms: await deps.submissions.countsByForm() };
  });

  // Submissions of one form (or all), as JSON or as CSV with one column per field.
  app.get(API_PATHS.adminSubmissions, route, async (request, reply) => {
    if (!authorised(request, reply)) return reply;
    const query = v.safeParse(SubmissionsQuery, request.query ?? {});
    if (!query.success) return sendError(reply, 400, 'bad_request', firstIssue(query.issues));
    const { form: formId, guide: guideId, format, order } = query.output;
    const rows = await deps.submissions.list({ formId, guideId, newestFirst: order === 'newest' });
    if (format === 'json') return { submissions: rows };
    if (!formId) return sendError(reply, 400, 'bad_request', 'CSV export needs ?form=<form id>');
    const form = await deps.submissions.latestForm(formId);
    const fields: FormField[] = form?.fields ?? [];
    const header = ['id', 'form_version', 'created_at', 'received_at', 'library', 'guide', ...fields.map((f) => f.id)];
    const csv = toCsv(header, rows.map((r) => [r.id, r.formVersion, r.createdAt, r.receivedAt, r.library, r.payload.context?.guideId, ...fields.map((f) => r.payload.answers[f.id])]));
    return sendCsv(reply, `${formId}.csv`, csv);
  });

  // Every library's local notes, for the network's editors to turn into national content.
  app.get(API_PATHS.adminNotes, route, async (request, reply) => {
    if (!authorised(request, reply)) return reply;
    const query = v.safeParse(NotesQuery, request.query ?? {});
    if (!query.success) return sendError(reply, 400, 'bad_request', firstIssue(query.issues));
    const { library, guide, expired, deleted, format } = query.output;
    const notes = await deps.notes.adminList({ libraryKey: library === undefined ? undefined : libraryKey(library), guideId: guide, includeExpired: expired === 'include', includeDeleted: deleted === 'include' });
    if (format === 'json') return { notes };
    const header = ['id', 'library', 'library_key', 'guide', 'text_es', 'text_qu', 'expires', 'expired', 'deleted', 'revision', 'updated_at', 'received_at', 'kiosk_id'];
    const csv = toCsv(header, notes.map((n) => [n.id, n.library, n.libraryKey, n.guideId, n.text.es, n.text.qu, n.expires, n.expired, n.deleted, n.revision, n.updatedAt, n.receivedAt, n.kioskId]));
    return sendCsv(reply, 'notas-locales.csv', csv);
  });

  // An editor takes a wrong or harmful note away from every kiosk of its library.
  app.post<{ Params: { id: string } }>(API_PATHS.adminNoteRemove, route, async (request, reply) => {
    if (!authorised(request, reply)) return reply;
    const removed = await deps.notes.remove(request.params.id);
    if (!removed) return sendError(reply, 404, 'not_found', 'no shown note has this id');
    return { ...removed, deleted: true };
  });

  // An outbox file from a USB stick; answers with the signed receipts file for the kiosk.
  app.post(API_PATHS.adminOutboxImport, { ...route, bodyLimit: 32 * 1024 * 1024 }, async (request, reply) => {
    if (!authorised(request, reply)) return reply;
    try {
      return await importOutboxFile(deps, request.body);
    } catch (error) {
      if (error instanceof OutboxFileError) return sendError(reply, error.code === 'kiosk_revoked' ? 403 : 422, 'bad_request', error.message, { code: error.code });
      if (error instanceof SigningKeyMismatch) return sendError(reply, 409, 'signing_key_replaced', error.message);
      throw error;
    }
  });

  // The whole catalogue as a signed content pack, for a USB stick.
  app.get(API_PATHS.adminPack, route, async (request, reply) => {
    if (!authorised(request, reply)) return reply;
    let pack;
    try {
      pack = await exportPack(deps.db, deps.catalog, deps.signingKey);
    } catch (error) {
      if (error instanceof SigningKeyMismatch) return sendError(reply, 409, 'signing_key_replaced', error.message);
      throw error;
    }
    return reply.header('Content-Disposition', `attachment; filename="chaski-paquete-${pack.manifest.createdAt.slice(0, 10)}.json"`).send(pack);
  });
}
