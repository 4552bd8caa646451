// Sneakernet: an outbox file carried from a kiosk on a USB stick is received exactly as an
// online push would be (same validation, same insert-or-ignore on each id), and answered with
// a receipts file, signed for that kiosk, to carry back.
import type { OutboxFile, ReceiptsFile } from '../core/protocol';
import { signReceipts } from '../core/receipts-signature';
import type { KioskStore } from './kiosk-store';
import type { SubmissionStore } from './submission-store';

export class OutboxFileError extends Error {
  constructor(readonly code: 'not_an_outbox_file' | 'unknown_kiosk', message: string) {
    super(message);
  }
}

export async function importOutboxFile(deps: { kiosks: KioskStore; submissions: SubmissionStore }, file: unknown, now = new Date()): Promise<ReceiptsFile> {
  const outbox = file as Partial<OutboxFile> | null;
  if (!outbox || outbox.format !== 'chaski-outbox' || outbox.version !== 1 || typeof outbox.kioskId !== 'string' || !Array.isArray(outbox.submissions)) {
    throw new OutboxFileError('not_an_outbox_file', 'this is not a Chaski outbox file (format chaski-outbox, version 1)');
  }
  const tokenHash = await deps.kiosks.tokenHash(outbox.kioskId);
  if (!tokenHash) throw new OutboxFileError('unknown_kiosk', `no enrolled kiosk has the id ${outbox.kioskId}`);
  const results = await deps.submissions.receive(outbox.kioskId, outbox.submissions);
  return signReceipts({ format: 'chaski-receipts', version: 1, kioskId: outbox.kioskId, issuedAt: now.toISOString(), results }, tokenHash);
}

export function describeReceipts(receipts: ReceiptsFile): string {
  const count = (status: string) => receipts.results.filter((r) => r.status === status).length;
  return `${count('accepted')} accepted, ${count('duplicate')} already received, ${count('rejected')} rejected`;
}
