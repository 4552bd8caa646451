// Sneakernet: an outbox file carried from a kiosk on a USB stick is received exactly as an
// online push would be (same validation, same insert-or-ignore on each id, one bad item never
// holds back the rest), and answered with a receipts file, signed with the server's signing
// key, for the librarian to carry back. The file's usage days are received as an online usage
// push is (each day alone: stored, stale or rejected), so the same file imported twice counts
// each kiosk-day once. Its local notes likewise (each note alone, the highest revision kept, for
// the kiosk's own library), and the receipts carry back every note of that library, so a kiosk
// that never connects learns what its library's other kiosks wrote. Its recorded guide parts are
// announced and received whole, each alone. A revoked kiosk's file is refused.
import * as v from 'valibot';
import type { RecordingStatus } from '../core/recording';
import type { SubmissionResult } from '../core/protocol';
import { libraryKey, type NoteResult } from '../core/local-notes';
import { signReceipts } from '../core/receipts-signature';
import { OutboxFileSchema, type ReceiptsFile } from '../core/usb-files';
import { firstIssue } from '../core/wire-schema';
import type { KioskStore } from './kiosk-store';
import type { NotesStore } from './notes-store';
import type { RecordingStore } from './recording-store';
import type { SigningKey } from './signing-key';
import type { SubmissionStore } from './submission-store';
import type { UsageResult, UsageStore } from './usage-store';

export class OutboxFileError extends Error {
  constructor(readonly code: 'not_an_outbox_file' | 'unknown_kiosk' | 'kiosk_revoked', message: string) {
    super(message);
  }
}

/** Items received per transaction: the same size as an online push. */
const CHUNK = 50;

export interface OutboxImportDeps {
  kiosks: KioskStore;
  submissions: SubmissionStore;
  usage: UsageStore;
  notes: NotesStore;
  recordings: RecordingStore;
  signingKey: SigningKey;
}

export async function importOutboxFile(deps: OutboxImportDeps, file: unknown, now = new Date()): Promise<ReceiptsFile> {
  const parsed = v.safeParse(OutboxFileSchema, file);
  if (!parsed.success) throw new OutboxFileError('not_an_outbox_file', `this is not a Chaski outbox file (format chaski-outbox, version 1): ${firstIssue(parsed.issues)}`);
  const outbox = parsed.output;
  const status = await deps.kiosks.status(outbox.kioskId);
  if (!status) throw new OutboxFileError('unknown_kiosk', `no enrolled kiosk has the id ${outbox.kioskId}`);
  if (status === 'revoked') throw new OutboxFileError('kiosk_revoked', `kiosk ${outbox.kioskId} was revoked: its submissions are not received`);
  // Before anything is stored: a node whose key was replaced must not take a file it cannot answer.
  const { privateKey } = await deps.signingKey.forSigning();
  const results: SubmissionResult[] = [];
  for (let from = 0; from < outbox.submissions.length; from += CHUNK) {
    results.push(...(await deps.submissions.receive(outbox.kioskId, outbox.submissions.slice(from, from + CHUNK))));
  }
  // Files from kiosks that did not count usage have no `usage`, and get none back.
  let usage: UsageResult[] | undefined;
  if (outbox.usage) usage = await deps.usage.receive(outbox.kioskId, outbox.usage, now);
  // The library is the one the kiosk was enrolled with, never the name the file carries.
  const library = (await deps.kiosks.library(outbox.kioskId))!;
  let notes: NoteResult[] | undefined;
  if (outbox.notes) notes = await deps.notes.receive(outbox.kioskId, libraryKey(library), outbox.notes, now);
  const libraryNotes = await deps.notes.libraryFeed(library, now);
  // Each recording alone, announced and sent whole from what the server holds: the same file
  // imported twice stores each once and answers where it stands.
  let recordings: RecordingStatus[] | undefined;
  if (outbox.recordings) recordings = await deps.recordings.receiveFile(outbox.kioskId, outbox.recordings);
  return signReceipts(
    { format: 'chaski-receipts', version: 2, kioskId: outbox.kioskId, issuedAt: now.toISOString(), results, ...(usage ? { usage } : {}), ...(notes ? { notes } : {}), libraryNotes, ...(recordings ? { recordings } : {}) },
    privateKey,
  );
}

/** What an import did, for the operator. */
export function describeReceipts(receipts: ReceiptsFile): string {
  const count = (status: string) => receipts.results.filter((r) => r.status === status).length;
  const submissions = `${count('accepted')} accepted, ${count('duplicate')} already received, ${count('rejected')} rejected`;
  const parts = [submissions];
  const tally = (results: Array<{ status: string }>, what: string) => {
    const n = (status: string) => results.filter((r) => r.status === status).length;
    parts.push(`${what}: ${n('stored')} stored, ${n('stale')} already held, ${n('rejected')} rejected`);
  };
  if (receipts.usage?.length) tally(receipts.usage, 'usage days');
  if (receipts.notes?.length) tally(receipts.notes, 'local notes');
  if (receipts.recordings?.length) {
    const n = (status: string) => receipts.recordings!.filter((r) => r.status === status).length;
    parts.push(`recordings: ${n('pending')} waiting for review, ${n('approved') + n('rejected')} already reviewed, ${n('incomplete')} incomplete, ${n('refused')} refused`);
  }
  return parts.join('; ');
}
