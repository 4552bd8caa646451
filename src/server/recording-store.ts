// Recorded guides, the kiosk's side of the server (core/audio.ts, docs/protocol.md "Recorded
// guides"): a kiosk announces a recording, sends its bytes in chunks from the offset the server
// holds, and reads where each of its recordings stands. A USB outbox file's recordings go through
// the same two steps. What editors do with them is recording-review.ts.
import * as v from 'valibot';
import { guideParts, MAX_AUDIO_BYTES } from '../core/audio';
import { type RecordingMeta, RecordingMetaSchema, type RecordingRefuseCode, type RecordingStatus, UsbRecordingSchema } from '../core/recording';
import type { Guide } from '../core/content-schema';
import { uuid } from '../core/wire-schema';
import type { CatalogStore } from './catalog-store';
import type { Db, Queryable } from './db';

/** A row of `recordings` without its bytes, as the queries below read it. */
export interface RecordingRow {
  id: string;
  kiosk_id: string;
  guide_id: string;
  lang: string;
  part: string;
  sha256: string;
  bytes: number;
  duration_ms: number;
  type: string;
  recorded_by: string;
  recorded_at: Date | string;
  guide_version: number;
  text_hash: string;
  received: number;
  status: RecordingStatus['status'];
  reason: string | null;
  reviewed_at: Date | string | null;
  created_at: Date | string;
}

const COLUMNS = ['guide_id', 'lang', 'part', 'sha256', 'bytes', 'duration_ms', 'type', 'recorded_by', 'recorded_at', 'guide_version', 'text_hash', 'received', 'status', 'reason', 'reviewed_at', 'created_at'];
/** The columns of a RecordingRow, of the table named `table` in the query. */
export const recordingColumns = (table = 'recordings') => [`${table}.id::text AS id`, `${table}.kiosk_id::text AS kiosk_id`, ...COLUMNS.map((c) => `${table}.${c}`)].join(', ');
const RECORDING_COLUMNS = recordingColumns();

/** What a chunk did: the status after it, `too_large` (past the announced size), or `null` when
 * the kiosk holds no recording with this id. */
export type ChunkOutcome = RecordingStatus | 'too_large' | null;

/** The status a row stands at, as the kiosk reads it. */
export function statusOf(row: Pick<RecordingRow, 'status' | 'received' | 'reason'>, id: string): RecordingStatus {
  switch (row.status) {
    case 'incomplete': return { id, status: 'incomplete', received: row.received };
    case 'rejected': return { id, status: 'rejected', reason: row.reason ?? '' };
    case 'refused': return { id, status: 'refused', code: row.reason ?? 'invalid_recording' };
    default: return { id, status: row.status };
  }
}

const refused = (id: string, code: RecordingRefuseCode): RecordingStatus => ({ id, status: 'refused', code });

/** The id a refused item is named back with: its own when readable, '' otherwise. */
const idOf = (input: unknown) => {
  const id = (input as { id?: unknown } | null)?.id;
  return typeof id === 'string' && v.is(uuid, id) ? id : '';
};

/** Whether a stored row holds exactly these facts (the same kiosk announcing the same thing). */
function sameFacts(row: RecordingRow, kioskId: string, meta: RecordingMeta): boolean {
  return row.kiosk_id === kioskId.toLowerCase() && row.guide_id === meta.guideId && row.lang === meta.lang && row.part === meta.part
    && row.sha256 === meta.sha256 && row.bytes === meta.bytes && row.duration_ms === meta.durationMs && row.type === meta.type
    && row.recorded_by === meta.recordedBy && new Date(row.recorded_at).getTime() === new Date(meta.recordedAt).getTime()
    && row.guide_version === meta.guideVersion && row.text_hash === meta.textHash;
}

export class RecordingStore {
  constructor(private readonly db: Db, private readonly catalog: CatalogStore) {}

  /** A kiosk announces a recording (or announces it again to resume): its status. Refusals for
   * a body that is not a recording, or a guide part the catalogue does not have, are not stored:
   * there is nothing to keep of them. */
  async announce(kioskId: string, input: unknown): Promise<RecordingStatus> {
    const id = idOf(input);
    const announced = (input as { bytes?: unknown } | null)?.bytes;
    if (typeof announced === 'number' && announced > MAX_AUDIO_BYTES) return refused(id, 'too_large');
    const parsed = v.safeParse(RecordingMetaSchema, input);
    if (!parsed.success) return refused(id, 'invalid_recording');
    const meta = parsed.output;
    const held = await this.row(meta.id);
    if (held) return sameFacts(held, kioskId, meta) ? statusOf(held, meta.id) : refused(meta.id, 'conflict');
    const guide = (await this.catalog.currentRecord('guide', meta.guideId)) as Guide | null;
    if (!guide || !(guideParts(guide) as string[]).includes(meta.part)) return refused(meta.id, 'unknown_guide');
    // Two announces of one new id racing: the second inserts nothing and reads the first's row.
    await this.db.query(
      `INSERT INTO recordings (id, kiosk_id, guide_id, lang, part, sha256, bytes, duration_ms, type, recorded_by, recorded_at, guide_version, text_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (id) DO NOTHING`,
      [meta.id, kioskId, meta.guideId, meta.lang, meta.part, meta.sha256, meta.bytes, meta.durationMs, meta.type, meta.recordedBy, meta.recordedAt, meta.guideVersion, meta.textHash],
    );
    const row = (await this.row(meta.id))!;
    return sameFacts(row, kioskId, meta) ? statusOf(row, meta.id) : refused(meta.id, 'conflict');
  }

  /** Appends `chunk` when `offset` is exactly what the server holds (a retried chunk, or one
   * sent from a stale offset, changes nothing), then answers the status. The append is one
   * UPDATE guarded by `received = offset`: of two PUTs racing with the same offset, the second
   * finds `received` moved on once the first commits, and appends nothing. */
  async appendChunk(kioskId: string, id: string, offset: number, chunk: Uint8Array): Promise<ChunkOutcome> {
    if (!v.is(uuid, id) || !v.is(uuid, kioskId)) return null;
    return this.db.transaction(async (tx) => {
      const appended = chunk.length === 0 ? [] : await tx.query<{ received: number; bytes: number }>(
        `UPDATE recordings SET audio = audio || $4::bytea, received = received + $5
         WHERE id = $1 AND kiosk_id = $2 AND status = 'incomplete' AND received = $3 AND received + $5 <= bytes
         RETURNING received, bytes`,
        [id, kioskId, offset, Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength), chunk.length],
      );
      if (appended[0] && appended[0].received === appended[0].bytes) await finish(tx, id);
      const rows = await tx.query<RecordingRow>(`SELECT ${RECORDING_COLUMNS} FROM recordings WHERE id = $1 AND kiosk_id = $2`, [id, kioskId]);
      const row = rows[0];
      if (!row) return null;
      if (!appended[0] && row.status === 'incomplete' && row.received === offset && offset + chunk.length > row.bytes) return 'too_large';
      return statusOf(row, id);
    });
  }

  /** Where each of a kiosk's recordings stands, oldest first. */
  async statuses(kioskId: string): Promise<RecordingStatus[]> {
    if (!v.is(uuid, kioskId)) return [];
    const rows = await this.db.query<RecordingRow>(`SELECT ${RECORDING_COLUMNS} FROM recordings WHERE kiosk_id = $1 ORDER BY created_at, id`, [kioskId]);
    return rows.map((row) => statusOf(row, row.id));
  }

  /** The recordings of a USB outbox file, each alone: announced, then all its bytes at once from
   * what the server holds (the same file imported twice stores each recording once). */
  async receiveFile(kioskId: string, items: readonly unknown[]): Promise<RecordingStatus[]> {
    const results: RecordingStatus[] = [];
    for (const item of items) {
      const parsed = v.safeParse(UsbRecordingSchema, item);
      if (!parsed.success) {
        results.push(refused(idOf(item), 'invalid_recording'));
        continue;
      }
      const { audio, ...meta } = parsed.output;
      const status = await this.announce(kioskId, meta);
      if (status.status !== 'incomplete') {
        results.push(status);
        continue;
      }
      const bytes = Buffer.from(audio, 'base64');
      const outcome = await this.appendChunk(kioskId, meta.id, status.received, bytes.subarray(status.received));
      results.push(outcome === 'too_large' ? refused(meta.id, 'too_large') : (outcome ?? status));
    }
    return results;
  }

  private async row(id: string): Promise<RecordingRow | undefined> {
    return (await this.db.query<RecordingRow>(`SELECT ${RECORDING_COLUMNS} FROM recordings WHERE id = $1`, [id]))[0];
  }
}

/** A recording whose last byte arrived: `pending` when its bytes hash to what it announced,
 * otherwise `refused` `hash_mismatch` with its bytes dropped (nothing else will ever be appended).
 * Inside appendChunk's transaction, which holds the row since its UPDATE. */
async function finish(tx: Queryable, id: string): Promise<void> {
  const [held] = await tx.query<{ whole: boolean }>(`SELECT encode(sha256(audio), 'hex') = sha256 AS whole FROM recordings WHERE id = $1 AND status = 'incomplete' AND received = bytes`, [id]);
  if (!held) return;
  if (held.whole) await tx.query(`UPDATE recordings SET status = 'pending' WHERE id = $1`, [id]);
  else await tx.query(`UPDATE recordings SET status = 'refused', reason = 'hash_mismatch', audio = '\\x'::bytea, received = 0 WHERE id = $1`, [id]);
}
