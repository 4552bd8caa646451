// Sending a form, the data layer's job: one call checks the answers, makes the submission's id
// (a UUIDv7, the idempotency key) and time, seals the answers for the server, queues it and
// clears its draft in one transaction (outbox.ts). Screens render and call; they build no wire
// objects.
import { v7 as uuidv7 } from 'uuid';
import type { Form } from '../core/form-schema';
import { type Answers, type FieldError, validateAnswers } from '../core/form-validate';
import type { Submission } from '../core/protocol';
import { type PreparedSeal, prepareSeal } from '../core/seal';
import { enqueueSubmission, type SealingKey } from './outbox';
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
  send(answers: Answers, now?: Date): Promise<SendOutcome>;
}

/** A sender for one form on screen. It does the key agreement for the next submission (a fresh
 * ECDH key, HKDF) ahead, while the patron fills the form, so Send only encrypts and writes
 * (bench/outbox.ts); each prepared seal is used once. */
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

  return {
    async send(answers, now = new Date()) {
      const check = validateAnswers(form, answers);
      if (!check.ok) return { ok: false, reason: 'invalid', errors: check.errors };
      const submission: Submission = {
        id: uuidv7(),
        formId: form.id,
        formVersion: version,
        createdAt: now.toISOString(),
        payload: { answers: check.answers, ...(guideId ? { context: { guideId } } : {}) },
      };
      try {
        const receipt = await enqueueSubmission(submission, { formId: form.id, guideId }, await takeSeal());
        return { ok: true, id: submission.id, receipt };
      } catch (error) {
        // Nothing was stored; the next Send gets fresh keys.
        prepare();
        if (error instanceof StorageFullError) return { ok: false, reason: 'storage_full' };
        throw error;
      }
    },
  };
}
