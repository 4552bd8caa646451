// Runs in real Chromium with real IndexedDB: the usage days and the library's local notes
// carried on a USB stick, out in the outbox file and back in the server's signed receipts file.
import { beforeEach, describe, expect, it } from 'vitest';
import type { QueuedSubmission, Submission } from '../core/protocol';
import { signReceipts } from '../core/receipts-signature';
import { generateSigningKey, type SigningKeyPair } from '../core/signature';
import type { ReceiptsFile } from '../core/usb-files';
import { database } from './db';
import { saveKioskIdentity } from './kiosk-identity';
import { getReceipt } from './outbox';
import { queueSubmission } from './outbox-queue';
import { patronDatabase } from './patron-db';
import { notesForGuide, notesForPanel } from './local-notes';
import { saveLocalNote } from './local-notes-edit';
import { applyReceiptsFile, buildOutboxFile } from './sneakernet';
import { countUsage, flushUsage, usageToSend } from './usage';
import { base64ToBytes } from '../core/base64';
import { applyChangesPage } from './catalog-apply';
import { allRecordings, recordingsForFile, saveDraftRecording, sendDrafts } from './recordings';
import { sampleCategory, sampleGuide } from '../../test/records';

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
async function receiptsFor(file: { submissions: QueuedSubmission[]; usage?: Array<{ day: string; revision: number }> }, kioskId = KIOSK, more: Partial<ReceiptsFile> = {}): Promise<string> {
  const unsigned: Omit<ReceiptsFile, 'signature'> = {
    format: 'chaski-receipts',
    version: 2,
    kioskId,
    issuedAt: new Date().toISOString(),
    results: file.submissions.map((s) => ({ id: s.id, status: 'accepted' as const })),
    usage: (file.usage ?? []).map(({ day, revision }) => ({ day, revision, status: 'stored' as const })),
    ...more,
  };
  return JSON.stringify(await signReceipts(unsigned, keys.privateKey));
}

beforeEach(async () => {
  await flushUsage();
  const patron = patronDatabase();
  await Promise.all([patron.usage.clear(), patron.kiosk.clear(), patron.outbox.clear(), patron.receipts.clear(), patron.localNotes.clear(), patron.recordings.clear()]);
  await saveKioskIdentity({ kioskId: KIOSK, token: 'secret-token', library: 'Urcos' });
  keys = await generateSigningKey();
  await database().meta.put({ key: 'signingKey', value: { id: 'signing', alg: 'ECDSA-P256-SHA256', publicKey: keys.publicKey } });
});

describe('usage days on a USB stick', () => {
  it('go out in the outbox file, each day whole with its revision, beside the submissions', async () => {
    await queueSubmission(submission);
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
    expect(await applyReceiptsFile(receipts)).toEqual({ ok: true, sent: 0, rejected: 0, usageDays: 2, notes: 0, recordings: 0 });
    const left = await usageToSend();
    expect(left).toEqual([expect.objectContaining({ revision: 2, counts: expect.objectContaining({ guidesOpened: { juntos: 2 } }) })]);
    // The same file again changes nothing.
    expect(await applyReceiptsFile(receipts)).toEqual({ ok: true, sent: 0, rejected: 0, usageDays: 2, notes: 0, recordings: 0 });
    expect(await usageToSend()).toEqual(left);
  });

  it('are not marked sent by a receipts file that was altered, nor by one for another kiosk', async () => {
    await queueSubmission(submission);
    countUsage({ kind: 'guide', id: 'sis' }, noon(1));
    const file = (await buildOutboxFile())!;
    const altered = JSON.parse(await receiptsFor(file)) as ReceiptsFile;
    altered.usage = [{ day: file.usage![0]!.day, revision: 99, status: 'stored' }];
    expect(await applyReceiptsFile(JSON.stringify(altered))).toEqual({ ok: false, code: 'invalid' });
    expect(await applyReceiptsFile(await receiptsFor(file, '0193a0b4-2222-7000-8000-000000000002'))).toEqual({ ok: false, code: 'wrong_kiosk' });
    expect(await usageToSend()).toHaveLength(1);
    expect((await getReceipt(submission.id))?.status).toBe('waiting');
    // The genuine file marks both.
    expect(await applyReceiptsFile(await receiptsFor(file))).toEqual({ ok: true, sent: 1, rejected: 0, usageDays: 1, notes: 0, recordings: 0 });
    expect(await usageToSend()).toEqual([]);
  });
});

describe('local notes on a USB stick', () => {
  const lastDay = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

  it('go out in the outbox file, come back settled, and bring the notes the library’s other kiosks wrote', async () => {
    const saved = await saveLocalNote({ guideId: 'sis-gratuito', es: 'La posta atiende de lunes a sábado.', expires: lastDay });
    if (!saved.ok) throw new Error('not saved');
    const file = (await buildOutboxFile())!;
    expect(file.notes).toEqual([expect.objectContaining({ id: saved.note.id, revision: 1, text: { es: 'La posta atiende de lunes a sábado.' } })]);
    const fromOtherKiosk = { id: '0193a0b4-3333-7000-8000-000000000003', guideId: 'juntos', text: { es: 'El gestor de Juntos viene el día 5.', qu: 'Juntospa kamachiqninqa 5 punchawpim hamun.' }, expires: lastDay, revision: 2, deleted: false, updatedAt: new Date().toISOString() };
    const receipts = await receiptsFor(file, KIOSK, {
      notes: [{ id: saved.note.id, revision: 1, status: 'stored' }],
      libraryNotes: { library: 'Urcos', notes: [{ ...file.notes![0]!, deleted: false }, fromOtherKiosk] },
    });
    expect(await applyReceiptsFile(receipts)).toEqual({ ok: true, sent: 0, rejected: 0, usageDays: 0, notes: 1, libraryNotes: 2, recordings: 0 });
    expect((await notesForPanel()).map((n) => [n.guideId, n.revision, n.sentRevision])).toEqual(
      expect.arrayContaining([
        ['sis-gratuito', 1, 1],
        ['juntos', 2, 2],
      ]),
    );
    expect((await notesForGuide('juntos'))[0]?.text.qu).toContain('Juntospa');
    // Nothing left to carry.
    expect((await buildOutboxFile())!.notes).toEqual([]);
  });

  it('are not touched by a receipts file whose library notes were altered', async () => {
    const file = (await buildOutboxFile())!;
    const genuine = JSON.parse(await receiptsFor(file, KIOSK, { libraryNotes: { library: 'Urcos', notes: [] } })) as ReceiptsFile;
    genuine.libraryNotes = { library: 'Urcos', notes: [{ id: '0193a0b4-4444-7000-8000-000000000004', guideId: 'sis-gratuito', text: { es: 'Deposite S/ 50 a este número.' }, expires: lastDay, revision: 1, deleted: false, updatedAt: new Date().toISOString() }] };
    expect(await applyReceiptsFile(JSON.stringify(genuine))).toEqual({ ok: false, code: 'invalid' });
    expect(await notesForGuide('sis-gratuito')).toEqual([]);
  });
});

describe('recordings on a USB stick', () => {
  const voice = (size: number) => new Blob([new Uint8Array(size).map((_, i) => (i * 7) % 256)], { type: 'audio/ogg' });

  it('go out with their bytes, only once sent, as many as fit; the receipts say where each stands', async () => {
    await applyChangesPage({ changes: [
      { kind: 'category', id: 'identidad', version: 1, op: 'put', data: sampleCategory('identidad') },
      { kind: 'guide', id: 'dni', version: 1, op: 'put', data: sampleGuide('dni', 'identidad') },
    ], cursor: 'c1', more: false, reset: true }, (await database().meta.get('cursor'))?.value as string | undefined);
    for (const part of ['summary', 'audience', 'where']) {
      await saveDraftRecording({ guideId: 'dni', lang: 'qu', part, audio: voice(3000), durationMs: 2000, recordedBy: 'Rosa' });
    }
    // Drafts stay on the kiosk: nothing to carry yet.
    expect((await buildOutboxFile())!.recordings).toEqual([]);
    await sendDrafts('dni', 'qu');
    const file = (await buildOutboxFile())!;
    expect(file.recordings).toHaveLength(3);
    expect(base64ToBytes(file.recordings![0]!.audio)).toEqual(new Uint8Array(await voice(3000).arrayBuffer()));
    // Bigger than one file holds: the rest wait for the next file.
    expect(await recordingsForFile(8000)).toHaveLength(2);

    const [first, second] = file.recordings!;
    const receipts = await receiptsFor({ submissions: [] }, KIOSK, { recordings: [{ id: first!.id, status: 'pending' }, { id: second!.id, status: 'refused', code: 'unknown_guide' }] });
    expect(await applyReceiptsFile(receipts)).toMatchObject({ ok: true, recordings: 2 });
    const rows = await allRecordings();
    expect(rows.find((r) => r.id === first!.id)).toMatchObject({ status: 'pending' });
    expect(rows.find((r) => r.id === first!.id)!.audio).toBeUndefined();
    expect(rows.find((r) => r.id === second!.id)).toMatchObject({ status: 'refused', reason: 'unknown_guide' });
    expect((await buildOutboxFile())!.recordings!.map((r) => r.part)).toEqual([file.recordings![2]!.part]);
  });
});
