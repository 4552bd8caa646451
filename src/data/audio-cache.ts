// The bytes of the recorded guides (core/audio.ts), kept in Cache Storage under their URL
// (GET /api/v1/audio/<sha256>). Not in IndexedDB: a recording is a file that never changes and
// can always be fetched again, so it lives where the browser stores responses, apart from the
// catalogue's text and the patrons' outbox, and is dropped first when space runs out
// (storage-health.ts guardedWrite). Fetched after the text, one at a time, at low priority, within
// a budget the librarian chooses; kept only when its SHA-256 is the one the record announced.
import type { AudioRecord } from '../core/audio';
import { database } from './db';
import { patronDatabase } from './patron-db';
import { getAudioBudgetBytes } from './audio-budget';
import { AUDIO_CACHE, dropAudioCache, isQuotaError, storageFull } from './storage-health';
import { audioCacheChanges } from './audio-changes';
import { sha256Hex } from '../core/encoding';

/** Space left for everything else on the device: no recording is fetched while less than this
 * remains, so audio never takes the room a patron's submission or the next catalogue needs. */
const HEADROOM_BYTES = 200 * 1024 * 1024;
const HEADROOM_SHARE = 0.1;
const REFUSED_KEY = 'audioRefused';
/** 5 MB (MAX_AUDIO_BYTES) at a slow rural 350 kbit/s is two minutes. */
const FILE_TIMEOUT_MS = 3 * 60 * 1000;

/** Changes whenever recordings are kept or dropped in this page, so a guide on screen shows its
 * new buttons (a run in the service worker is seen at the next render). */
export { audioCacheChanges };

/** API_PATHS.audio (core/protocol.ts) with its `:sha`, spelt out: importing protocol here made the
 * bundler split it out of the first screen's chunks, ~0.5 KiB more to load before anything shows
 * (e2e/budget.spec.ts). audio-cache.browser.test.ts checks both say the same. */
const AUDIO_PATH = '/api/v1/audio/';

export function audioUrl(serverOrigin: string, sha256: string): string {
  return new URL(AUDIO_PATH + encodeURIComponent(sha256), serverOrigin).href;
}

/** The cached files by the hash in their URL (the last path segment): whatever the origin they
 * were fetched from, a hash names the same bytes. */
export async function cachedFiles(): Promise<Map<string, Request>> {
  const files = new Map<string, Request>();
  if (!globalThis.caches) return files;
  const cache = await caches.open(AUDIO_CACHE);
  for (const request of await cache.keys()) {
    const sha = new URL(request.url).pathname.split('/').pop() ?? '';
    files.set(sha, request);
  }
  return files;
}

/** The cached bytes of a recording, as a Blob of its type, or undefined. */
export async function cachedAudio(sha256: string): Promise<Blob | undefined> {
  const request = (await cachedFiles()).get(sha256);
  if (!request) return undefined;
  const response = await (await caches.open(AUDIO_CACHE)).match(request);
  return response ? response.blob() : undefined;
}

async function refusedHashes(): Promise<Set<string>> {
  const stored = (await patronDatabase().kiosk.get(REFUSED_KEY))?.value;
  return new Set(Array.isArray(stored) ? (stored as string[]) : []);
}

async function saveRefused(refused: Set<string>): Promise<void> {
  await patronDatabase().kiosk.put({ key: REFUSED_KEY, value: [...refused] });
}

/** Whether the device has room for `bytes` more and the headroom (navigator.storage may be
 * missing: then only the budget and a refused write stop the run). */
async function roomFor(bytes: number): Promise<boolean> {
  if (storageFull.get()) return false;
  const estimate = await globalThis.navigator?.storage?.estimate?.();
  if (!estimate?.quota || estimate.usage === undefined) return true;
  const headroom = Math.max(HEADROOM_BYTES, estimate.quota * HEADROOM_SHARE);
  return estimate.quota - estimate.usage - bytes >= headroom;
}

/** Below this much free space the device is nearly full: the audio is dropped before a patron's
 * comment or the next catalogue page is refused (a write that fails for space drops it too, in
 * storage-health.ts, but Chromium may not count the freed space before that write is retried).
 * Far under the headroom, so a kiosk does not drop and fetch the same files over and over. */
const PRESSURE_BYTES = 50 * 1024 * 1024;
const PRESSURE_SHARE = 0.05;

async function underPressure(): Promise<boolean> {
  if (storageFull.get()) return true;
  const estimate = await globalThis.navigator?.storage?.estimate?.();
  if (!estimate?.quota || estimate.usage === undefined) return false;
  return estimate.quota - estimate.usage < Math.max(PRESSURE_BYTES, estimate.quota * PRESSURE_SHARE);
}

/** One file per hash, even when two records share it; Quechua first (the reason recordings
 * exist), then guide by guide. */
function wanted(records: AudioRecord[]): AudioRecord[] {
  const byHash = new Map<string, AudioRecord>();
  for (const record of records) if (!byHash.has(record.sha256)) byHash.set(record.sha256, record);
  return [...byHash.values()].sort((a, b) => Number(b.lang === 'qu') - Number(a.lang === 'qu') || a.id.localeCompare(b.id));
}

export interface AudioFetchOutcome {
  kept: number;
  refused: number;
  dropped: number;
  /** Why the run stopped before every recording was cached, if it did. */
  stopped?: 'budget' | 'space' | 'offline';
}

export interface AudioFetchOptions {
  fetch?: typeof globalThis.fetch;
}

let running: Promise<AudioFetchOutcome> | undefined;

/** Fetches the bytes of every published recording not yet cached, one at a time, and drops the
 * cached files no record names any more. A second call while one runs joins it. */
export function fetchMissingAudio(serverOrigin: string, options: AudioFetchOptions = {}): Promise<AudioFetchOutcome> {
  running ??= fetchAll(serverOrigin, options).finally(() => {
    running = undefined;
  });
  return running;
}

async function fetchAll(serverOrigin: string, options: AudioFetchOptions): Promise<AudioFetchOutcome> {
  const outcome: AudioFetchOutcome = { kept: 0, refused: 0, dropped: 0 };
  if (!globalThis.caches) return outcome;
  const fetchFile = options.fetch ?? globalThis.fetch.bind(globalThis);
  if (await underPressure()) {
    outcome.dropped = (await cachedFiles()).size;
    await dropAudioCache();
    outcome.stopped = 'space';
    return outcome;
  }
  const cache = await caches.open(AUDIO_CACHE);
  const records = (await database().audio.toArray()).map((row) => row.data);
  const published = new Set(records.map((r) => r.sha256));
  const files = await cachedFiles();
  for (const [sha, request] of files) {
    if (published.has(sha)) continue;
    await cache.delete(request);
    files.delete(sha);
    outcome.dropped++;
  }
  const budget = await getAudioBudgetBytes();
  const sizes = new Map(records.map((r) => [r.sha256, r.bytes]));
  let used = [...files.keys()].reduce((sum, sha) => sum + (sizes.get(sha) ?? 0), 0);
  // A budget lowered by the librarian: the last files in fetching order go first (Spanish before
  // Quechua), until what is kept fits again.
  for (const record of wanted(records).reverse()) {
    if (used <= budget) break;
    const request = files.get(record.sha256);
    if (!request) continue;
    await cache.delete(request);
    files.delete(record.sha256);
    used -= record.bytes;
    outcome.dropped++;
  }
  const refused = await refusedHashes();
  // A refused hash is tried again on the next run (a transfer cut short is the usual cause) and
  // stays counted until its bytes are good or its record is gone.
  for (const sha of refused) if (!published.has(sha)) refused.delete(sha);
  try {
    for (const record of wanted(records)) {
      if (files.has(record.sha256)) continue;
      if (used + record.bytes > budget) {
        outcome.stopped = 'budget';
        break;
      }
      if (!(await roomFor(record.bytes))) {
        outcome.stopped = 'space';
        break;
      }
      const url = audioUrl(serverOrigin, record.sha256);
      let bytes: ArrayBuffer;
      try {
        // A link that stalls must not hold every later run (they join this one) for ever.
        const response = await fetchFile(url, { priority: 'low', signal: AbortSignal.timeout(FILE_TIMEOUT_MS) });
        // Not on this server (yet): the others may be. Any other failure ends the run.
        if (response.status === 404) continue;
        if (!response.ok) {
          outcome.stopped = 'offline';
          break;
        }
        bytes = await response.arrayBuffer();
      } catch {
        outcome.stopped = 'offline';
        break;
      }
      // A doctored or truncated file is never kept, so never played.
      if (bytes.byteLength !== record.bytes || (await sha256Hex(bytes)) !== record.sha256) {
        refused.add(record.sha256);
        outcome.refused++;
        continue;
      }
      try {
        await cache.put(url, new Response(bytes, { headers: { 'content-type': record.type, 'content-length': String(bytes.byteLength) } }));
      } catch (error) {
        if (!isQuotaError(error)) throw error;
        outcome.stopped = 'space';
        break;
      }
      refused.delete(record.sha256);
      used += record.bytes;
      outcome.kept++;
    }
  } finally {
    await saveRefused(refused);
    if (outcome.kept || outcome.dropped) audioCacheChanges.set(audioCacheChanges.get() + 1);
  }
  return outcome;
}

/** Keeps the bytes a content pack carried (`"audio": { "<sha256>": "<base64>" }`, docs/protocol.md)
 * for the recordings the catalogue now holds, within the same budget and headroom: a kiosk that
 * only ever gets packs hears the guides too. The records are signed, the bytes are not: each file
 * is kept only when it hashes to a record's sha256. */
export async function keepPackAudio(carried: unknown): Promise<{ kept: number; refused: number }> {
  const outcome = { kept: 0, refused: 0 };
  if (!globalThis.caches || typeof carried !== 'object' || carried === null) return outcome;
  const encoded = carried as Record<string, unknown>;
  const cache = await caches.open(AUDIO_CACHE);
  const records = (await database().audio.toArray()).map((row) => row.data);
  const files = await cachedFiles();
  const sizes = new Map(records.map((r) => [r.sha256, r.bytes]));
  let used = [...files.keys()].reduce((sum, sha) => sum + (sizes.get(sha) ?? 0), 0);
  const budget = await getAudioBudgetBytes();
  const refused = await refusedHashes();
  for (const record of wanted(records)) {
    const base64 = encoded[record.sha256];
    if (files.has(record.sha256) || typeof base64 !== 'string') continue;
    if (used + record.bytes > budget || !(await roomFor(record.bytes))) break;
    let bytes: Uint8Array<ArrayBuffer>;
    try {
      bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    } catch {
      bytes = new Uint8Array(0); // not base64: refused below like any wrong file
    }
    if (bytes.byteLength !== record.bytes || (await sha256Hex(bytes.buffer)) !== record.sha256) {
      refused.add(record.sha256);
      outcome.refused++;
      continue;
    }
    refused.delete(record.sha256);
    // Under the URL it would have been fetched from: files are found by their hash (cachedFiles).
    await cache.put(audioUrl(globalThis.location.origin, record.sha256), new Response(bytes, { headers: { 'content-type': record.type } }));
    used += record.bytes;
    outcome.kept++;
  }
  await saveRefused(refused);
  if (outcome.kept) audioCacheChanges.set(audioCacheChanges.get() + 1);
  return outcome;
}

export interface AudioUsage {
  cachedBytes: number;
  /** Recordings (records) whose bytes are cached, so playable offline. */
  cachedCount: number;
  publishedCount: number;
  budgetBytes: number;
  /** Files whose bytes did not match their hash, not kept. */
  refused: number;
}

export async function audioUsage(): Promise<AudioUsage> {
  const [rows, files, budgetBytes, refused] = await Promise.all([database().audio.toArray(), cachedFiles(), getAudioBudgetBytes(), refusedHashes()]);
  const cachedRows = rows.filter((row) => files.has(row.sha256));
  const sizes = new Map(cachedRows.map((row) => [row.sha256, row.data.bytes]));
  const cachedBytes = [...sizes.values()].reduce((sum, bytes) => sum + bytes, 0);
  return { cachedBytes, cachedCount: cachedRows.length, publishedCount: rows.length, budgetBytes, refused: refused.size };
}
