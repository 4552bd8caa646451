// The kiosk's second IndexedDB database: what patrons typed and what waits to be sent. Kept
// apart from the catalogue because it must never be lost: every write is committed with
// strict durability (Chromium's default, relaxed, may leave a write in OS buffers for seconds
// after the patron saw "saved"), and a catalogue reset never touches it.
import type { EntityTable } from 'dexie';
import Dexie from './dexie';
import type { QueuedSubmission, SubmissionRejectCode, SubmissionResult } from '../core/protocol';
import type { UsageCounts } from '../core/usage';
import type { LocalNote, NoteRejectCode } from '../core/local-notes';
import type { RecordingMeta } from '../core/recording';

export interface DraftRow {
  /** formId, plus the guide it was opened from for per-guide forms. */
  key: string;
  formId: string;
  answers: Record<string, unknown>;
  updatedAt: string;
  /** The id its submission will have (data/submit.ts): once a queued or sent submission has it,
   * the draft is spent (data/drafts.ts). Drafts saved by older versions have none. */
  submissionId?: string;
}

export type OutboxStatus = 'waiting' | 'rejected';

/** Why a submission waits for the librarian: the server's own per-item answer, or, when the
 * server failed (5xx) or refused (4xx) every request holding it while it took the others, the
 * kiosk's verdict that this one item is what the server cannot take. */
export type OutboxRejectCode = SubmissionRejectCode | 'server_failed' | 'server_refused';

/** A queued submission: its answers sealed for the server (`sealed`), or, only until the
 * kiosk knows the server's key, in the clear (`payload`). */
export type OutboxRow = QueuedSubmission & {
  status: OutboxStatus;
  receipt: string;
  attempts: number;
  rejection?: { code: OutboxRejectCode; fieldErrors?: Extract<SubmissionResult, { status: 'rejected' }>['fieldErrors']; httpStatus?: number };
  /** Runs in which the server failed on this item alone while it took others. */
  serverFailures?: number;
};

/** What stays once the server has acknowledged a submission: no answers. */
export interface ReceiptRow {
  id: string;
  formId: string;
  receipt: string;
  createdAt: string;
  sentAt: string;
  status: 'sent';
}

export interface KioskMetaRow {
  key: string;
  value: unknown;
}

/** One day's usage counters (core/usage.ts): counts only, never who or what was typed. */
export interface UsageRow {
  /** YYYY-MM-DD in Peru. */
  day: string;
  /** Grows by one with every write of this day's counts. */
  revision: number;
  /** The highest revision the server has acknowledged. */
  sentRevision: number;
  counts: UsageCounts;
}

/** A library's local note (core/local-notes.ts) as this kiosk keeps it. */
export type LocalNoteRow = LocalNote & {
  /** The highest revision the server has acknowledged (the feed's revision for notes written on
   * the library's other kiosks). */
  sentRevision: number;
  /** Why the server will never take this revision; the panel shows it, the guide does not. */
  rejection?: NoteRejectCode;
};

/** Where a recording made on this kiosk stands: `draft` (recorded, the librarian may hear it and
 * record again), `waiting` (sent: goes with the next sync or USB file), then the server's word. */
export type RecordingRowStatus = 'draft' | 'waiting' | 'pending' | 'approved' | 'rejected' | 'refused';

/** A recording of one guide part (core/audio.ts). The bytes stay until the server holds them all. */
export type RecordingRow = RecordingMeta & {
  status: RecordingRowStatus;
  audio?: Blob;
  /** Bytes the server has acknowledged: an interrupted upload goes on from here. */
  received: number;
  /** The editor's reason (`rejected`) or the server's refusal code (`refused`). */
  reason?: string;
};

export type PatronDb = Dexie & {
  drafts: EntityTable<DraftRow, 'key'>;
  outbox: EntityTable<OutboxRow, 'id'>;
  receipts: EntityTable<ReceiptRow, 'id'>;
  kiosk: EntityTable<KioskMetaRow, 'key'>;
  usage: EntityTable<UsageRow, 'day'>;
  localNotes: EntityTable<LocalNoteRow, 'id'>;
  recordings: EntityTable<RecordingRow, 'id'>;
};

export function openPatronDatabase(name = 'chaski-patron'): PatronDb {
  const db = new Dexie(name, { chromeTransactionDurability: 'strict' }) as PatronDb;
  // Every version so far only added tables, so the latest schema is all a kiosk needs: Dexie
  // (since 3.0) upgrades from whatever version is installed, and declaring each past version
  // again cost every page load its parse (bench/lighthouse.ts). Tables by version: 1 the
  // drafts, outbox, receipts and kiosk facts; 2 usage counters (issue 15); 3 the library's
  // local notes (issue 16); 4 recorded guides (issue 17). A version that changes data needs
  // its own declaration and upgrade function.
  db.version(4).stores({
    drafts: 'key',
    outbox: 'id, status, createdAt',
    receipts: 'id, sentAt',
    kiosk: 'key',
    usage: 'day',
    localNotes: 'id, guideId',
    recordings: 'id, status, guideId',
  });
  return db;
}

let shared: PatronDb | undefined;

export function patronDatabase(): PatronDb {
  shared ??= openPatronDatabase();
  return shared;
}
