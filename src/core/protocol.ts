// Wire types of the sync API, shared by the server and the kiosk. See docs/protocol.md.
import type { RecordKind } from './records';
import type { SealedPayload } from './seal';

export const API_PREFIX = '/api/v1';

/** One entry of the change feed: the latest state of one record. */
export type Change =
  | { kind: RecordKind; id: string; version: number; op: 'put'; data: unknown }
  | { kind: RecordKind; id: string; version: number; op: 'delete' };

export interface ChangesPage {
  changes: Change[];
  /** Opaque; send it back as `since` to continue. */
  cursor: string;
  /** True when more changes are waiting after this page. */
  more: boolean;
  /** True when the cursor sent belonged to another catalogue (the server's database was
   * replaced): the kiosk must drop what it holds and apply this feed from the start. */
  reset?: true;
}

export const DEFAULT_PAGE_LIMIT = 200;
export const MAX_PAGE_LIMIT = 1000;

export type ApiErrorCode =
  | 'invalid_cursor'
  | 'invalid_limit'
  | 'not_found'
  | 'payload_too_large'
  | 'bad_request'
  | 'unauthorized'
  | 'admin_disabled'
  | 'content_invalid'
  | 'invalid_enrollment_code'
  | 'too_many_submissions'
  | 'rate_limited'
  | 'forbidden_dir'
  | 'internal_error';

export interface ApiError {
  error: { code: ApiErrorCode; message: string; details?: unknown };
}

/** One patron submission, as the kiosk queues and pushes it. `id` is a UUIDv7 made on the kiosk
 * when the patron pressed Send: the idempotency key. */
export interface Submission {
  id: string;
  formId: string;
  formVersion: number;
  /** When the patron pressed Send (ISO time, the kiosk's clock). */
  createdAt: string;
  payload: SubmissionPayload;
}

/** A submission as it waits and travels: its answers sealed for the server once the kiosk
 * knows the server's key (src/core/seal.ts), in the clear before that. */
export type QueuedSubmission = Omit<Submission, 'payload'> & ({ payload: SubmissionPayload; sealed?: undefined } | { payload?: undefined; sealed: SealedPayload });

export interface SubmissionPayload {
  answers: Record<string, string | number | boolean | string[]>;
  /** Where the form was opened from, e.g. the guide a feedback form is about. */
  context?: { guideId?: string };
}

export const MAX_SUBMISSION_BATCH = 50;

export type SubmissionRejectCode =
  | 'invalid_submission'
  | 'unknown_form'
  | 'unknown_form_version'
  | 'invalid_answers'
  /** Same id as a stored submission, different content: never overwritten. */
  | 'conflict'
  /** Sealed with a key this server does not hold, or altered on the way. */
  | 'undecryptable';

export type SubmissionResult =
  | { id: string; status: 'accepted' | 'duplicate' }
  | { id: string; status: 'rejected'; code: SubmissionRejectCode; fieldErrors?: Record<string, { code: string; params?: Record<string, string | number> }> };

export interface SubmissionsResponse {
  results: SubmissionResult[];
}

export interface EnrollRequest {
  code: string;
  library: string;
}

export interface EnrollResponse {
  kioskId: string;
  token: string;
  library: string;
}

/** The outbox as a file, for a USB stick when there is no connection for weeks. The answers
 * inside are sealed for the server as they were in the outbox. */
export interface OutboxFile {
  format: 'chaski-outbox';
  version: 1;
  kioskId: string;
  library: string;
  exportedAt: string;
  submissions: QueuedSubmission[];
}

/** The server's answer to an imported outbox file, for the kiosk to import back. Signed with
 * the server's signing key (src/core/receipts-signature.ts), kept outside its database, so a
 * forged file cannot make a kiosk drop what it has not delivered. */
export interface ReceiptsFile {
  format: 'chaski-receipts';
  version: 2;
  kioskId: string;
  issuedAt: string;
  results: SubmissionResult[];
  signature: string;
}
