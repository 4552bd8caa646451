// The outbox: submissions the patron sent, kept until the server acknowledges them (adding one is
// outbox-queue.ts, Send's side, kept out of the sync code a first visit loads); an
// acknowledgement turns the row into a receipt without the answers.
import type { QueuedSubmission, Submission, SubmissionResult } from '../core/protocol';
import type { ServerKey } from '../core/records';
import { type PreparedSeal, prepareSeal, sealContext } from '../core/seal';
import { type OutboxRejectCode, type OutboxRow, type ReceiptRow, patronDatabase } from './patron-db';

export type ReceiptView =
  | { status: 'waiting' | 'rejected'; row: OutboxRow }
  | { status: 'sent'; row: ReceiptRow };

export type SealingKey = Extract<ServerKey, { id: 'submissions' }>;

/** The submission as it will wait and travel: its answers sealed for the server. */
export async function sealSubmission(submission: Submission, sealWith: SealingKey | PreparedSeal): Promise<QueuedSubmission> {
  const { payload, ...meta } = submission;
  const sealPayload = typeof sealWith === 'function' ? sealWith : await prepareSeal(sealWith.publicKey);
  return { ...meta, sealed: await sealPayload(payload, sealContext(meta)) };
}

/** Up to `max` submissions waiting to be sent, oldest first, as they go on the wire. */
export async function waitingSubmissions(max: number): Promise<QueuedSubmission[]> {
  const rows = await patronDatabase().outbox.where('status').equals('waiting').sortBy('createdAt');
  return rows.slice(0, max).map(({ id, formId, formVersion, createdAt, payload, sealed }) =>
    sealed ? { id, formId, formVersion, createdAt, sealed } : { id, formId, formVersion, createdAt, payload: payload! },
  );
}

/** Seals every queued submission still in the clear: those queued before the kiosk knew the
 * server's key, and those left by an earlier version of the app, which did not seal. */
export async function sealQueuedSubmissions(key: SealingKey): Promise<number> {
  const db = patronDatabase();
  const plain = await db.outbox.filter((row) => row.payload !== undefined).toArray();
  let count = 0;
  for (const row of plain) {
    const closed = await sealSubmission({ id: row.id, formId: row.formId, formVersion: row.formVersion, createdAt: row.createdAt, payload: row.payload! }, key);
    await db.transaction('rw', db.outbox, async () => {
      const current = await db.outbox.get(row.id);
      // Sent or changed meanwhile: leave it.
      if (!current || current.payload === undefined) return;
      const { payload: _clear, ...rest } = current;
      await db.outbox.put({ ...rest, sealed: closed.sealed! });
      count++;
    });
  }
  return count;
}

/** Records the server's answers: acknowledged items leave the outbox (keeping a receipt without
 * answers); rejected ones stay, marked with the reason, for the librarian. */
export async function applyPushResults(results: SubmissionResult[], now = new Date()): Promise<{ sent: number; rejected: number }> {
  const db = patronDatabase();
  // A batch is up to 50 items: one bulk read and three bulk writes, not three awaits per item.
  return db.transaction('rw', db.outbox, db.receipts, async () => {
    const rows = await db.outbox.bulkGet(results.map((result) => result.id));
    const receipts: ReceiptRow[] = [];
    const rejected: OutboxRow[] = [];
    results.forEach((result, i) => {
      const row = rows[i];
      if (!row) return;
      if (result.status === 'rejected') {
        rejected.push({ ...row, status: 'rejected', rejection: { code: result.code, fieldErrors: result.fieldErrors }, attempts: row.attempts + 1 });
      } else {
        receipts.push({ id: row.id, formId: row.formId, receipt: row.receipt, createdAt: row.createdAt, sentAt: now.toISOString(), status: 'sent' });
      }
    });
    await Promise.all([db.receipts.bulkPut(receipts), db.outbox.bulkDelete(receipts.map((r) => r.id)), db.outbox.bulkPut(rejected)]);
    return { sent: receipts.length, rejected: rejected.length };
  });
}

export async function countAttempt(ids: string[]): Promise<void> {
  await patronDatabase().outbox.where('id').anyOf(ids).modify((row) => void (row.attempts += 1));
}

/** Submissions the server could not take while it took others in the same run. A refusal (4xx)
 * is final: the item is held for the librarian at once. A server failure (5xx) may pass: the
 * item is held after `failuresToHold` such runs. Returns how many are now held. */
export async function holdUndeliverable(items: Array<{ id: string; httpStatus: number }>, failuresToHold: number): Promise<number> {
  const db = patronDatabase();
  const byId = new Map(items.map((item) => [item.id, item.httpStatus]));
  let held = 0;
  await db.outbox.where('id').anyOf([...byId.keys()]).modify((row) => {
    const httpStatus = byId.get(row.id)!;
    row.attempts += 1;
    if (httpStatus < 500) {
      row.status = 'rejected';
      row.rejection = { code: 'server_refused', httpStatus };
      held++;
      return;
    }
    row.serverFailures = (row.serverFailures ?? 0) + 1;
    if (row.serverFailures >= failuresToHold) {
      row.status = 'rejected';
      row.rejection = { code: 'server_failed', httpStatus };
      held++;
    }
  });
  return held;
}

export async function getReceipt(id: string): Promise<ReceiptView | undefined> {
  const db = patronDatabase();
  const pending = await db.outbox.get(id);
  if (pending) return { status: pending.status, row: pending };
  const sent = await db.receipts.get(id);
  return sent ? { status: 'sent', row: sent } : undefined;
}

/** What the librarian sees of a queued submission: never the answers, only which fields the
 * server objected to. */
export interface OutboxEntry {
  id: string;
  formId: string;
  receipt: string;
  createdAt: string;
  status: 'waiting' | 'rejected';
  attempts: number;
  rejection?: { code: OutboxRejectCode; fields: string[]; httpStatus?: number };
}

export async function listOutboxEntries(): Promise<OutboxEntry[]> {
  const rows = await patronDatabase().outbox.orderBy('createdAt').toArray();
  return rows.map((row) => ({
    id: row.id,
    formId: row.formId,
    receipt: row.receipt,
    createdAt: row.createdAt,
    status: row.status,
    attempts: row.attempts,
    rejection: row.rejection ? { code: row.rejection.code, fields: Object.keys(row.rejection.fieldErrors ?? {}), httpStatus: row.rejection.httpStatus } : undefined,
  }));
}

/** Puts rejected submissions (all, or the ones named) back in line to be sent. */
export async function retrySubmissions(ids?: string[]): Promise<number> {
  const db = patronDatabase();
  return db.transaction('rw', db.outbox, async () => {
    const rejected = db.outbox.where('status').equals('rejected');
    return (ids ? rejected.filter((row) => ids.includes(row.id)) : rejected).modify((row) => {
      row.status = 'waiting';
      delete row.rejection;
      delete row.serverFailures;
    });
  });
}
