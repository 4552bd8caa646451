// The kiosk's side of moving submissions by USB stick: the outbox written to a file (sealed, as
// it waits) with the usage days and local notes not yet sent, and the server's signed receipts
// file read back (with the library's notes, for a kiosk that never connects).
import * as v from 'valibot';
import { receiptsSignatureValid } from '../core/receipts-signature';
import { MAX_NOTES_IN_FILE, MAX_USAGE_DAYS_IN_FILE, type OutboxFile, ReceiptsFileSchema } from '../core/usb-files';
import { getSigningKey } from './catalog';
import { getKioskIdentity, recordDelivery } from './kiosk-identity';
import { applyNotesFeed, markNotesSent, notesToSend } from './local-notes-sync';
import { applyPushResults, waitingSubmissions } from './outbox';
import { markUsageSent, usageToSend } from './usage';
import { applyRecordingStatuses, recordingsForFile } from './recordings';

export async function buildOutboxFile(now = new Date()): Promise<OutboxFile | undefined> {
  const identity = await getKioskIdentity();
  if (!identity) return undefined;
  return {
    format: 'chaski-outbox',
    version: 1,
    kioskId: identity.kioskId,
    library: identity.library,
    exportedAt: now.toISOString(),
    submissions: await waitingSubmissions(Number.MAX_SAFE_INTEGER),
    // Each day whole, with its revision: importing the file twice, or pushing the same day
    // online later, never counts it twice on the server.
    usage: await usageToSend(MAX_USAGE_DAYS_IN_FILE),
    // Each note at its revision, like the usage days: the same file twice changes nothing.
    notes: await notesToSend(MAX_NOTES_IN_FILE),
    // Each with its bytes; the server takes the same recording twice as once (its id).
    recordings: await recordingsForFile(),
  };
}

/** `usageDays`: usage days the file says the server settled; `notes`: local notes it settled;
 * `libraryNotes`: the library's notes it carried, or undefined when it carried none. */
export type ReceiptsImport = { ok: true; sent: number; rejected: number; usageDays: number; notes: number; libraryNotes?: number; recordings: number } | { ok: false; code: 'invalid' | 'wrong_kiosk' | 'no_key' };

/** Marks as sent what the server says it received, if the file is genuinely the server's (signed
 * with the key this kiosk learnt online) and for this kiosk. */
export async function applyReceiptsFile(text: string): Promise<ReceiptsImport> {
  const [identity, signingKey] = await Promise.all([getKioskIdentity(), getSigningKey()]);
  if (!signingKey) return { ok: false, code: 'no_key' };
  let read: unknown;
  try {
    read = JSON.parse(text);
  } catch {
    return { ok: false, code: 'invalid' };
  }
  const parsed = v.safeParse(ReceiptsFileSchema, read);
  if (!identity || !parsed.success) return { ok: false, code: 'invalid' };
  const file = parsed.output;
  if (file.kioskId !== identity.kioskId) return { ok: false, code: 'wrong_kiosk' };
  if (!(await receiptsSignatureValid(read as object, signingKey.publicKey))) return { ok: false, code: 'invalid' };
  const applied = await applyPushResults(file.results);
  if (applied.sent > 0) await recordDelivery(new Date());
  // Marked up to the revision the file carried: counts added since then still go.
  const usage = file.usage ?? [];
  if (usage.length > 0) await markUsageSent(usage);
  const notes = file.notes ?? [];
  if (notes.length > 0) await markNotesSent(notes);
  // After the answers: a note the file settled is then kept or replaced as the feed says.
  if (file.libraryNotes) await applyNotesFeed(file.libraryNotes);
  const recordings = file.recordings ?? [];
  await applyRecordingStatuses(recordings);
  return { ok: true, ...applied, usageDays: usage.length, notes: notes.length, libraryNotes: file.libraryNotes?.notes.length, recordings: recordings.length };
}
