// Recordings on their way to the editors (core/audio.ts has what is published): what a kiosk
// announces, the server's word on it, and a recording in a USB outbox file. Apart from the
// published record so a kiosk that only plays audio never loads it. See docs/protocol.md
// ("Recorded guides").
import * as v from 'valibot';
import { AUDIO_TYPES, type AudioType, MAX_AUDIO_BYTES, recordingFacts } from './audio';
import { uuid } from './wire-schema';

/** Uploads go in chunks of at most this many bytes, so a link that drops every few seconds still
 * moves a recording forward: each acknowledged chunk is never sent again. */
export const AUDIO_CHUNK_BYTES = 128 * 1024;


/** The bare type of a Blob's `type` (`audio/webm;codecs=opus` → `audio/webm`), or undefined. */
export function audioType(blobType: string): AudioType | undefined {
  const bare = blobType.split(';')[0]!.trim().toLowerCase();
  const aliases: Record<string, AudioType> = { 'audio/x-wav': 'audio/wav', 'audio/wave': 'audio/wav', 'audio/mp3': 'audio/mpeg', 'audio/x-m4a': 'audio/mp4', 'audio/aac': 'audio/mp4', 'video/webm': 'audio/webm' };
  if ((AUDIO_TYPES as readonly string[]).includes(bare)) return bare as AudioType;
  return aliases[bare];
}

/** A recording as a kiosk announces it before sending its bytes: POST /recordings. */
export const RecordingMetaSchema = v.strictObject({ id: uuid, ...recordingFacts });
export type RecordingMeta = v.InferOutput<typeof RecordingMetaSchema>;

/** Where a recording stands on the server. `incomplete`: `received` bytes of it so far, send the
 * rest from there; `pending`: whole, waiting for an editor; `approved` (published) or `rejected`
 * with the editor's reason. */
export const RecordingStatusSchema = v.variant('status', [
  v.object({ id: v.string(), status: v.literal('incomplete'), received: v.number() }),
  v.object({ id: v.string(), status: v.picklist(['pending', 'approved']) }),
  v.object({ id: v.string(), status: v.literal('rejected'), reason: v.string() }),
  /** Refused for good: not a recording this server takes (an unknown guide, a hash the bytes do
   * not have, a duplicate id with other facts). `code` says which. */
  v.object({ id: v.string(), status: v.literal('refused'), code: v.string() }),
]);
export type RecordingStatus = v.InferOutput<typeof RecordingStatusSchema>;

export const RECORDING_REFUSE_CODES = ['invalid_recording', 'unknown_guide', 'hash_mismatch', 'conflict', 'too_large'] as const;
export type RecordingRefuseCode = (typeof RECORDING_REFUSE_CODES)[number];

/** GET /recordings: where each of the asking kiosk's recordings stands. */
export const RecordingStatusListSchema = v.object({ recordings: v.array(RecordingStatusSchema) });

/** A recording carried in an outbox file on a USB stick: its facts and its bytes, base64. */
export const UsbRecordingSchema = v.strictObject({
  ...RecordingMetaSchema.entries,
  audio: v.pipe(v.string(), v.regex(/^[A-Za-z0-9+/]*={0,2}$/), v.maxLength(Math.ceil(MAX_AUDIO_BYTES / 3) * 4)),
});
export type UsbRecording = v.InferOutput<typeof UsbRecordingSchema>;
