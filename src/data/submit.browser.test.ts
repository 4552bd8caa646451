// Runs in real Chromium: Send checks and seals while the finger is on the button, so the release
// only writes; but what is queued is always what was on screen at the release, sealed once, and
// a press that no release follows stores nothing.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Form } from '../core/form-schema';
import { generateServerKey, importServerPrivateKey, openSeal, sealContext } from '../core/seal';
import { loadDraft, saveDraft } from './drafts';
import { waitingSubmissions, type SealingKey } from './outbox';
import { patronDatabase } from './patron-db';
import { queueSubmission } from './outbox-queue';
import { formSender, newSubmissionId, PRESS_FRESH_MS } from './submit';

const form: Form = {
  id: 'comentario-guia',
  agency: 'Red de bibliotecas',
  title: { es: '¿Qué le pareció esta guía?', qu: "¿Imaynataq kay pusaq qillqa rikch'akusunki?" },
  description: { es: 'Ayúdenos a mejorar las guías.', qu: 'Yanapawayku.' },
  fields: [
    { type: 'yesno', id: 'util', required: true, label: { es: '¿Le sirvió esta guía?', qu: '¿Kay pusaq qillqa yanaparqasunkichu?' } },
    { type: 'longtext', id: 'nota', label: { es: 'Nota', qu: 'Willakuy' } },
  ],
};
const draft = { formId: form.id, guideId: 'sis' };

let server: Awaited<ReturnType<typeof generateServerKey>>;
let serverKey: SealingKey;
let encrypts = 0;

beforeEach(async () => {
  await Promise.all([patronDatabase().outbox.clear(), patronDatabase().drafts.clear()]);
  server = await generateServerKey();
  serverKey = { id: 'submissions', alg: 'ECDH-P256+HKDF-SHA256+A256GCM', publicKey: server.publicKey };
  encrypts = 0;
  const encrypt = SubtleCrypto.prototype.encrypt;
  vi.spyOn(SubtleCrypto.prototype, 'encrypt').mockImplementation(function (this: SubtleCrypto, ...args: Parameters<SubtleCrypto['encrypt']>) {
    encrypts++;
    return encrypt.apply(this, args);
  });
});

afterEach(() => vi.restoreAllMocks());

/** What the server would read: every waiting submission, opened with its private key. */
async function opened() {
  const key = await importServerPrivateKey(server.privateKey);
  return Promise.all((await waitingSubmissions(10)).map(async (queued) => ({ id: queued.id, createdAt: queued.createdAt, payload: await openSeal(key, queued.sealed!, sealContext(queued)) })));
}

describe('Send, sealed during the press', () => {
  it('queues once, sealed during the press: the release only writes', async () => {
    const sender = formSender({ form, version: 1, guideId: 'sis', serverKey });
    const answers = { util: true, nota: 'Falta un paso.' };
    const id = newSubmissionId();
    await saveDraft(draft, answers, id);
    sender.press(answers, id);
    await expect.poll(() => encrypts).toBe(1);
    const outcome = await sender.send(answers, id);
    expect(encrypts).toBe(1);
    expect(outcome).toMatchObject({ ok: true });
    const [only, ...rest] = await opened();
    expect(rest).toHaveLength(0);
    expect(only).toMatchObject({ id, payload: { answers, context: { guideId: 'sis' } } });
    expect(outcome).toMatchObject({ id });
    await expect.poll(() => patronDatabase().drafts.count()).toBe(0);
  });

  it('queues the answers on screen at the release, not those of an earlier press', async () => {
    const sender = formSender({ form, version: 1, guideId: 'sis', serverKey });
    const pressed = { util: true, nota: 'Primera' };
    const id = newSubmissionId();
    sender.press(pressed, id);
    await expect.poll(() => encrypts).toBe(1);
    // The finger slid off; the patron changed an answer and tapped again.
    const released = { util: false, nota: 'Segunda' };
    const outcome = await sender.send(released, id);
    expect(outcome).toMatchObject({ ok: true });
    const all = await opened();
    expect(all.map((s) => s.payload)).toEqual([{ answers: released, context: { guideId: 'sis' } }]);
  });

  it('does not date a submission from a press long before the release', async () => {
    const sender = formSender({ form, version: 1, serverKey });
    const answers = { util: true };
    const pressedAt = new Date('2026-12-05T10:00:00.000Z');
    const id = newSubmissionId();
    sender.press(answers, id, pressedAt);
    const releasedAt = new Date(pressedAt.getTime() + PRESS_FRESH_MS + 1);
    await sender.send(answers, id, releasedAt);
    const [only, ...rest] = await opened();
    expect(rest).toHaveLength(0);
    expect(only!.createdAt).toBe(releasedAt.toISOString());
  });

  it('stores nothing for a press no release follows', async () => {
    const sender = formSender({ form, version: 1, serverKey });
    sender.press({ util: true }, newSubmissionId());
    await expect.poll(() => encrypts).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await patronDatabase().outbox.count()).toBe(0);
  });

  it('answers that break the form at the press are refused at the release, nothing stored', async () => {
    const sender = formSender({ form, version: 1, serverKey });
    const answers = { nota: 'Sin responder lo obligatorio' };
    const id = newSubmissionId();
    sender.press(answers, id);
    expect(await sender.send(answers, id)).toMatchObject({ ok: false, reason: 'invalid', errors: { util: { code: 'required' } } });
    expect(await patronDatabase().outbox.count()).toBe(0);
    // Completed and sent: it goes.
    const fixed = { ...answers, util: true };
    sender.press(fixed, id);
    expect(await sender.send(fixed, id)).toMatchObject({ ok: true, id });
    expect((await opened()).map((s) => s.payload)).toEqual([{ answers: fixed }]);
  });
});

describe('a draft and its submission', () => {
  const submission = (id: string) => ({ id, formId: form.id, formVersion: 1, createdAt: new Date().toISOString(), payload: { answers: { util: true }, context: { guideId: 'sis' } } });

  it('a draft whose submission a crash left queued is not shown again, and goes', async () => {
    const id = newSubmissionId();
    await saveDraft(draft, { util: true, nota: 'mi DNI 10117410' }, id);
    // The row committed, the draft's delete never ran (the power went).
    await queueSubmission(submission(id));
    expect(await loadDraft(draft)).toBeUndefined();
    expect(await patronDatabase().drafts.count()).toBe(0);
  });

  it('nor one whose submission the kiosk has already delivered', async () => {
    const id = newSubmissionId();
    await saveDraft(draft, { util: true }, id);
    await patronDatabase().receipts.put({ id, formId: form.id, receipt: 'ABC-123', createdAt: new Date().toISOString(), sentAt: new Date().toISOString(), status: 'sent' });
    expect(await loadDraft(draft)).toBeUndefined();
    await patronDatabase().receipts.clear();
  });

  it('keeps a new draft of the same form, begun after a submission was queued', async () => {
    await queueSubmission(submission(newSubmissionId()), draft);
    const next = newSubmissionId();
    await saveDraft(draft, { nota: 'Otra vez' }, next);
    expect(await loadDraft(draft)).toEqual({ answers: { nota: 'Otra vez' }, submissionId: next });
  });
});
