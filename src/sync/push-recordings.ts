// Recordings made in the panel (data/recordings.ts) to the server, after the submissions: each
// announced (which also tells how much of it the server already holds), then its bytes in
// chunks from there, so a link that drops every few seconds still moves a recording forward and
// no byte the server acknowledged is sent again. Then the editors' word on those sent earlier.
// Like the notes, any failure stops quietly and leaves everything for the next run.
import { AUDIO_CHUNK_BYTES, type RecordingStatus } from '../core/recording';
import { getKioskIdentity } from '../data/kiosk-identity';
import { applyRecordingStatuses, hasUndecidedRecordings, recordingMeta, recordingsToSend } from '../data/recordings';
import type { ApiFailureKind, ApiOptions } from './api';
import { recordingsApi } from './recordings-api';

export type RecordingsPushOutcome =
  /** `whole`: recordings the server now holds every byte of (or settled otherwise). */
  | { status: 'done'; whole: number }
  | { status: 'not_enrolled' }
  | { status: 'failed'; code: ApiFailureKind | 'unexpected'; whole: number };

export async function pushRecordings(options: ApiOptions = {}): Promise<RecordingsPushOutcome> {
  let whole = 0;
  try {
    const identity = await getKioskIdentity();
    if (!identity) return { status: 'not_enrolled' };
    const api = recordingsApi(options);
    for (const row of await recordingsToSend()) {
      const audio = row.audio!;
      let answer = await api.announce(identity.token, recordingMeta(row));
      // Each chunk must move the upload forward; an answer that does not would loop forever.
      let lastReceived = -1;
      while (answer.ok && answer.value.status === 'incomplete' && answer.value.received > lastReceived && answer.value.received < audio.size) {
        const from = answer.value.received;
        lastReceived = from;
        await applyRecordingStatuses([answer.value]);
        answer = await api.sendChunk(identity.token, row.id, from, audio.slice(from, from + AUDIO_CHUNK_BYTES));
      }
      if (!answer.ok) return { status: 'failed', code: answer.failure.kind, whole };
      if (answer.value.id !== row.id || answer.value.status === 'incomplete') {
        await applyRecordingStatuses(answer.value.id === row.id ? [answer.value] : []);
        return { status: 'failed', code: 'bad_response', whole };
      }
      await applyRecordingStatuses([answer.value]);
      whole++;
    }
    if (await hasUndecidedRecordings()) {
      const list = await api.statuses(identity.token);
      if (!list.ok) return { status: 'failed', code: list.failure.kind, whole };
      await applyRecordingStatuses(list.value.recordings.filter((s: RecordingStatus) => s.status !== 'incomplete'));
    }
    return { status: 'done', whole };
  } catch {
    // A closed database or a full disk: the recordings stay where they are.
    return { status: 'failed', code: 'unexpected', whole };
  }
}
