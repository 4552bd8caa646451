// The microphone, for the panel's recordings: MediaRecorder with Opus at about 24 kbit/s (180 KB
// a minute: what a kiosk keeps and a rural link carries), and the length of an audio file a
// librarian brings from a phone. Browser APIs only; what is kept is data/recordings.ts's concern.

/** Opus in WebM (Chromium) or Ogg (Firefox); whatever the browser has otherwise. */
const TYPES = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/webm'];
export const OPUS_BITS_PER_SECOND = 24_000;

export type MicrophoneProblem = 'denied' | 'none' | 'unsupported';

export interface ActiveRecording {
  /** Stops and gives the recording and how long it lasted. */
  stop(): Promise<{ audio: Blob; durationMs: number }>;
  /** Stops and throws the recording away (the page was left). */
  cancel(): void;
}

export async function startRecording(): Promise<ActiveRecording | MicrophoneProblem> {
  if (!navigator.mediaDevices?.getUserMedia || typeof MediaRecorder === 'undefined') return 'unsupported';
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true } });
  } catch (error) {
    const name = (error as { name?: string }).name;
    return name === 'NotAllowedError' || name === 'SecurityError' ? 'denied' : 'none';
  }
  const mimeType = TYPES.find((type) => MediaRecorder.isTypeSupported(type));
  const recorder = new MediaRecorder(stream, { ...(mimeType ? { mimeType } : {}), audioBitsPerSecond: OPUS_BITS_PER_SECOND });
  const chunks: Blob[] = [];
  recorder.addEventListener('dataavailable', (event) => {
    if (event.data.size > 0) chunks.push(event.data);
  });
  const release = () => stream.getTracks().forEach((track) => track.stop());
  // MediaRecorder's WebM has no duration in its header: the length is measured here.
  const startedAt = performance.now();
  recorder.start();
  return {
    stop: () =>
      new Promise((resolve) => {
        recorder.addEventListener('stop', () => {
          release();
          resolve({ audio: new Blob(chunks, { type: recorder.mimeType || mimeType || 'audio/webm' }), durationMs: performance.now() - startedAt });
        }, { once: true });
        recorder.stop();
      }),
    cancel: () => {
      if (recorder.state !== 'inactive') recorder.stop();
      release();
    },
  };
}

/** The length of an audio file in milliseconds, or undefined when the browser cannot read it
 * (then it could not play it either). */
export async function audioFileDuration(file: Blob): Promise<number | undefined> {
  const url = URL.createObjectURL(file);
  try {
    const element = new Audio();
    element.preload = 'metadata';
    const duration = await new Promise<number | undefined>((resolve) => {
      element.addEventListener('loadedmetadata', () => resolve(element.duration), { once: true });
      element.addEventListener('error', () => resolve(undefined), { once: true });
      element.src = url;
    });
    if (duration !== undefined && Number.isFinite(duration) && duration > 0) return duration * 1000;
    // A WebM without a length in its header (MediaRecorder's own): decoded whole to measure it.
    if (duration === Number.POSITIVE_INFINITY) return await decodedDuration(file);
    return undefined;
  } finally {
    URL.revokeObjectURL(url);
  }
}

async function decodedDuration(file: Blob): Promise<number | undefined> {
  try {
    const buffer = await new OfflineAudioContext(1, 1, 48_000).decodeAudioData(await file.arrayBuffer());
    return buffer.duration > 0 ? buffer.duration * 1000 : undefined;
  } catch {
    return undefined;
  }
}
