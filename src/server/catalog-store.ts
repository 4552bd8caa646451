// The published catalogue: the latest state of every record, each stamped with the sequence
// number of the change that produced it. The change feed is "records with seq > cursor".
import { createHash } from 'node:crypto';
import { canonicalJson } from '../core/canonical-json';
import { CONTENT_KINDS, type RecordKind, type ServerKey } from '../core/records';
import type { Change } from '../core/protocol';
import type { Db, Queryable } from './db';

export interface PublishRecord {
  kind: RecordKind;
  id: string;
  data: unknown;
}

export interface PublishSummary {
  added: string[];
  updated: string[];
  removed: string[];
  unchanged: number;
}

/** Records of another kind that belong to the published ones, removed with them. */
export interface Orphans {
  kind: RecordKind;
  isOrphan(body: unknown): boolean;
}

interface StoredRow {
  kind: RecordKind;
  id: string;
  version: number;
  seq: string | number;
  body: unknown;
  deleted: boolean;
}

// Serialises publishers: with one writer at a time, sequence numbers become visible in order,
// so a reader can never see seq 7 committed while seq 6 is still in flight and skip it.
const PUBLISH_LOCK = 728_372;

export class CatalogStore {
  private epochCache: string | undefined;

  constructor(private readonly db: Db) {}

  async epoch(): Promise<string> {
    if (!this.epochCache) {
      const rows = await this.db.query<{ value: string }>(`SELECT value FROM meta WHERE key = 'epoch'`);
      this.epochCache = rows[0]!.value;
    }
    return this.epochCache;
  }

  /** Highest sequence number published so far (0 for an empty catalogue). */
  async head(): Promise<number> {
    const rows = await this.db.query<{ head: string | number }>('SELECT coalesce(max(seq), 0) AS head FROM catalog_records');
    return Number(rows[0]!.head);
  }

  async counts(): Promise<Record<RecordKind, number>> {
    const rows = await this.db.query<{ kind: RecordKind; n: string | number }>(
      'SELECT kind, count(*) AS n FROM catalog_records WHERE NOT deleted GROUP BY kind',
    );
    const counts: Record<RecordKind, number> = { category: 0, guide: 0, form: 0, term: 0, key: 0, audio: 0 };
    for (const row of rows) counts[row.kind] = Number(row.n);
    return counts;
  }

  /** Publishes one of the server's public keys (a new version only if it changed). `check` sees
   * the key published now, under the publish lock, and may throw to publish nothing: two servers
   * starting at once then cannot both find no key and each publish their own. */
  async publishKey(record: ServerKey, check?: (published: ServerKey | null) => void): Promise<void> {
    const guard = check && (async (tx: Queryable) => {
      const rows = await tx.query<{ body: ServerKey }>(`SELECT body FROM catalog_records WHERE kind = 'key' AND id = $1 AND NOT deleted`, [record.id]);
      check(rows[0]?.body ?? null);
    });
    await this.publish([{ kind: 'key', id: record.id, data: record }], ['key'], { removeMissing: false, guard });
  }

  /** Makes the catalogue's records of `kinds` equal to `records`: new and changed records get
   * a new version and sequence number, records not listed become tombstones (unless
   * `removeMissing` is false), identical ones are left alone. Records of `orphans.kind` whose
   * body `orphans.isOrphan` says has lost what it belongs to (an audio record whose guide part is
   * gone) become tombstones too. All in one transaction. */
  async publish(records: PublishRecord[], kinds: readonly RecordKind[] = CONTENT_KINDS, options: { removeMissing?: boolean; orphans?: Orphans; guard?: (tx: Queryable) => Promise<void> } = {}): Promise<PublishSummary> {
    const removeMissing = options.removeMissing ?? true;
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [PUBLISH_LOCK]);
      await options.guard?.(tx);
      const current = await tx.query<{ kind: RecordKind; id: string; version: number; hash: string; deleted: boolean }>(
        'SELECT kind, id, version, hash, deleted FROM catalog_records WHERE kind = ANY($1)',
        [kinds],
      );
      const byKey = new Map(current.map((row) => [`${row.kind}/${row.id}`, row]));
      const summary: PublishSummary = { added: [], updated: [], removed: [], unchanged: 0 };
      const listed = new Set<string>();
      for (const record of records) {
        const key = `${record.kind}/${record.id}`;
        listed.add(key);
        const hash = createHash('sha256').update(canonicalJson(record.data)).digest('hex');
        const existing = byKey.get(key);
        if (existing && !existing.deleted && existing.hash === hash) {
          summary.unchanged++;
          continue;
        }
        await tx.query(
          `INSERT INTO catalog_records (kind, id, version, seq, hash, body, deleted)
           VALUES ($1, $2, 1, nextval('change_seq'), $3, $4, false)
           ON CONFLICT (kind, id) DO UPDATE SET version = catalog_records.version + 1,
             seq = EXCLUDED.seq, hash = EXCLUDED.hash, body = EXCLUDED.body, deleted = false, updated_at = now()`,
          [record.kind, record.id, hash, JSON.stringify(record.data)],
        );
        if (record.kind === 'form') {
          // Keep every version of a form: submissions name the version they were filled against.
          await tx.query(
            `INSERT INTO form_versions (form_id, version, body)
             SELECT id, version, body FROM catalog_records WHERE kind = 'form' AND id = $1`,
            [record.id],
          );
        }
        (existing && !existing.deleted ? summary.updated : summary.added).push(key);
      }
      for (const row of current) {
        const key = `${row.kind}/${row.id}`;
        if (!removeMissing || row.deleted || listed.has(key)) continue;
        await tx.query(
          `UPDATE catalog_records SET version = version + 1, seq = nextval('change_seq'), hash = '',
             body = NULL, deleted = true, updated_at = now() WHERE kind = $1 AND id = $2`,
          [row.kind, row.id],
        );
        summary.removed.push(key);
      }
      if (options.orphans) {
        // Read under the publish lock: a record published meanwhile (an approval) is seen here.
        const { kind, isOrphan } = options.orphans;
        const dependents = await tx.query<{ id: string; body: unknown }>('SELECT id, body FROM catalog_records WHERE kind = $1 AND NOT deleted', [kind]);
        for (const row of dependents) {
          if (!isOrphan(row.body)) continue;
          await tx.query(
            `UPDATE catalog_records SET version = version + 1, seq = nextval('change_seq'), hash = '',
               body = NULL, deleted = true, updated_at = now() WHERE kind = $1 AND id = $2`,
            [kind, row.id],
          );
          summary.removed.push(`${kind}/${row.id}`);
        }
      }
      return summary;
    });
  }

  /** The published body of one record, or null if it is not published (or removed). */
  async currentRecord(kind: RecordKind, id: string): Promise<unknown> {
    const rows = await this.db.query<{ body: unknown }>('SELECT body FROM catalog_records WHERE kind = $1 AND id = $2 AND NOT deleted', [kind, id]);
    return rows[0]?.body ?? null;
  }

  /** Titles of the published guides, categories and forms in one language (Spanish where a
   * Quechua one is missing), for pages that name them (the public report). */
  async titles(lang: 'es' | 'qu'): Promise<{ guides: Record<string, string>; categories: Record<string, string>; forms: Record<string, string> }> {
    const rows = await this.db.query<{ kind: string; id: string; body: { title?: Record<string, string>; name?: Record<string, string> } }>(
      "SELECT kind, id, body FROM catalog_records WHERE kind IN ('guide', 'category', 'form') AND NOT deleted",
    );
    const titles = { guides: {} as Record<string, string>, categories: {} as Record<string, string>, forms: {} as Record<string, string> };
    const into = { guide: titles.guides, category: titles.categories, form: titles.forms } as Record<string, Record<string, string>>;
    for (const { kind, id, body } of rows) {
      const text = body.title ?? body.name;
      const title = text?.[lang] || text?.es;
      if (title) into[kind]![id] = title;
    }
    return titles;
  }

  /** Up to `limit` changes after `since`, oldest first, whether more are waiting, and the head
   * they were read at: one statement, so one snapshot. A page read a moment after its head could
   * hold a change the head does not count, and be kept under an ETag that names other bytes. */
  async changesSince(since: number, limit: number): Promise<{ changes: Change[]; lastSeq: number; more: boolean; head: number }> {
    const rows = await this.db.query<Partial<StoredRow> & { head: string | number }>(
      `WITH h AS (SELECT coalesce(max(seq), 0) AS head FROM catalog_records)
       SELECT h.head, r.kind, r.id, r.version, r.seq, r.body, r.deleted FROM h
       LEFT JOIN LATERAL (SELECT * FROM catalog_records WHERE seq > $1 ORDER BY seq LIMIT $2) r ON true
       ORDER BY r.seq`,
      [since, limit + 1],
    );
    const head = Number(rows[0]!.head);
    const found = rows.filter((row): row is StoredRow & { head: string | number } => row.seq !== null && row.seq !== undefined);
    const more = found.length > limit;
    const page = more ? found.slice(0, limit) : found;
    const changes: Change[] = page.map((row) =>
      row.deleted
        ? { kind: row.kind, id: row.id, version: row.version, op: 'delete' }
        : { kind: row.kind, id: row.id, version: row.version, op: 'put', data: row.body },
    );
    const lastSeq = page.length > 0 ? Number(page[page.length - 1]!.seq) : since;
    return { changes, lastSeq, more, head };
  }
}
