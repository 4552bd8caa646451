// Sneakernet: an outbox file carried from a kiosk on a USB stick is received exactly as an
// online push would be (same validation, same insert-or-ignore on each id, one bad item never
// holds back the rest), and answered with a receipts file, signed with the server's signing
// key, for the librarian to carry back. A revoked kiosk's file is refused.
import * as v from 'valibot';
import type { SubmissionResult } from '../core/protocol';
import { signReceipts } from '../core/receipts-signature';
import { OutboxFileSchema, type ReceiptsFile } from '../core/usb-files';
import { firstIssue } from '../core/wire-schema';
import type { KioskStore } from './kiosk-store';
import type { SigningKey } from './signing-key';
import type { SubmissionStore } from './submission-store';

export class OutboxFileError extends Error {
  constructor(readonly code: 'not_an_outbox_file' | 'unknown_kiosk' | 'kiosk_revoked', message: string) {
    super(message);
  }
}

/** Items received per transaction: the same size as an online push. */
const CHUNK = 50;

export async function importOutboxFile(deps: { kiosks: KioskStore; submissions: SubmissionStore; signingKey: SigningKey }, file: unknown, now = new Date()): Promise<ReceiptsFile> {
  const parsed = v.safeParse(OutboxFileSchema, file);
  if (!parsed.success) throw new OutboxFileError('not_an_outbox_file', `this is not a Chaski outbox file (format chaski-outbox, version 1): ${firstIssue(parsed.issues)}`);
  const outbox = parsed.output;
  const status = await deps.kiosks.status(outbox.kioskId);
  if (!status) throw new OutboxFileError('unknown_kiosk', `no enrolled kiosk has the id ${outbox.kioskId}`);
  if (status === 'revoked') throw new OutboxFileError('kiosk_revoked', `kiosk ${outbox.kioskId} was revoked: its submissions are not received`);
  const results: SubmissionResult[] = [];
  for (let from = 0; from < outbox.submissions.length; from += CHUNK) {
    results.push(...(await deps.submissions.receive(outbox.kioskId, outbox.submissions.slice(from, from + CHUNK))));
  }
  const { privateKey } = await deps.signingKey.load();
  return signReceipts({ format: 'chaski-receipts', version: 2, kioskId: outbox.kioskId, issuedAt: now.toISOString(), results }, privateKey);
}

export function describeReceipts(receipts: ReceiptsFile): string {
  const count = (status: string) => receipts.results.filter((r) => r.status === status).length;
  return `${count('accepted')} accepted, ${count('duplicate')} already received, ${count('rejected')} rejected`;
}
