// Recordings made in the librarian panel (core/audio.ts): each part of a guide read aloud, kept
// as a draft the librarian can hear and record again, then sent: the sync engine uploads it in
// chunks (sync/push-recordings.ts) or a USB file carries it, and the server's answers come back
// here. The bytes are dropped once the server holds them all: a kiosk's disk is for the
// catalogue and the outbox, and the published recording comes back through the feed.
import * as v from 'valibot';
import { v7 as uuidv7 } from 'uuid';
import { MAX_AUDIO_BYTES, partText } from '../core/audio';
import { audioType, type RecordingMeta, RecordingMetaSchema, type RecordingStatus, type UsbRecording } from '../core/recording';
import { sha256Hex } from '../core/encoding';
import { bytesToBase64 } from '../core/base64';
import { MAX_RECORDINGS_IN_FILE } from '../core/usb-files';
import { firstIssue } from '../core/wire-schema';
import { database, guideOf } from './db';
import { patronDatabase, type RecordingRow } from './patron-db';
import { guardedWrite } from './storage-health';

export type { RecordingRow };

export interface NewRecording {
  guideId: string;
  lang: string;
  part: string;
  audio: Blob;
  durationMs: number;
  recordedBy: string;
}

export type RecordingSaveResult =
  | { ok: true; row: RecordingRow }
  /** `type`: not an audio type the network takes; `size`: empty or over MAX_AUDIO_BYTES;
   * `no_text`: the guide has no text for that part in that language; `invalid`: anything else. */
  | { ok: false; problem: 'type' | 'size' | 'no_text' | 'invalid'; detail?: string };

/** Keeps a new draft of one part, replacing an earlier draft of the same part and language. */
export async function saveDraftRecording(input: NewRecording, now = new Date()): Promise<RecordingSaveResult> {
  const type = audioType(input.audio.type);
  if (!type) return { ok: false, problem: 'type', detail: input.audio.type };
  if (input.audio.size === 0 || input.audio.size > MAX_AUDIO_BYTES) return { ok: false, problem: 'size', detail: String(input.audio.size) };
  const guideRow = await database().guides.get(input.guideId);
  const text = guideRow && partText(guideOf(guideRow), input.part, input.lang);
  if (!guideRow || text === undefined) return { ok: false, problem: 'no_text' };
  const meta = {
    id: uuidv7(),
    guideId: input.guideId,
    lang: input.lang,
    part: input.part,
    sha256: await sha256Hex(await input.audio.arrayBuffer()),
    bytes: input.audio.size,
    durationMs: Math.max(1, Math.round(input.durationMs)),
    type,
    recordedBy: input.recordedBy.trim(),
    recordedAt: now.toISOString(),
    guideVersion: guideRow.version,
    textHash: await sha256Hex(text),
  };
  const parsed = v.safeParse(RecordingMetaSchema, meta);
  if (!parsed.success) return { ok: false, problem: 'invalid', detail: firstIssue(parsed.issues) };
  // Stored with its type as given: IndexedDB keeps the Blob, not a copy in memory.
  const row: RecordingRow = { ...parsed.output, status: 'draft', audio: input.audio, received: 0 };
  const db = patronDatabase();
  await guardedWrite(() =>
    db.transaction('rw', db.recordings, async () => {
      const earlier = await db.recordings.where('guideId').equals(input.guideId).filter((r) => r.status === 'draft' && r.lang === input.lang && r.part === input.part).primaryKeys();
      await db.recordings.bulkDelete(earlier);
      await db.recordings.put(row);
    }),
  );
  await rememberRecorder(row.recordedBy);
  return { ok: true, row };
}

export async function discardDraft(id: string): Promise<void> {
  const db = patronDatabase();
  await db.transaction('rw', db.recordings, async () => {
    const row = await db.recordings.get(id);
    if (row?.status === 'draft') await db.recordings.delete(id);
  });
}

/** Sends every draft of a guide in a language: they wait for the next sync or USB file. */
export async function sendDrafts(guideId: string, lang: string): Promise<number> {
  const db = patronDatabase();
  return guardedWrite(() =>
    db.recordings.where('guideId').equals(guideId).filter((r) => r.status === 'draft' && r.lang === lang).modify({ status: 'waiting' }),
  );
}

/** Every recording this kiosk keeps, newest first, for the panel's list. */
export async function allRecordings(): Promise<RecordingRow[]> {
  const rows = await patronDatabase().recordings.toArray();
  return rows.sort((a, b) => b.recordedAt.localeCompare(a.recordedAt));
}

/** Recordings to upload, oldest first. */
export async function recordingsToSend(): Promise<RecordingRow[]> {
  const rows = await patronDatabase().recordings.where('status').equals('waiting').toArray();
  return rows.filter((r) => r.audio).sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
}

/** Base64 of recordings one USB outbox file carries at most: the server reads files up to
 * 32 MiB, and submissions, counts and notes need their room too. The rest go in the next file. */
export const RECORDINGS_IN_FILE_CHARS = 20 * 1024 * 1024;

/** Sent recordings for a USB outbox file, oldest first, facts and bytes, while they fit. */
export async function recordingsForFile(maxChars = RECORDINGS_IN_FILE_CHARS): Promise<UsbRecording[]> {
  const carried: UsbRecording[] = [];
  let chars = 0;
  for (const row of await recordingsToSend()) {
    if (carried.length >= MAX_RECORDINGS_IN_FILE) break;
    const audio = bytesToBase64(new Uint8Array(await row.audio!.arrayBuffer()));
    if (chars + audio.length > maxChars) break;
    chars += audio.length;
    carried.push({ ...recordingMeta(row), audio });
  }
  return carried;
}

/** Whether any sent recording still waits for the editor's word. */
export async function hasUndecidedRecordings(): Promise<boolean> {
  return (await patronDatabase().recordings.where('status').equals('pending').count()) > 0;
}

export function recordingMeta(row: RecordingRow): RecordingMeta {
  const { id, guideId, lang, part, sha256, bytes, durationMs, type, recordedBy, recordedAt, guideVersion, textHash } = row;
  return { id, guideId, lang, part, sha256, bytes, durationMs, type, recordedBy, recordedAt, guideVersion, textHash };
}

/** Applies the server's word on recordings: how far an upload got, or where a whole one stands.
 * Once the server holds every byte, the kiosk's copy goes. A status for a recording this kiosk
 * does not keep (the librarian deleted it) changes nothing. */
export async function applyRecordingStatuses(statuses: RecordingStatus[]): Promise<void> {
  if (statuses.length === 0) return;
  const db = patronDatabase();
  await db.transaction('rw', db.recordings, async () => {
    for (const status of statuses) {
      const row = await db.recordings.get(status.id);
      if (!row || row.status === 'draft') continue;
      if (status.status === 'incomplete') {
        await db.recordings.update(row.id, { received: status.received });
        continue;
      }
      const reason = status.status === 'rejected' ? status.reason : status.status === 'refused' ? status.code : undefined;
      const { audio: _dropped, ...rest } = row;
      await db.recordings.put({ ...rest, status: status.status, received: row.bytes, ...(reason ? { reason } : {}) });
    }
  });
}

/** Forgets a recording the server has settled (approved, rejected or refused) or a draft. */
export async function forgetRecording(id: string): Promise<void> {
  const db = patronDatabase();
  await db.transaction('rw', db.recordings, async () => {
    const row = await db.recordings.get(id);
    if (row && row.status !== 'waiting' && row.status !== 'pending') await db.recordings.delete(id);
  });
}

/** The name the last recording was credited to, offered for the next one. */
export async function lastRecorder(): Promise<string> {
  return ((await patronDatabase().kiosk.get('recorder'))?.value as string | undefined) ?? '';
}

async function rememberRecorder(name: string): Promise<void> {
  await patronDatabase().kiosk.put({ key: 'recorder', value: name });
}
