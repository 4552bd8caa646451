// From an editor's approval to a patron able to press *Escuchar* on a kiosk whose link is slow
// (CDP network emulation: a rural 3G-ish link), through the real server: a kiosk enrolled over
// the API uploads a recording as the panel would (announce, then chunks), the editor approves it
// with the admin API, and the kiosk, woken as when its connection returns, pulls the audio record,
// fetches the bytes in the background and shows the button.
import { createHash } from 'node:crypto';
import type { Browser } from 'playwright';
import { AUDIO_CHUNK_BYTES, type RecordingMeta } from '../src/core/recording';
import { API_PATHS, apiPath, type ChangesPage } from '../src/core/protocol';
import { ADMIN_TOKEN, type Figure, type RunningServer, round, waitUpdated } from './support';

const SECTION = 'Recorded guides';
const COMMAND = 'npm run bench audio';
const GUIDE = 'dni-duplicado';
/** 256 kbit/s down, 128 up, 400 ms round trip. */
const SLOW_LINK = { offline: false, latency: 400, downloadThroughput: 32_000, uploadThroughput: 16_000 };
/** A minute of reading at the measured rate. */
const AUDIO_BYTES = 180_000;

async function call(server: RunningServer, path: string, init: RequestInit & { token: string }): Promise<Response> {
  const response = await fetch(new URL(path, server.url), { ...init, headers: { authorization: `Bearer ${init.token}`, ...(init.headers ?? {}) } });
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
  return response;
}

const json = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

async function enrolledToken(server: RunningServer): Promise<string> {
  const { code } = (await (await call(server, API_PATHS.adminEnrollmentCodes, { ...json({ label: 'bench audio' }), token: ADMIN_TOKEN })).json()) as { code: string };
  const response = await fetch(new URL(API_PATHS.enroll, server.url), json({ code, library: 'Biblioteca del bench' }));
  return ((await response.json()) as { token: string }).token;
}

/** Uploads a recording of the guide's summary as a kiosk would and returns its id. */
async function upload(server: RunningServer, token: string, guideVersion: number, textHash: string): Promise<string> {
  const audio = Buffer.alloc(AUDIO_BYTES, 7);
  const meta: RecordingMeta = {
    id: crypto.randomUUID(),
    guideId: GUIDE,
    lang: 'qu',
    part: 'summary',
    sha256: createHash('sha256').update(audio).digest('hex'),
    bytes: audio.length,
    durationMs: 60_000,
    type: 'audio/webm',
    recordedBy: 'Bench',
    recordedAt: new Date().toISOString(),
    guideVersion,
    textHash,
  };
  await call(server, API_PATHS.recordings, { ...json(meta), token });
  for (let offset = 0; offset < audio.length; offset += AUDIO_CHUNK_BYTES) {
    const path = `${apiPath(API_PATHS.recordingAudio, { id: meta.id })}?offset=${offset}`;
    await call(server, path, { method: 'PUT', body: audio.subarray(offset, offset + AUDIO_CHUNK_BYTES), headers: { 'content-type': 'application/octet-stream' }, token });
  }
  return meta.id;
}

/** The guide as the server publishes it: its version, and the Quechua summary the recording reads. */
async function publishedGuide(server: RunningServer): Promise<{ version: number; summary: string }> {
  let since = '';
  for (;;) {
    const page = (await (await fetch(new URL(`${API_PATHS.changes}?limit=1000${since ? `&since=${since}` : ''}`, server.url))).json()) as ChangesPage;
    const found = page.changes.find((c) => c.kind === 'guide' && c.id === GUIDE && c.op === 'put');
    if (found && found.op === 'put') return { version: found.version, summary: (found.data as { summary: { qu: string } }).summary.qu };
    if (!page.more) throw new Error(`${GUIDE} is not published`);
    since = page.cursor;
  }
}

export async function publishToPlayable(server: RunningServer, browser: Browser): Promise<Figure[]> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(server.url);
    await waitUpdated(page);
    const guide = await publishedGuide(server);
    const textHash = createHash('sha256').update(guide.summary).digest('hex');
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', SLOW_LINK);

    // A patron reads the guide in Quechua while the recording is approved.
    await page.goto(`${server.url}/guia/${GUIDE}`);
    await page.getByRole('button', { name: 'Runasimi', exact: true }).click();
    const token = await enrolledToken(server);
    const id = await upload(server, token, guide.version, textHash);
    await call(server, apiPath(API_PATHS.adminRecordingApprove, { id }), { ...json({}), token: ADMIN_TOKEN });
    const approvedAt = Date.now();
    // The connection "returns": the kiosk syncs as it does on the online event, and the guide on
    // screen offers the voice once its bytes are kept.
    await page.evaluate(`window.dispatchEvent(new Event('online'))`);
    await page.locator('.listen-button').first().waitFor({ timeout: 300_000 });
    const playableMs = Date.now() - approvedAt;
    return [
      {
        section: SECTION,
        name: `Approval to playable on a kiosk, ${AUDIO_BYTES / 1000} KB recording over 256 kbit/s, 400 ms RTT`,
        value: round(playableMs / 1000, 1),
        unit: 's',
        command: COMMAND,
        note: 'the pull of the audio record, the 5 s the fetcher waits after a sync (AUDIO_FETCH_DELAY_MS) and the background fetch of the bytes, hash-checked; the transfer alone is about 6 s at this rate',
      },
    ];
  } finally {
    await context.close();
  }
}
