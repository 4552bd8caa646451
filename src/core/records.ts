// Every kind of published catalogue record, and the one validator the server (before
// publishing) and the kiosk (before storing) both use.
import * as v from 'valibot';
import { Category, Guide, Term } from './content-schema';
import { Form } from './form-schema';
import { PublicKeyJwkSchema } from './wire-schema';
import { AudioRecordSchema } from './audio';


/** The server's public keys, published with the catalogue: one kiosks seal submissions with,
 * one that signs content packs carried on USB sticks. */
export const ServerKey = v.variant('id', [
  v.strictObject({ id: v.literal('submissions'), alg: v.literal('ECDH-P256+HKDF-SHA256+A256GCM'), publicKey: PublicKeyJwkSchema }),
  v.strictObject({ id: v.literal('signing'), alg: v.literal('ECDSA-P256-SHA256'), publicKey: PublicKeyJwkSchema }),
]);
export type ServerKey = v.InferOutput<typeof ServerKey>;

export const RECORD_KINDS = ['category', 'guide', 'form', 'term', 'key', 'audio'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];
/** The kinds written as files in content/ (the key is the server's own). */
export const CONTENT_KINDS = ['category', 'guide', 'form', 'term'] as const satisfies readonly RecordKind[];
export type ContentKind = (typeof CONTENT_KINDS)[number];

/** Whether a kind named on the wire is one this version of the app reads as content. */
export function isContentKind(kind: string): kind is ContentKind {
  return (CONTENT_KINDS as readonly string[]).includes(kind);
}

const schemas = { category: Category, guide: Guide, form: Form, term: Term, key: ServerKey, audio: AudioRecordSchema } as const;

/** The shape of the catalogue this app version reads. When it changes (a new kind, a new field),
 * a kiosk pulls the whole catalogue again once: records an older version skipped as unreadable
 * would otherwise stay missing, the cursor having moved past them. */
// 3: requirements, steps and the cost may carry `until` (the last day a fact holds).
//    Guides may also say `sensitive: true` (old kiosks skip such a guide rather than show it without its quick exit).
// 4: a cost may be `varies: true` with a note (set by each municipality or office; old kiosks
//    skip such a guide until they are updated).
// 5: `audio` records (core/audio.ts), approved recordings of a guide's parts; kiosks before it
//    skipped them.
// 6: texts and keywords may carry any language code besides es and qu (quz:, ay:,
//    docs/languages.md); kiosks before it skipped such a record. From this format on a kiosk
//    accepts a code it does not know and just never shows that text.
export const CATALOGUE_FORMAT = 6;
export type RecordOf<K extends RecordKind> = v.InferOutput<(typeof schemas)[K]>;

export interface FieldIssue {
  /** Dotted path to the offending field, e.g. `steps.2.qu`; empty for the whole record. */
  field: string;
  reason: string;
}

export type Validation<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

export function validateRecord<K extends RecordKind>(kind: K, input: unknown): Validation<RecordOf<K>> {
  const result = v.safeParse(schemas[kind], input);
  if (result.success) return { ok: true, value: result.output as RecordOf<K> };
  return {
    ok: false,
    issues: result.issues.map((issue) => ({
      field: (issue.path ?? []).map((p) => String(p.key)).join('.'),
      reason: issue.message,
    })),
  };
}
