// Recorded guides, the editors' side (docs/protocol.md "Recorded guides"): the recordings waiting
// for review with the text each one reads now, their bytes to listen to, approval (which
// publishes the guide part's `audio` record, replacing an earlier one) and rejection with a
// reason the kiosk shows. Also the public bytes of approved recordings, by hash.
import { createHash } from 'node:crypto';
import * as v from 'valibot';
import { type AudioRecord, AudioRecordSchema, audioRecordId, partText } from '../core/audio';
import type { Guide } from '../core/content-schema';
import { uuid } from '../core/wire-schema';
import type { CatalogStore } from './catalog-store';
import type { Db } from './db';
import { recordingColumns, type RecordingRow } from './recording-store';

export const REVIEW_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** One recording in the editors' listing. */
export interface AdminRecording {
  id: string;
  kioskId: string;
  library: string;
  guideId: string;
  /** The guide's Spanish title, when it is still published. */
  guideTitle: string | null;
  lang: string;
  part: string;
  sha256: string;
  bytes: number;
  durationMs: number;
  type: string;
  recordedBy: string;
  recordedAt: string;
  guideVersion: number;
  textHash: string;
  /** What the part reads now in the recording's language (null when the guide or the text is
   * gone), and whether it is still the text that was read. */
  text: string | null;
  textChanged: boolean;
  status: ReviewStatus;
  reason: string | null;
  reviewedAt: string | null;
  receivedAt: string;
}

/** The bytes of a recording and their type. */
export interface RecordingAudio {
  type: string;
  sha256: string;
  bytes: Buffer;
}

export type ApproveOutcome = { ok: true; record: AudioRecord } | { ok: false; why: 'not_found' | 'guide_gone' };

const iso = (time: Date | string) => new Date(time).toISOString();
const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');
/** PGlite answers a bytea as a Uint8Array, node-postgres as a Buffer. */
const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

export class RecordingReview {
  constructor(private readonly db: Db, private readonly catalog: CatalogStore) {}

  /** Recordings in one status, oldest first, with their kiosk's library and the part's text. */
  async list(status: ReviewStatus, limit = 500): Promise<AdminRecording[]> {
    const rows = await this.db.query<RecordingRow & { library: string }>(
      `SELECT ${recordingColumns('r')}, k.library FROM recordings r JOIN kiosks k ON k.id = r.kiosk_id
       WHERE r.status = $1 ORDER BY r.created_at, r.id LIMIT $2`,
      [status, limit],
    );
    const guides = await this.guides([...new Set(rows.map((row) => row.guide_id))]);
    return rows.map((row) => {
      const guide = guides.get(row.guide_id);
      const text = guide ? (partText(guide, row.part, row.lang) ?? null) : null;
      return {
        id: row.id, kioskId: row.kiosk_id, library: row.library, guideId: row.guide_id, guideTitle: guide?.title.es ?? null,
        lang: row.lang, part: row.part, sha256: row.sha256, bytes: row.bytes, durationMs: row.duration_ms, type: row.type,
        recordedBy: row.recorded_by, recordedAt: iso(row.recorded_at), guideVersion: row.guide_version, textHash: row.text_hash,
        text, textChanged: text === null || sha256Hex(text) !== row.text_hash,
        status: row.status as ReviewStatus, reason: row.reason, reviewedAt: row.reviewed_at ? iso(row.reviewed_at) : null, receivedAt: iso(row.created_at),
      };
    });
  }

  /** The bytes of a whole recording (pending, approved or rejected), for an editor to hear. */
  async audio(id: string): Promise<RecordingAudio | null> {
    if (!v.is(uuid, id)) return null;
    const rows = await this.db.query<{ type: string; sha256: string; audio: Uint8Array }>(
      `SELECT type, sha256, audio FROM recordings WHERE id = $1 AND status IN ('pending', 'approved', 'rejected')`,
      [id],
    );
    return rows[0] ? { type: rows[0].type, sha256: rows[0].sha256, bytes: asBuffer(rows[0].audio) } : null;
  }

  /** The bytes of an approved recording by their hash: what kiosks fetch. */
  async publicAudio(sha256: string): Promise<RecordingAudio | null> {
    const rows = await this.db.query<{ type: string; sha256: string; audio: Uint8Array }>(
      `SELECT type, sha256, audio FROM recordings WHERE sha256 = $1 AND status = 'approved' ORDER BY reviewed_at DESC LIMIT 1`,
      [sha256],
    );
    return rows[0] ? { type: rows[0].type, sha256: rows[0].sha256, bytes: asBuffer(rows[0].audio) } : null;
  }

  /** Publishes a pending (or earlier rejected) recording as its part's `audio` record. Only that
   * one record changes: a newer approval of the same part replaces it (its next version). An
   * approved recording approved again publishes nothing new. */
  async approve(id: string, now = new Date()): Promise<ApproveOutcome> {
    if (!v.is(uuid, id)) return { ok: false, why: 'not_found' };
    const rows = await this.db.query<RecordingRow>(`SELECT ${recordingColumns()} FROM recordings WHERE id = $1 AND status IN ('pending', 'approved', 'rejected')`, [id]);
    const row = rows[0];
    if (!row) return { ok: false, why: 'not_found' };
    if (!(await this.catalog.currentRecord('guide', row.guide_id))) return { ok: false, why: 'guide_gone' };
    const approvedAt = row.status === 'approved' && row.reviewed_at ? iso(row.reviewed_at) : now.toISOString();
    const record = v.parse(AudioRecordSchema, {
      id: audioRecordId(row.guide_id, row.lang, row.part), guideId: row.guide_id, lang: row.lang, part: row.part,
      sha256: row.sha256, bytes: row.bytes, durationMs: row.duration_ms, type: row.type, recordedBy: row.recorded_by,
      recordedAt: iso(row.recorded_at), guideVersion: row.guide_version, textHash: row.text_hash, approvedAt,
    });
    // Published first: if the status update below failed, approving again publishes the same
    // record (unchanged) and sets it. The other way round, an `approved` row could be unpublished.
    await this.catalog.publish([{ kind: 'audio', id: record.id, data: record }], ['audio'], { removeMissing: false });
    await this.db.query(`UPDATE recordings SET status = 'approved', reason = NULL, reviewed_at = $2 WHERE id = $1`, [id, approvedAt]);
    return { ok: true, record };
  }

  /** Refuses a pending recording with the editor's reason, which its kiosk shows. The id, or
   * false when no pending recording has it. */
  async reject(id: string, reason: string, now = new Date()): Promise<boolean> {
    if (!v.is(uuid, id)) return false;
    const rows = await this.db.query(
      `UPDATE recordings SET status = 'rejected', reason = $2, reviewed_at = $3 WHERE id = $1 AND status IN ('pending', 'rejected') RETURNING id`,
      [id, reason, now.toISOString()],
    );
    return rows.length > 0;
  }

  private async guides(ids: string[]): Promise<Map<string, Guide>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.query<{ id: string; body: Guide }>(`SELECT id, body FROM catalog_records WHERE kind = 'guide' AND NOT deleted AND id = ANY($1)`, [ids]);
    return new Map(rows.map((row) => [row.id, row.body]));
  }
}
