// Receives patron submissions exactly once. Each batch runs in one transaction: every item is
// validated against the form version it names, then inserted-or-ignored on its kiosk-made id.
// A repeated id with the same content is a `duplicate` (the kiosk missed our answer and asked
// again); with different content it is a `conflict`, and the stored one is never overwritten.
// Only what validation kept is stored (answers to hidden fields and unknown keys are dropped);
// the hash that recognises a retry is over what the kiosk sent.
import { createHash } from 'node:crypto';
import * as v from 'valibot';
import { canonicalJson } from '../core/canonical-json';
import type { Form } from '../core/form-schema';
import { openSeal, sealContext } from '../core/seal';
import { type Answers, validateAnswers } from '../core/form-validate';
import { QueuedSubmissionSchema, type Submission, SubmissionPayloadSchema, type SubmissionResult } from '../core/protocol';
import type { UbigeoData } from '../core/ubigeo';
import type { Db, Queryable } from './db';
import type { SubmissionKey } from './submission-key';

/** PostgreSQL gives uuids back in lower case, whatever case the kiosk sent. */
const sameId = (id: string) => id.toLowerCase();

/** An item of a batch that passed every check, waiting for the batch's INSERT; `at` is its
 * place among the results. */
interface Accepted {
  at: number;
  submission: Submission;
  hash: string;
  /** The payload to store: the answers validation kept, and the context. */
  stored: Submission['payload'];
}

/** The payload hashes the server holds for these ids, by id. */
async function storedHashes(tx: Queryable, ids: string[]): Promise<Map<string, string>> {
  const rows = await tx.query<{ id: string; payload_hash: string }>('SELECT id, payload_hash FROM submissions WHERE id = ANY($1::uuid[])', [ids]);
  return new Map(rows.map((row) => [sameId(row.id), row.payload_hash]));
}

export function payloadHash(submission: Pick<Submission, 'formId' | 'formVersion' | 'createdAt' | 'payload'>): string {
  const { formId, formVersion, createdAt, payload } = submission;
  return createHash('sha256').update(canonicalJson({ formId, formVersion, createdAt, payload })).digest('hex');
}

export interface StoredSubmission {
  id: string;
  kioskId: string;
  library: string;
  formId: string;
  formVersion: number;
  createdAt: string;
  receivedAt: string;
  payload: Submission['payload'];
}

export class SubmissionStore {
  // Published form versions never change, so they can be kept once read.
  private readonly forms = new Map<string, Form | null>();

  constructor(private readonly db: Db, private readonly ubigeo?: UbigeoData, private readonly key?: SubmissionKey) {}

  /** The answers of a sealed submission, or why they cannot be used: sealed for another key or
   * altered (`undecryptable`), or opened into something that is not a submission's answers. */
  private async unseal(submission: v.InferOutput<typeof QueuedSubmissionSchema>, key: CryptoKey | undefined): Promise<Submission['payload'] | 'undecryptable' | 'invalid_submission'> {
    if (submission.payload) return submission.payload;
    if (!key) return 'undecryptable';
    let opened: unknown;
    try {
      opened = await openSeal(key, submission.sealed!, sealContext(submission));
    } catch {
      return 'undecryptable';
    }
    const checked = v.safeParse(SubmissionPayloadSchema, opened);
    return checked.success ? checked.output : 'invalid_submission';
  }

  private async formVersion(tx: Queryable, formId: string, version: number): Promise<Form | null> {
    const key = `${formId}@${version}`;
    if (!this.forms.has(key)) {
      const rows = await tx.query<{ body: Form }>('SELECT body FROM form_versions WHERE form_id = $1 AND version = $2', [formId, version]);
      if (rows[0]) this.forms.set(key, rows[0].body);
      else return null; // not cached: it may be published later
    }
    return this.forms.get(key) ?? null;
  }

  async receive(kioskId: string, items: unknown[]): Promise<SubmissionResult[]> {
    // Read before the transaction: the embedded database runs one statement stream at a time.
    const key = (await this.key?.load())?.privateKey;
    // Checking the shape and unsealing need no database: all items at once (WebCrypto works on
    // Node's thread pool), before the transaction, which then holds the database only for SQL.
    const opened = await Promise.all(items.map((item) => this.open(item, key)));
    return this.db.transaction(async (tx) => {
      // Hashes of what the server holds, and of what this batch is adding (the same id twice).
      const known = await storedHashes(tx, opened.flatMap((item) => ('submission' in item ? [item.submission.id] : [])));
      const results: SubmissionResult[] = [];
      const accepted: Accepted[] = [];
      for (const item of opened) {
        if (!('submission' in item)) {
          results.push(item.rejected);
          continue;
        }
        const { submission } = item;
        const hash = payloadHash(submission);
        const { result, stored } = await this.decide(tx, submission, hash, known);
        if (stored) accepted.push({ at: results.length, submission, hash, stored });
        results.push(result);
      }
      if (accepted.length > 0) await this.insert(tx, kioskId, accepted, results);
      return results;
    });
  }

  /** Accepted, duplicate or rejected, against the exact form version the submission names.
   * An accepted one joins `known`, so a repeat later in the batch is a duplicate. */
  private async decide(tx: Queryable, submission: Submission, hash: string, known: Map<string, string>): Promise<{ result: SubmissionResult; stored?: Submission['payload'] }> {
    const id = submission.id;
    const form = await this.formVersion(tx, submission.formId, submission.formVersion);
    if (!form) {
      const exists = await tx.query('SELECT 1 FROM form_versions WHERE form_id = $1 LIMIT 1', [submission.formId]);
      return { result: { id, status: 'rejected', code: exists.length > 0 ? 'unknown_form_version' : 'unknown_form' } };
    }
    // A duplicate is recognised before validating: a form that became stricter must not turn
    // a submission the server already accepted into a rejection on a retry.
    const held = known.get(sameId(id));
    if (held !== undefined) return { result: held === hash ? { id, status: 'duplicate' } : { id, status: 'rejected', code: 'conflict' } };
    const check = validateAnswers(form, submission.payload.answers as Answers, { ubigeo: this.ubigeo });
    if (!check.ok) return { result: { id, status: 'rejected', code: 'invalid_answers', fieldErrors: check.errors } };
    known.set(sameId(id), hash);
    const { context } = submission.payload;
    return { result: { id, status: 'accepted' }, stored: { answers: check.answers as Submission['payload']['answers'], ...(context ? { context } : {}) } };
  }

  /** The item's shape checked and its answers unsealed, or why it is refused. */
  private async open(item: unknown, key: CryptoKey | undefined): Promise<{ submission: Submission } | { rejected: SubmissionResult }> {
    const shape = v.safeParse(QueuedSubmissionSchema, item);
    const id = typeof (item as { id?: unknown } | null)?.id === 'string' ? (item as { id: string }).id : '';
    if (!shape.success) return { rejected: { id, status: 'rejected', code: 'invalid_submission' } };
    const payload = await this.unseal(shape.output, key);
    if (typeof payload === 'string') return { rejected: { id, status: 'rejected', code: payload } };
    const { sealed: _sealed, ...meta } = shape.output;
    return { submission: { ...meta, payload } };
  }

  /** One INSERT for the batch. A row another transaction inserted meanwhile (a retry racing its
   * original) is not inserted again: its result becomes duplicate or conflict. Rows go in in id
   * order: two batches sharing ids (a retry sent in another order, or through another node) then
   * wait for each other's rows in the same order, never each for the other's (a deadlock, which
   * PostgreSQL ends by failing one of them). */
  private async insert(tx: Queryable, kioskId: string, accepted: Accepted[], results: SubmissionResult[]): Promise<void> {
    const inIdOrder = [...accepted].sort((a, b) => (sameId(a.submission.id) < sameId(b.submission.id) ? -1 : 1));
    const rows = inIdOrder.map(({ submission: s, hash, stored }) => ({ id: s.id, kiosk_id: kioskId, form_id: s.formId, form_version: s.formVersion, created_at: s.createdAt, payload: stored, payload_hash: hash }));
    const inserted = await tx.query<{ id: string }>(
      `INSERT INTO submissions (id, kiosk_id, form_id, form_version, created_at, payload, payload_hash)
       SELECT id, kiosk_id, form_id, form_version, created_at, payload, payload_hash
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, kiosk_id uuid, form_id text, form_version integer, created_at timestamptz, payload jsonb, payload_hash text)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [JSON.stringify(rows)],
    );
    const done = new Set(inserted.map((row) => sameId(row.id)));
    const raced = accepted.filter(({ submission }) => !done.has(sameId(submission.id)));
    if (raced.length === 0) return;
    const hashes = await storedHashes(tx, raced.map(({ submission }) => submission.id));
    for (const { at, submission, hash } of raced) {
      results[at] = hashes.get(sameId(submission.id)) === hash ? { id: submission.id, status: 'duplicate' } : { id: submission.id, status: 'rejected', code: 'conflict' };
    }
  }

  /** Submissions, oldest first unless `newestFirst`; of one form, and about one guide (the
   * guide the form was opened from, e.g. the one a feedback form comments on), when given. */
  async list(filter: { formId?: string; guideId?: string; newestFirst?: boolean } = {}): Promise<StoredSubmission[]> {
    const rows = await this.db.query<{
      id: string; kiosk_id: string; library: string; form_id: string; form_version: number; created_at: Date | string; received_at: Date | string; payload: Submission['payload'];
    }>(
      `SELECT s.id, s.kiosk_id, k.library, s.form_id, s.form_version, s.created_at, s.received_at, s.payload
       FROM submissions s JOIN kiosks k ON k.id = s.kiosk_id
       WHERE ($1::text IS NULL OR s.form_id = $1) AND ($2::text IS NULL OR s.payload -> 'context' ->> 'guideId' = $2)
       ORDER BY ${filter.newestFirst ? 's.received_at DESC, s.id DESC' : 's.received_at, s.id'}`,
      [filter.formId ?? null, filter.guideId ?? null],
    );
    const iso = (d: Date | string) => new Date(d).toISOString();
    return rows.map((r) => ({
      id: r.id, kioskId: r.kiosk_id, library: r.library, formId: r.form_id, formVersion: r.form_version,
      createdAt: iso(r.created_at), receivedAt: iso(r.received_at), payload: r.payload,
    }));
  }

  async countsByForm(): Promise<Array<{ formId: string; count: number }>> {
    const rows = await this.db.query<{ form_id: string; n: string | number }>('SELECT form_id, count(*) AS n FROM submissions GROUP BY form_id ORDER BY form_id');
    return rows.map((r) => ({ formId: r.form_id, count: Number(r.n) }));
  }

  /** The latest published version of a form, for the export's column names. */
  async latestForm(formId: string): Promise<Form | null> {
    const rows = await this.db.query<{ body: Form }>('SELECT body FROM form_versions WHERE form_id = $1 ORDER BY version DESC LIMIT 1', [formId]);
    return rows[0]?.body ?? null;
  }
}
