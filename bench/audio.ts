// Recorded guides (issue 17): what a minute of reading costs a kiosk's disk and a rural link,
// recorded the way the panel records (src/app/recording/microphone.ts: MediaRecorder, Opus at
// OPUS_BITS_PER_SECOND) from Chromium's fake microphone playing test/fake-voice.ts; and how long
// a recording takes from an editor's approval to playable on a kiosk whose link is slow.
import { chromium, type Page } from 'playwright';
import { OPUS_BITS_PER_SECOND } from '../src/app/recording/microphone';
import { fakeMicrophoneArgs, writeFakeVoice } from '../test/fake-voice';
import { type BenchSection, type Figure, machineLoad, round, withChaski } from './support';
import { publishToPlayable } from './audio-publish';

const SECTION = 'Recorded guides';
const COMMAND = 'npm run bench audio';
const SECONDS = 30;

/** Records SECONDS of the fake voice in the page with the panel's settings; the bytes made. */
async function recordedBytes(page: Page): Promise<{ bytes: number; type: string }> {
  // In steps, with what records kept on window: a page-side promise that waits half a minute
  // is not kept alive by Playwright.
  await page.evaluate(
    `(async () => {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true } });
      const recorder = new MediaRecorder(stream, { mimeType: 'audio/webm;codecs=opus', audioBitsPerSecond: ${OPUS_BITS_PER_SECOND} });
      window.__bench = { stream, recorder, chunks: [] };
      recorder.ondataavailable = (e) => window.__bench.chunks.push(e.data);
      recorder.start();
    })()`,
  );
  await page.waitForTimeout(SECONDS * 1000);
  return page.evaluate(
    `new Promise((resolve) => {
      const { stream, recorder, chunks } = window.__bench;
      recorder.onstop = () => {
        stream.getTracks().forEach((t) => t.stop());
        const blob = new Blob(chunks, { type: recorder.mimeType });
        resolve({ bytes: blob.size, type: recorder.mimeType });
      };
      recorder.stop();
    })`,
  );
}

export const section: BenchSection = {
  id: 'audio',
  title: SECTION,
  async run(): Promise<Figure[]> {
    return withChaski(undefined, async (server) => {
      const browser = await chromium.launch({
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        args: ['--no-sandbox', '--disable-gpu', '--no-first-run', ...fakeMicrophoneArgs(writeFakeVoice(SECONDS + 10))],
      });
      try {
        const page = await browser.newPage();
        // A plain page of the same origin (a secure context): the app would reload itself under
        // the recording when its service worker takes control.
        await page.goto(`${server.url}/robots.txt`);
        const { bytes, type } = await recordedBytes(page);
        const perMinute = (bytes / SECONDS) * 60;
        const figures: Figure[] = [
          {
            section: SECTION,
            name: 'Audio per minute of reading (Opus, 24 kbit/s target)',
            value: round(perMinute / 1000, 1),
            unit: 'KB',
            budget: { limit: 200, lowerIsBetter: true },
            command: COMMAND,
            note: `${bytes} bytes for ${SECONDS} s of the fake voice, ${type}; the issue's estimate is ~180 KB a minute`,
          },
        ];
        figures.push(...(await publishToPlayable(server, browser)));
        return figures.map((f) => ({ ...f, note: [f.note, machineLoad()].filter(Boolean).join('; ') }));
      } finally {
        await browser.close();
      }
    });
  },
};
