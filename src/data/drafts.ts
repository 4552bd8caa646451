// Drafts: a form's answers while the patron fills it, so a reload or a crash loses nothing.
// IndexedDB holds them; but a write started while the page is being unloaded may be cut off,
// so the last answers are also put, synchronously, in sessionStorage on `pagehide`, and moved
// back into IndexedDB (and out of sessionStorage) when the form opens again.
import { type DraftRow, patronDatabase } from './patron-db';
import { guardedWrite } from './storage-health';

const HANDOFF_PREFIX = 'chaski.draft.';

/** Which draft: a form, and for a form opened from a guide (a comment on it), that guide. */
export interface DraftRef {
  formId: string;
  guideId?: string;
}

/** The row key, as stored since the first version: `formId` or `formId:guideId`. */
export function draftKey({ formId, guideId }: DraftRef): string {
  return guideId ? `${formId}:${guideId}` : formId;
}

// Bumped when a patron's session ends: a form still on screen from that session (its unmount
// flush, a pending autosave) must not write its answers back after they were forgotten.
let generation = 0;

export function draftGeneration(): number {
  return generation;
}

export function endDraftGeneration(): void {
  generation++;
}

export interface StoredDraft {
  answers: Record<string, unknown>;
  /** The id its submission will have, if a save gave it one. */
  submissionId?: string;
}

/** The form's draft, unless it is spent. Send queues the submission alone (outbox-queue.ts) and
 * deletes the draft just after; a crash in between leaves a draft whose submission is already
 * queued (or, after a sync, sent). It is deleted here, never shown again. */
export async function loadDraft(ref: DraftRef): Promise<StoredDraft | undefined> {
  const key = draftKey(ref);
  const stored = await unspentDraft(key);
  const handedOff = takeHandoff(key);
  if (!handedOff) return stored && { answers: stored.answers, submissionId: stored.submissionId };
  await saveDraft(ref, handedOff, stored?.submissionId);
  return { answers: handedOff, submissionId: stored?.submissionId };
}

/** The draft at `key`; deleted instead if its submission is in the outbox or the receipts. The
 * look and the delete are one transaction, the two lookups read keys only. */
async function unspentDraft(key: string): Promise<DraftRow | undefined> {
  const db = patronDatabase();
  return db.transaction('rw', db.drafts, db.outbox, db.receipts, async () => {
    const row = await db.drafts.get(key);
    const id = row?.submissionId;
    if (!id) return row;
    const found = await Promise.all([db.outbox.where('id').equals(id).count(), db.receipts.where('id').equals(id).count()]);
    if (found[0] + found[1] === 0) return row;
    await db.drafts.delete(key);
    return undefined;
  });
}

export async function saveDraft(ref: DraftRef, answers: Record<string, unknown>, submissionId?: string, fromGeneration = generation): Promise<void> {
  if (fromGeneration !== generation) return;
  const row = { key: draftKey(ref), formId: ref.formId, answers, updatedAt: new Date().toISOString(), ...(submissionId ? { submissionId } : {}) };
  await guardedWrite(() => patronDatabase().drafts.put(row)).catch(() => {
    // Out of space: the answers stay on screen and the kiosk says so; the next save retries.
  });
}

/** For `pagehide`: keeps the answers where a page being unloaded can still write them. */
export function saveDraftNow(ref: DraftRef, answers: Record<string, unknown>, submissionId?: string, fromGeneration = generation): void {
  if (fromGeneration !== generation) return;
  try {
    globalThis.sessionStorage?.setItem(HANDOFF_PREFIX + draftKey(ref), JSON.stringify(answers));
  } catch {
    // Storage full or unavailable: the IndexedDB write below is all we have.
  }
  void saveDraft(ref, answers, submissionId, fromGeneration);
}

function takeHandoff(key: string): Record<string, unknown> | undefined {
  try {
    const text = globalThis.sessionStorage?.getItem(HANDOFF_PREFIX + key);
    if (!text) return undefined;
    globalThis.sessionStorage.removeItem(HANDOFF_PREFIX + key);
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** Removes every pending hand-off, whatever form it belongs to. */
export function clearDraftHandoffs(): void {
  try {
    const storage = globalThis.sessionStorage;
    if (!storage) return;
    for (const key of Object.keys(storage)) if (key.startsWith(HANDOFF_PREFIX)) storage.removeItem(key);
  } catch {
    // nothing to clear
  }
}
