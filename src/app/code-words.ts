// Every code the kiosk can be told or can run into, and the words for it: one map per kind of
// code. Each map is typed by its code union and by the i18n keys (i18n/resources.d.ts), so a new
// code without text, or a key with no Spanish and Quechua string (i18n/locale-keys.ts), fails
// `tsc`.
import type { ParseKeys } from 'i18next';
import type { FieldErrorCode } from '../core/form-validate';
import type { NoteRejectCode } from '../core/local-notes';
import type { PackImportRefusal } from '../data/content-pack-import';
import type { OutboxRejectCode } from '../data/patron-db';
import type { ReceiptsImport } from '../data/sneakernet';
import type { SyncErrorCode } from '../core/sync-errors';
import type { EnrolOutcome } from '../sync/enroll';

type Words<Code extends string> = Record<Code, ParseKeys>;

/** Why enrolling (or enrolling again) did not work. */
export const ENROL_PROBLEM = {
  invalid_code: 'kiosk.invalid',
  bad_input: 'kiosk.badInput',
  unknown_district: 'kiosk.unknownDistrict',
  rate_limited: 'kiosk.rateLimited',
  offline: 'kiosk.offline',
  server_error: 'kiosk.serverError',
} as const satisfies Words<Exclude<EnrolOutcome['status'], 'enrolled'>>;

/** Why a submission waits for the librarian. */
export const OUTBOX_REASON = {
  invalid_submission: 'librarian.reasons.invalid_submission',
  unknown_form: 'librarian.reasons.unknown_form',
  unknown_form_version: 'librarian.reasons.unknown_form_version',
  invalid_answers: 'librarian.reasons.invalid_answers',
  conflict: 'librarian.reasons.conflict',
  undecryptable: 'librarian.reasons.undecryptable',
  server_failed: 'librarian.reasons.server_failed',
  server_refused: 'librarian.reasons.server_refused',
} as const satisfies Words<OutboxRejectCode>;

/** Why the last sync run failed. */
export const SYNC_ERROR = {
  offline: 'librarian.syncErrors.offline',
  unauthorized: 'librarian.syncErrors.unauthorized',
  rate_limited: 'librarian.syncErrors.rate_limited',
  server_error: 'librarian.syncErrors.server_error',
  bad_response: 'librarian.syncErrors.bad_response',
  storage_full: 'librarian.syncErrors.storage_full',
  unexpected: 'librarian.syncErrors.unexpected',
} as const satisfies Words<SyncErrorCode>;

/** Why a content pack was not used. */
export const PACK_REFUSAL = {
  no_key: 'librarian.packRefused.no_key',
  not_a_pack: 'librarian.packRefused.not_a_pack',
  bad_signature: 'librarian.packRefused.bad_signature',
  hash_mismatch: 'librarian.packRefused.hash_mismatch',
  incomplete: 'librarian.packRefused.incomplete',
  invalid_record: 'librarian.packRefused.invalid_record',
  older: 'librarian.packRefused.older',
  busy: 'librarian.packRefused.busy',
  storage_full: 'librarian.packRefused.storage_full',
} as const satisfies Words<PackImportRefusal>;

/** Why a receipts file was not used. */
export const RECEIPTS_REFUSAL = {
  invalid: 'librarian.receiptsInvalid',
  wrong_kiosk: 'librarian.receiptsWrongKiosk',
  no_key: 'librarian.packNoKey',
} as const satisfies Words<Extract<ReceiptsImport, { ok: false }>['code']>;

/** Why the server will never take a library's local note. */
export const NOTE_REJECTION = {
  invalid_note: 'notes.rejected.invalid_note',
  expires_out_of_range: 'notes.rejected.expires_out_of_range',
  other_library: 'notes.rejected.other_library',
  too_many_notes: 'notes.rejected.too_many_notes',
} as const satisfies Words<NoteRejectCode>;

/** What a field's answer must be, beside the field. */
export const FIELD_ERROR = {
  required: 'errors.required',
  wrong_type: 'errors.wrong_type',
  too_short: 'errors.too_short',
  too_long: 'errors.too_long',
  pattern: 'errors.pattern',
  not_a_number: 'errors.not_a_number',
  not_integer: 'errors.not_integer',
  too_small: 'errors.too_small',
  too_large: 'errors.too_large',
  date_format: 'errors.date_format',
  date_too_early: 'errors.date_too_early',
  date_too_late: 'errors.date_too_late',
  date_in_future: 'errors.date_in_future',
  age_too_low: 'errors.age_too_low',
  age_too_high: 'errors.age_too_high',
  choice_invalid: 'errors.choice_invalid',
  too_few_selected: 'errors.too_few_selected',
  too_many_selected: 'errors.too_many_selected',
  unknown_field: 'errors.unknown_field',
  dni_format: 'errors.dni_format',
  dni_check: 'errors.dni_check',
  ruc_format: 'errors.ruc_format',
  ruc_prefix: 'errors.ruc_prefix',
  ruc_check: 'errors.ruc_check',
  phone_format: 'errors.phone_format',
  phone_not_mobile: 'errors.phone_not_mobile',
  phone_not_landline: 'errors.phone_not_landline',
  email_format: 'errors.email_format',
  ubigeo_format: 'errors.ubigeo_format',
  ubigeo_unknown: 'errors.ubigeo_unknown',
} as const satisfies Words<FieldErrorCode>;
