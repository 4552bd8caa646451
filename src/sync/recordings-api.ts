// The sync API's calls for recordings made in the panel (core/audio.ts, docs/protocol.md
// "Recorded guides"): apart from api.ts because only a librarian records, so they load with the
// upload (push-recordings.ts), not with the first screen.
import { type RecordingMeta, type RecordingStatus, RecordingStatusListSchema, RecordingStatusSchema } from '../core/recording';
import { API_PATHS, apiPath } from '../core/protocol';
import { apiCaller, type ApiOptions, type ApiResult } from './api';

export interface RecordingsApi {
  /** Announces a recording (again, to resume): the answer says how much of it the server holds. */
  announce(token: string, meta: RecordingMeta): Promise<ApiResult<RecordingStatus>>;
  /** The recording's bytes from `offset` (at most AUDIO_CHUNK_BYTES). */
  sendChunk(token: string, id: string, offset: number, chunk: Blob): Promise<ApiResult<RecordingStatus>>;
  /** Where each of this kiosk's recordings stands (approved, rejected with the editor's reason). */
  statuses(token: string): Promise<ApiResult<{ recordings: RecordingStatus[] }>>;
}

export function recordingsApi(options: ApiOptions = {}): RecordingsApi {
  const { url, call, authorized } = apiCaller(options);
  return {
    announce(token, meta) {
      return call(url(API_PATHS.recordings), authorized(token, meta), 200, RecordingStatusSchema);
    },
    sendChunk(token, id, offset, chunk) {
      const target = url(apiPath(API_PATHS.recordingAudio, { id }));
      target.searchParams.set('offset', String(offset));
      const init: RequestInit = { method: 'PUT', headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${token}` }, body: chunk, cache: 'no-store' };
      return call(target, init, 200, RecordingStatusSchema);
    },
    statuses(token) {
      return call(url(API_PATHS.recordings), { cache: 'no-store', headers: { accept: 'application/json', authorization: `Bearer ${token}` } }, 200, RecordingStatusListSchema);
    },
  };
}
