// Sending a form, the data layer's job: it checks the answers, makes the submission (its id, a
// UUIDv7 and the idempotency key, is the draft's: newSubmissionId) and its time, seals the
// answers for the server (all of that while the finger is still on Send), then queues it and
// clears its draft (outbox-queue.ts).
// Screens render and call; they build no wire objects.
import { v7 as uuidv7 } from 'uuid';
import type { Form } from '../core/form-schema';
import { type Answers, type FieldError, validateAnswers } from '../core/form-validate';
import type { QueuedSubmission, Submission } from '../core/protocol';
import { type PreparedSeal, prepareSeal } from '../core/seal';
import { type SealingKey, sealSubmission } from './outbox';
import { queueSubmission } from './outbox-queue';
import { StorageFullError } from './storage-health';

export interface SendTarget {
  form: Form;
  /** The published version the patron filled: the server checks the answers against it. */
  version: number;
  /** The guide the form was opened from (a comment on it): sent as context, and part of the
   * draft's identity. */
  guideId?: string;
  /** The server's sealing key, when the catalogue brought it; without it the answers wait in
   * the clear until it comes (sealing.ts). */
  serverKey?: SealingKey;
}

export type SendOutcome =
  | { ok: true; id: string; receipt: string }
  /** Nothing stored: the answers break the form's rules. */
  | { ok: false; reason: 'invalid'; errors: Record<string, FieldError> }
  /** Nothing stored: the device is out of space. The answers stay in their draft. */
  | { ok: false; reason: 'storage_full' };

export interface FormSender {
  /** The finger is down on Send: checks the answers, makes the submission and seals it now, so
   * that the release only writes. A press that no release follows (the finger slid away) costs
   * nothing: what was made is dropped. */
  press(answers: Answers, id: string, now?: Date): void;
  /** `id`: the draft's submission id (newSubmissionId), the same for every Send of that draft. */
  send(answers: Answers, id: string, now?: Date): Promise<SendOutcome>;
}

/** The id a form's answers will be sent under, made when its draft is: kept with the draft, so
 * that a draft whose submission is queued is known to be spent (data/drafts.ts), and a second
 * Send of the same answers is the same submission to the outbox and the server. */
export function newSubmissionId(): string {
  return uuidv7();
}

/** What a press made, or Send makes: the checked submission, sealed, ready to queue. */
type Made = { ok: true; queued: QueuedSubmission } | { ok: false; errors: Record<string, FieldError> };

/** A press older than this is not used: the submission's time would be the press's, long before
 * the release (a tap lasts a tenth of a second). */
export const PRESS_FRESH_MS = 3_000;

/** A sender for one form on screen. It does the key agreement for the next submission (a fresh
 * ECDH key, HKDF) ahead, while the patron fills the form, and the checking and sealing while the
 * finger is on Send, so the release only writes (bench/outbox.ts). Each prepared seal is used
 * once. */
export function formSender(target: SendTarget): FormSender {
  const { form, version, guideId, serverKey } = target;
  let prepared: Promise<PreparedSeal> | undefined;
  const prepare = () => {
    prepared = serverKey ? prepareSeal(serverKey.publicKey) : undefined;
    prepared?.catch(() => undefined);
  };
  /** The prepared seal, handed over once; if preparing failed (it should not), the key itself
   * seals at Send. */
  const takeSeal = async (): Promise<SealingKey | PreparedSeal | undefined> => {
    const ready = prepared;
    prepared = undefined;
    return ready ? ready.catch(() => serverKey) : serverKey;
  };
  prepare();

  const make = async (answers: Answers, id: string, now: Date): Promise<Made> => {
    const check = validateAnswers(form, answers);
    if (!check.ok) return { ok: false, errors: check.errors };
    const submission: Submission = {
      id,
      formId: form.id,
      formVersion: version,
      createdAt: now.toISOString(),
      payload: { answers: check.answers, ...(guideId ? { context: { guideId } } : {}) },
    };
    const sealWith = await takeSeal();
    return { ok: true, queued: sealWith ? await sealSubmission(submission, sealWith) : submission };
  };
  /** The last press's work, for the answers it saw. */
  let pressed: { answers: Answers; id: string; at: number; made: Promise<Made> } | undefined;
  /** The press's work, if it was for these very answers (the same object: nothing typed since)
   * and recent enough to date the submission. */
  const pressedFor = (answers: Answers, id: string, now: Date) => (pressed?.answers === answers && pressed.id === id && now.getTime() - pressed.at < PRESS_FRESH_MS ? pressed.made : undefined);
  const dropPress = () => {
    pressed = undefined;
    // Its seal, if it took one, is spent: the next submission gets fresh keys.
    if (!prepared) prepare();
  };

  return {
    press(answers, id, now = new Date()) {
      if (pressedFor(answers, id, now)) return;
      if (pressed) dropPress();
      pressed = { answers, id, at: now.getTime(), made: make(answers, id, now) };
      pressed.made.catch(() => undefined);
    },

    async send(answers, id, now = new Date()) {
      const early = pressedFor(answers, id, now);
      if (pressed && !early) dropPress();
      pressed = undefined;
      try {
        const made = await (early ?? make(answers, id, now));
        if (!made.ok) return { ok: false, reason: 'invalid', errors: made.errors };
        const receipt = await queueSubmission(made.queued, { formId: form.id, guideId });
        return { ok: true, id: made.queued.id, receipt };
      } catch (error) {
        // Nothing was stored; the next Send gets fresh keys.
        prepare();
        if (error instanceof StorageFullError) return { ok: false, reason: 'storage_full' };
        throw error;
      }
    },
  };
}
