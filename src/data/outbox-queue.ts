// Adding to the outbox, Send's side (data/submit.ts): the sealed row added in one
// strict-durability transaction, then its draft deleted. Its own module, so the sync code a fresh
// kiosk loads on its first visit (outbox.ts is part of it) does not carry it (e2e/js-budgets.ts).
import type { QueuedSubmission } from '../core/protocol';
import { receiptCode } from '../core/receipt-code';
import { type DraftRef, draftKey } from './drafts';
import { type OutboxRow, type PatronDb, patronDatabase } from './patron-db';
import { guardedWrite } from './storage-health';

/** Queues a submission, already sealed (or in the clear, with no server key yet: sealing.ts seals
 * it when the key comes), then removes the draft it came from. Sealing is done before (submit.ts,
 * while the finger is still on Send): it is asynchronous WebCrypto, and the transaction must not
 * wait on it. Returns the receipt code once the row is durably committed: the patron sees "sent"
 * only then. */
export async function queueSubmission(queued: QueuedSubmission, draft?: DraftRef): Promise<string> {
  const db = patronDatabase();
  const receipt = receiptCode(queued.id);
  await guardedWrite(() => addQueued(db, { ...queued, status: 'waiting', receipt, attempts: 0 }));
  // Not in the row's transaction: a second write there made the patron's wait ~1.2× the write of
  // one row (bench/outbox.ts, issue 19). The draft holds the submission's id, so one that a crash
  // leaves here is known to be spent and is deleted when its form opens (drafts.ts loadDraft);
  // and through Dexie, so the screens watching the drafts (the countdown, "Salir") hear of it.
  if (draft) void db.drafts.delete(draftKey(draft)).catch(() => undefined);
  return receipt;
}

/** The outbox row added in a strict-durability transaction, with the IndexedDB API itself:
 * Dexie's transaction (zones, middleware) made Send's write ~8 ms slower at 4× CPU than the same
 * write done raw (bench/outbox.ts, issue 19). Resolves on `complete`, when the row is on disk;
 * rejects with the transaction's error (a QuotaExceededError for guardedWrite, a ConstraintError
 * for an id already queued). */
async function addQueued(db: PatronDb, row: OutboxRow): Promise<void> {
  if (!db.isOpen()) await db.open();
  const idb = db.backendDB();
  await new Promise<void>((resolve, reject) => {
    const tx = idb.transaction('outbox', 'readwrite', { durability: 'strict' });
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new DOMException('The outbox write was aborted', 'AbortError'));
    tx.objectStore('outbox').add(row);
  });
}
