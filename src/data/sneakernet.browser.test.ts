// Runs in real Chromium with real IndexedDB: the usage days carried on a USB stick, out in the
// outbox file and back in the server's signed receipts file.
import { beforeEach, describe, expect, it } from 'vitest';
import type { QueuedSubmission, Submission } from '../core/protocol';
import { signReceipts } from '../core/receipts-signature';
import { generateSigningKey, type SigningKeyPair } from '../core/signature';
import type { ReceiptsFile } from '../core/usb-files';
import { database } from './db';
import { saveKioskIdentity } from './kiosk-identity';
import { enqueueSubmission, getReceipt } from './outbox';
import { patronDatabase } from './patron-db';
import { applyReceiptsFile, buildOutboxFile } from './sneakernet';
import { countUsage, flushUsage, usageToSend } from './usage';

const KIOSK = '0193a0b4-1111-7000-8000-000000000001';
// Yesterday and the day before, at noon in Lima: recent days, kept on the kiosk once sent.
const noon = (back: number) => {
  const date = new Date(Date.now() - back * 86_400_000);
  date.setUTCHours(17, 0, 0, 0);
  return date;
};
const submission: Submission = { id: '01937a3e-5f7c-7cc1-8f3a-0000000000bb', formId: 'comentario-guia', formVersion: 1, createdAt: noon(1).toISOString(), payload: { answers: { util: true } } };
let keys: SigningKeyPair;

/** The server's receipts file for what it took from `file`. */
async function receiptsFor(file: { submissions: QueuedSubmission[]; usage?: Array<{ day: string; revision: number }> }, kioskId = KIOSK): Promise<string> {
  const unsigned: Omit<ReceiptsFile, 'signature'> = {
    format: 'chaski-receipts',
    version: 2,
    kioskId,
    issuedAt: new Date().toISOString(),
    results: file.submissions.map((s) => ({ id: s.id, status: 'accepted' as const })),
    usage: (file.usage ?? []).map(({ day, revision }) => ({ day, revision, status: 'stored' as const })),
  };
  return JSON.stringify(await signReceipts(unsigned, keys.privateKey));
}

beforeEach(async () => {
  await flushUsage();
  const patron = patronDatabase();
  await Promise.all([patron.usage.clear(), patron.kiosk.clear(), patron.outbox.clear(), patron.receipts.clear()]);
  await saveKioskIdentity({ kioskId: KIOSK, token: 'secret-token', library: 'Urcos' });
  keys = await generateSigningKey();
  await database().meta.put({ key: 'signingKey', value: { id: 'signing', alg: 'ECDSA-P256-SHA256', publicKey: keys.publicKey } });
});

describe('usage days on a USB stick', () => {
  it('go out in the outbox file, each day whole with its revision, beside the submissions', async () => {
    await enqueueSubmission(submission);
    countUsage({ kind: 'guide', id: 'sis' }, noon(2));
    countUsage({ kind: 'session', minutes: 3, quechua: true, offline: true }, noon(1));
    const file = (await buildOutboxFile())!;
    expect(file.submissions.map((s) => s.id)).toEqual([submission.id]);
    expect(file.usage).toEqual([
      { day: expect.any(String), revision: 1, counts: expect.objectContaining({ guidesOpened: { sis: 1 } }) },
      { day: expect.any(String), revision: 1, counts: expect.objectContaining({ sessions: 1, quechuaSessions: 1, offlineSessions: 1 }) },
    ]);
    // Counts only: nothing a patron typed travels with them.
    expect(JSON.stringify(file.usage)).not.toContain('util');
  });

  it('go out even with no submission waiting, and come back marked sent by the receipts file, up to the revision carried', async () => {
    countUsage({ kind: 'guide', id: 'sis' }, noon(2));
    countUsage({ kind: 'guide', id: 'juntos' }, noon(1));
    const file = (await buildOutboxFile())!;
    expect(file.submissions).toEqual([]);
    expect(file.usage).toHaveLength(2);
    // The kiosk is used while the stick travels.
    countUsage({ kind: 'guide', id: 'juntos' }, noon(1));
    await flushUsage();
    const receipts = await receiptsFor(file);
    expect(await applyReceiptsFile(receipts)).toEqual({ ok: true, sent: 0, rejected: 0, usageDays: 2 });
    const left = await usageToSend();
    expect(left).toEqual([expect.objectContaining({ revision: 2, counts: expect.objectContaining({ guidesOpened: { juntos: 2 } }) })]);
    // The same file again changes nothing.
    expect(await applyReceiptsFile(receipts)).toEqual({ ok: true, sent: 0, rejected: 0, usageDays: 2 });
    expect(await usageToSend()).toEqual(left);
  });

  it('are not marked sent by a receipts file that was altered, nor by one for another kiosk', async () => {
    await enqueueSubmission(submission);
    countUsage({ kind: 'guide', id: 'sis' }, noon(1));
    const file = (await buildOutboxFile())!;
    const altered = JSON.parse(await receiptsFor(file)) as ReceiptsFile;
    altered.usage = [{ day: file.usage![0]!.day, revision: 99, status: 'stored' }];
    expect(await applyReceiptsFile(JSON.stringify(altered))).toEqual({ ok: false, code: 'invalid' });
    expect(await applyReceiptsFile(await receiptsFor(file, '0193a0b4-2222-7000-8000-000000000002'))).toEqual({ ok: false, code: 'wrong_kiosk' });
    expect(await usageToSend()).toHaveLength(1);
    expect((await getReceipt(submission.id))?.status).toBe('waiting');
    // The genuine file marks both.
    expect(await applyReceiptsFile(await receiptsFor(file))).toEqual({ ok: true, sent: 1, rejected: 0, usageDays: 1 });
    expect(await usageToSend()).toEqual([]);
  });
});
