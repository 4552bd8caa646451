// Every kind of published catalogue record, and the one validator the server (before
// publishing) and the kiosk (before storing) both use.
import * as v from 'valibot';
import { Category, Guide } from './content-schema';
import { Form } from './form-schema';

export const RECORD_KINDS = ['category', 'guide', 'form'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

const schemas = { category: Category, guide: Guide, form: Form } as const;
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
