// The sync API between a kiosk and its server, once: every body that crosses the wire is a
// schema here, its TypeScript type is inferred from it, and the same schema checks it on both
// ends (the server before anything reaches its database, the kiosk before anything reaches
// IndexedDB). See docs/protocol.md.
//
// What a client sends is checked strictly (unknown keys refused, PostgreSQL's bounds; see
// wire-schema.ts). What a server answers is read leniently: keys a newer server adds are
// dropped and a value a newer server may add (a kind, a reason) is kept or mapped, never
// allowed to fail a whole answer on a kiosk that is a version behind.
import * as v from 'valibot';
import { UBIGEO_CODE } from './ubigeo';
import { libraryKey } from './local-note-rules';
import { calendarTimestamp, int32, PublicKeyJwkSchema, safeText, slugId, uuid } from './wire-schema';

export const API_PREFIX = '/api/v1';

/** Every path of the API, the one place they are spelled. `:id` is filled by `apiPath`. */
export const API_PATHS = {
  health: `${API_PREFIX}/health`,
  /** 200 while the process runs; touches no database (for a liveness probe). */
  healthLive: `${API_PREFIX}/health/live`,
  /** 200 when the database answers and holds the latest migration, else 503 (readiness probe). */
  healthReady: `${API_PREFIX}/health/ready`,
  changes: `${API_PREFIX}/changes`,
  submissions: `${API_PREFIX}/submissions`,
  enroll: `${API_PREFIX}/kiosks/enroll`,
  /** A kiosk's per-day usage counters (core/usage.ts). */
  usage: `${API_PREFIX}/usage`,
  /** POST: a kiosk's local notes, new and edited; GET: its library's notes (core/local-notes.ts). */
  notes: `${API_PREFIX}/notes`,
  adminContentImport: `${API_PREFIX}/admin/content/import`,
  adminEnrollmentCodes: `${API_PREFIX}/admin/enrollment-codes`,
  adminEnrollmentCodesRevoke: `${API_PREFIX}/admin/enrollment-codes/revoke`,
  adminKiosks: `${API_PREFIX}/admin/kiosks`,
  adminKioskRevoke: `${API_PREFIX}/admin/kiosks/:id/revoke`,
  /** Sets or corrects the district (ubigeo) a kiosk's counts are placed in. */
  adminKioskDistrict: `${API_PREFIX}/admin/kiosks/:id/district`,
  /** Corrects the library name a kiosk was enrolled with (and so which library's notes it gets). */
  adminKioskLibrary: `${API_PREFIX}/admin/kiosks/:id/library`,
  adminForms: `${API_PREFIX}/admin/forms`,
  adminSubmissions: `${API_PREFIX}/admin/submissions`,
  adminOutboxImport: `${API_PREFIX}/admin/outbox/import`,
  adminPack: `${API_PREFIX}/admin/pack`,
  /** Guides by how useful patrons found them, with "something is wrong" reports. */
  adminGuideUsefulness: `${API_PREFIX}/admin/guides/usefulness`,
  /** Every library's local notes, for the network's editors. */
  adminNotes: `${API_PREFIX}/admin/notes`,
  /** Takes a library's note away for every kiosk (a wrong or harmful note). */
  adminNoteRemove: `${API_PREFIX}/admin/notes/:id/remove`,
  /** POST: a kiosk announces a recording (core/audio.ts RecordingMeta) and learns how much of it
   * the server holds; GET: where each of the asking kiosk's recordings stands. */
  recordings: `${API_PREFIX}/recordings`,
  /** PUT ?offset=<n>: the next chunk of a recording's bytes, from the offset the server said. */
  recordingAudio: `${API_PREFIX}/recordings/:id/audio`,
  /** GET: the bytes of a published recording by their SHA-256; never change, cached for good. */
  audio: `${API_PREFIX}/audio/:sha`,
  /** Recordings for the editors: ?status=pending (the default), approved or rejected. */
  adminRecordings: `${API_PREFIX}/admin/recordings`,
  adminRecordingAudio: `${API_PREFIX}/admin/recordings/:id/audio`,
  /** Publishes the recording as the guide part's audio record (replacing an earlier one). */
  adminRecordingApprove: `${API_PREFIX}/admin/recordings/:id/approve`,
  /** { reason }: the kiosk that sent it shows the reason to its librarian. */
  adminRecordingReject: `${API_PREFIX}/admin/recordings/:id/reject`,
} as const;

/** A path with its `:name` parameters filled in, encoded. */
export function apiPath(path: string, params: Record<string, string> = {}): string {
  return path.replace(/:([a-z]+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
}

// ---------------------------------------------------------------------------------------------
// Errors

export const API_ERROR_CODES = [
  'invalid_cursor',
  'invalid_limit',
  'not_found',
  'payload_too_large',
  'bad_request',
  'unauthorized',
  'admin_disabled',
  'content_invalid',
  'invalid_enrollment_code',
  'too_many_submissions',
  'rate_limited',
  /** 503 with Retry-After: the database is restarting or out of reach; send again later. */
  'database_unavailable',
  /** 503 with Retry-After: PostgreSQL ended the transaction in favour of another touching the
   * same rows (a deadlock or serialization failure); nothing was stored; send again. */
  'database_busy',
  'forbidden_dir',
  /** A district (ubigeo) that is six digits but names no district of INEI's list. */
  'unknown_district',
  /** A usage push that is not `{ days: [ … ] }` (each day in it is answered alone). */
  'invalid_usage',
  /** More days in one usage push than MAX_USAGE_DAYS (core/usage.ts). */
  'too_many_days',
  /** A notes push that is not `{ notes: [ … ] }` (each note in it is answered alone). */
  'invalid_notes',
  /** More notes in one push than MAX_NOTES_PER_PUSH (core/local-notes.ts). */
  'too_many_notes_in_push',
  /** A recording's announcement that is not a RecordingMeta (core/audio.ts). */
  'invalid_recording',
  /** A recording or chunk with more bytes than it announced or than MAX_AUDIO_BYTES. */
  'audio_too_large',
  /** This server's signing key file holds a key the network no longer publishes (another server
   * rotated it): it signs no pack or receipts until the new file is copied in. */
  'signing_key_replaced',
  'internal_error',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** Every error the API sends: `{ error: { code, message } }`, never a stack trace. */
export const ApiErrorSchema = v.object({
  error: v.object({ code: v.string(), message: v.string(), details: v.optional(v.unknown()) }),
});
export interface ApiError {
  error: { code: ApiErrorCode; message: string; details?: unknown };
}

// ---------------------------------------------------------------------------------------------
// The catalogue change feed: GET /changes?since=<cursor>&limit=<n>

export const DEFAULT_PAGE_LIMIT = 200;
export const MAX_PAGE_LIMIT = 1000;

/** One entry of the feed: the latest state of one record. `kind` is one of core/records'
 * RECORD_KINDS; a kind a newer server adds is passed on for the kiosk to skip. */
export const ChangeSchema = v.variant('op', [
  v.object({ kind: v.string(), id: v.string(), version: v.number(), op: v.literal('put'), data: v.unknown() }),
  v.object({ kind: v.string(), id: v.string(), version: v.number(), op: v.literal('delete') }),
]);
export type Change = v.InferOutput<typeof ChangeSchema>;

export const ChangesPageSchema = v.object({
  changes: v.array(ChangeSchema),
  /** Opaque; send it back as `since` to continue. */
  cursor: v.string(),
  /** True when more changes are waiting after this page. */
  more: v.boolean(),
  /** True when the cursor sent belonged to another catalogue (the server's database was
   * replaced): the kiosk must drop what it holds and apply this feed from the start. */
  reset: v.optional(v.literal(true)),
});
export type ChangesPage = v.InferOutput<typeof ChangesPageSchema>;

// ---------------------------------------------------------------------------------------------
// Submissions: POST /submissions { submissions: [...] } → { results: [...] }

export const MAX_SUBMISSION_BATCH = 50;

// Answer keys are form field ids (core/form-schema): never "__proto__" or other magic names.
const AnswerKey = v.pipe(v.string(), v.regex(/^[a-z][a-z0-9_]*$/), v.maxLength(60));
const AnswerValue = v.union([safeText(5000), v.pipe(v.number(), v.finite()), v.boolean(), v.pipe(v.array(safeText(200)), v.maxLength(100))]);

export const SubmissionPayloadSchema = v.strictObject({
  answers: v.pipe(v.record(AnswerKey, AnswerValue), v.check((answers) => Object.keys(answers).length <= 200, 'too many answers')),
  /** Where the form was opened from, e.g. the guide a feedback form is about. */
  context: v.optional(v.strictObject({ guideId: v.optional(slugId) })),
});
export type SubmissionPayload = v.InferOutput<typeof SubmissionPayloadSchema>;

const b64url = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]+$/), v.maxLength(200_000));
/** Answers sealed for the server (core/seal.ts): ECDH P-256 with a one-time key, HKDF-SHA256,
 * AES-256-GCM bound to the submission's id, form, version and time. */
export const SealedPayloadSchema = v.strictObject({
  v: v.literal(1),
  /** The sender's one-time public key. */
  epk: PublicKeyJwkSchema,
  salt: b64url,
  iv: b64url,
  ct: b64url,
});
export type SealedPayload = v.InferOutput<typeof SealedPayloadSchema>;

const submissionMeta = {
  /** A UUIDv7 made on the kiosk when the patron pressed Send: the idempotency key. */
  id: uuid,
  formId: slugId,
  formVersion: int32(1),
  /** When the patron pressed Send (ISO time, the kiosk's clock). */
  createdAt: calendarTimestamp,
};

/** One patron submission with its answers in the clear: what the server stores. */
export const SubmissionSchema = v.strictObject({ ...submissionMeta, payload: SubmissionPayloadSchema });
export type Submission = v.InferOutput<typeof SubmissionSchema>;

/** A submission as it waits and travels: answers sealed for the server, or in the clear (a
 * kiosk that has not pulled the server's key yet); never both. */
export const QueuedSubmissionSchema = v.union([
  v.strictObject({ ...submissionMeta, payload: SubmissionPayloadSchema, sealed: v.optional(v.undefined()) }),
  v.strictObject({ ...submissionMeta, sealed: SealedPayloadSchema, payload: v.optional(v.undefined()) }),
]);
export type QueuedSubmission = v.InferOutput<typeof QueuedSubmissionSchema>;

/** The envelope of a push; each submission in it is checked on its own, so one bad item is
 * rejected alone and never fails the batch. */
export const SubmissionsRequestSchema = v.object({ submissions: v.array(v.unknown()) });

export const SUBMISSION_REJECT_CODES = [
  'invalid_submission',
  'unknown_form',
  'unknown_form_version',
  'invalid_answers',
  /** Same id as a stored submission, different content: never overwritten. */
  'conflict',
  /** Sealed with a key this server does not hold, or altered on the way. */
  'undecryptable',
] as const;
export type SubmissionRejectCode = (typeof SUBMISSION_REJECT_CODES)[number];

/** Why one answer was refused: a core/form-validate error code and its parameters. */
export const FieldErrorSchema = v.object({ code: v.string(), params: v.optional(v.record(v.string(), v.union([v.string(), v.number()]))) });
export type FieldErrors = Record<string, v.InferOutput<typeof FieldErrorSchema>>;

export const SubmissionResultSchema = v.variant('status', [
  v.object({ id: v.string(), status: v.picklist(['accepted', 'duplicate']) }),
  v.object({
    id: v.string(),
    status: v.literal('rejected'),
    // A reason a newer server adds reads as the general one, so the item is still held.
    code: v.fallback(v.picklist(SUBMISSION_REJECT_CODES), 'invalid_submission'),
    fieldErrors: v.optional(v.record(v.string(), FieldErrorSchema)),
  }),
]);
export type SubmissionResult = v.InferOutput<typeof SubmissionResultSchema>;

export const SubmissionsResponseSchema = v.object({ results: v.array(SubmissionResultSchema) });
export type SubmissionsResponse = v.InferOutput<typeof SubmissionsResponseSchema>;

// ---------------------------------------------------------------------------------------------
// Enrolment: POST /kiosks/enroll { code, library, district? } → 201 { kioskId, token, library }

export const EnrollRequestSchema = v.object({
  code: v.pipe(safeText(40), v.trim(), v.minLength(1, 'code is required')),
  library: v.pipe(
    safeText(120),
    v.trim(),
    v.minLength(1, 'library is required (at most 120 characters)'),
    // Its letters and digits name the library whose local notes the kiosk shares: "!!!" names none.
    v.check((name) => libraryKey(name) !== '', 'library must contain letters or digits'),
  ),
  /** The library's district as an INEI ubigeo (6 digits, from core/ubigeo's list): where the
   * network's report places this kiosk's counts. Older kiosks do not send it. */
  district: v.optional(v.pipe(v.string(), v.regex(UBIGEO_CODE, 'district must be a 6-digit ubigeo'))),
});
export type EnrollRequest = v.InferInput<typeof EnrollRequestSchema>;

export const EnrollResponseSchema = v.object({ kioskId: v.string(), token: v.pipe(v.string(), v.minLength(1)), library: v.string() });
export type EnrollResponse = v.InferOutput<typeof EnrollResponseSchema>;
