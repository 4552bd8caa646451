// A voice for Chromium's fake microphone (`--use-file-for-fake-audio-capture`): a WAV file of
// rising and falling tones with pauses, close enough to speech for Opus to spend its bits the
// way it does on a voice (a pure steady tone would compress far better than anyone reading).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { wavFile } from './records';
import { tempDir } from './temp';

const RATE = 48_000;

/** Writes `seconds` of the voice as 16-bit mono PCM WAV and returns the file's path. */
export function writeFakeVoice(seconds = 20, dir = tempDir('chaski-voice-')): string {
  const samples = RATE * seconds;
  const data = Buffer.alloc(samples * 2);
  let seed = 7;
  const noise = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31) * 2 - 1;
  for (let i = 0; i < samples; i++) {
    const t = i / RATE;
    // Syllables of ~180 ms, a pause every ~1.5 s, a pitch that wanders like an intonation.
    const syllable = Math.max(0, Math.sin((Math.PI * (t % 0.18)) / 0.18));
    const pause = t % 1.5 > 1.2 ? 0 : 1;
    const pitch = 140 + 40 * Math.sin(t * 1.3) + 15 * Math.sin(t * 7);
    const voiced = Math.sin(2 * Math.PI * pitch * t) + 0.5 * Math.sin(4 * Math.PI * pitch * t) + 0.25 * Math.sin(6 * Math.PI * pitch * t);
    const sample = pause * syllable * (0.45 * voiced + 0.08 * noise());
    data.writeInt16LE(Math.round(Math.max(-1, Math.min(1, sample * 0.5)) * 32_767), i * 2);
  }
  const path = join(dir, 'voice.wav');
  writeFileSync(path, wavFile(data, RATE, 16));
  return path;
}

/** Chromium flags for a microphone that plays `wav` and asks no one for permission. */
export function fakeMicrophoneArgs(wav: string): string[] {
  return ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${wav}`];
}
