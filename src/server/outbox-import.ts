// Sneakernet: an outbox file carried from a kiosk on a USB stick is received exactly as an
// online push would be (same validation, same insert-or-ignore on each id, one bad item never
// holds back the rest), and answered with a receipts file, signed with the server's signing
// key, for the librarian to carry back. The file's usage days go through the same upsert as an
// online usage push, each day read alone: a day the server will not keep is left out of the
// receipts (the kiosk keeps it), the others are answered `stored` or `stale`, so the same file
// imported twice counts each day once. A revoked kiosk's file is refused.
import * as v from 'valibot';
import type { SubmissionResult } from '../core/protocol';
import { signReceipts } from '../core/receipts-signature';
import { OutboxFileSchema, type ReceiptsFile } from '../core/usb-files';
import { firstIssue } from '../core/wire-schema';
import type { KioskStore } from './kiosk-store';
import type { SigningKey } from './signing-key';
import type { SubmissionStore } from './submission-store';
import { readUsageDays, type UsageResult, type UsageStore } from './usage-store';

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
  signingKey: SigningKey;
}

export async function importOutboxFile(deps: OutboxImportDeps, file: unknown, now = new Date()): Promise<ReceiptsFile> {
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
  // Files from kiosks that did not count usage have no `usage`, and get none back.
  let usage: UsageResult[] | undefined;
  if (outbox.usage) usage = await deps.usage.upsert(outbox.kioskId, readUsageDays(outbox.usage, now).days);
  const { privateKey } = await deps.signingKey.load();
  return signReceipts({ format: 'chaski-receipts', version: 2, kioskId: outbox.kioskId, issuedAt: now.toISOString(), results, ...(usage ? { usage } : {}) }, privateKey);
}

/** What an import did, for the operator; `usageDaysInFile` tells how many days were refused. */
export function describeReceipts(receipts: ReceiptsFile, usageDaysInFile = receipts.usage?.length ?? 0): string {
  const count = (status: string) => receipts.results.filter((r) => r.status === status).length;
  const submissions = `${count('accepted')} accepted, ${count('duplicate')} already received, ${count('rejected')} rejected`;
  if (usageDaysInFile === 0 && !receipts.usage?.length) return submissions;
  const days = (status: string) => receipts.usage?.filter((r) => r.status === status).length ?? 0;
  const refused = usageDaysInFile - (receipts.usage?.length ?? 0);
  return `${submissions}; usage days: ${days('stored')} stored, ${days('stale')} already held, ${refused} refused`;
}
