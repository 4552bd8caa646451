// The load generator of `npm run bench network`: a library network's kiosks on their 5-minute
// sync cadence, time-compressed, as an open loop (each kiosk's request goes at its scheduled
// moment whether or not the server kept up, so a slow server shows as latency, not as a
// politely lower rate). Plain node:http with keep-alive: fetch costs the generator several times
// more CPU per request, and the generator shares the 2 cores with the server it measures.
import { Agent, request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import type { ChangesPage } from '../src/core/protocol';

export const CYCLE_S = 300; // the kiosk's SYNC_INTERVAL_MS (src/sync/schedule.ts)
const TIMEOUT_MS = 10_000;
const ACCEPT_ENCODING = 'gzip, deflate, br'; // what Chromium sends

export type Kind = 'poll → 304' | 'poll → 200' | 'push ×5' | 'notes → 304' | 'notes → 200';
export const KINDS: Kind[] = ['poll → 304', 'poll → 200', 'push ×5', 'notes → 304', 'notes → 200'];

/** A kiosk as the server sees it: where it is in the feed and what its browser cache holds. */
export interface Kiosk {
  token: string;
  /** Pushers send submissions every cycle; the others poll the catalogue. */
  pushes: boolean;
  since: string;
  /** The ETag the browser keeps for the URL with this `since`; none after the cursor moves. */
  etag?: string;
  /** The ETag of its library's notes (GET /api/v1/notes). */
  notesEtag?: string;
  /** Where in the cycle this kiosk syncs (0–1): kiosks are switched on at different times. */
  phase: number;
  /** A run still going when the next is due is skipped, as the kiosk's sync lock does. */
  busy: boolean;
}

export interface StepResult {
  compression: number;
  seconds: number;
  offeredPerS: number;
  completed: number;
  latencies: Record<Kind, number[]>;
  errors: number;
  errorSamples: string[];
  skipped: number;
  /** How late the generator issued requests (ms), p99: a late generator means it, not the server, ran out of CPU. */
  lagMs: number[];
}

interface Answer { status: number; etag?: string; encoding?: string; body: Buffer }

/** Keep-alive connections spread over the nodes; kiosk i always uses connection i mod n, the way
 * a library's kiosks share the few connections of the proxy or router in front of the nodes.
 * Each connection carries one request at a time: the next waits, and that wait is in its latency. */
export class ConnectionPool {
  private readonly agents: Array<{ agent: Agent; host: string; port: number }>;

  constructor(nodeUrls: string[], connections: number) {
    this.agents = Array.from({ length: connections }, (_, i) => {
      const url = new URL(nodeUrls[i % nodeUrls.length]!);
      return { agent: new Agent({ keepAlive: true, maxSockets: 1 }), host: url.hostname, port: Number(url.port) };
    });
  }

  send(kiosk: number, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Answer> {
    const { agent, host, port } = this.agents[kiosk % this.agents.length]!;
    return new Promise((resolve, reject) => {
      const req = request({ agent, host, port, method, path, headers: body ? { ...headers, 'content-length': Buffer.byteLength(body) } : headers, timeout: TIMEOUT_MS }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, etag: res.headers.etag, encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error(`timed out after ${TIMEOUT_MS} ms`)));
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    for (const { agent } of this.agents) agent.destroy();
  }
}

function decode(answer: Answer): ChangesPage {
  const raw = answer.encoding === 'br' ? brotliDecompressSync(answer.body) : answer.encoding === 'gzip' ? gunzipSync(answer.body) : answer.encoding === 'deflate' ? inflateSync(answer.body) : answer.body;
  return JSON.parse(raw.toString('utf8')) as ChangesPage;
}

/** One sync of one kiosk: a push of a batch, or a poll of the feed from its cursor (then, with
 * `notes`, a read of its library's notes, as the kiosk's full sync does). */
async function sync(pool: ConnectionPool, kiosk: Kiosk, i: number, options: { batch: () => string; notes?: boolean }, record: (kind: Kind, since: number) => void, due: number): Promise<void> {
  const auth = { authorization: `Bearer ${kiosk.token}` };
  if (kiosk.pushes) {
    const answer = await pool.send(i, 'POST', '/api/v1/submissions', { 'content-type': 'application/json', 'accept-encoding': ACCEPT_ENCODING, ...auth }, options.batch());
    if (answer.status !== 200) throw new Error(`push answered ${answer.status}`);
    return record('push ×5', due);
  }
  record(await poll(pool, kiosk, i), due);
  if (!options.notes) return;
  const started = performance.now();
  const answer = await pool.send(i, 'GET', '/api/v1/notes', { accept: 'application/json', 'accept-encoding': ACCEPT_ENCODING, ...auth, ...(kiosk.notesEtag ? { 'if-none-match': kiosk.notesEtag } : {}) });
  if (answer.status !== 200 && answer.status !== 304) throw new Error(`notes answered ${answer.status}`);
  if (answer.status === 200) kiosk.notesEtag = answer.etag;
  record(answer.status === 304 ? 'notes → 304' : 'notes → 200', started);
}

async function poll(pool: ConnectionPool, kiosk: Kiosk, i: number): Promise<Kind> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-encoding': ACCEPT_ENCODING };
  if (kiosk.etag) headers['if-none-match'] = kiosk.etag;
  const answer = await pool.send(i, 'GET', `/api/v1/changes?since=${encodeURIComponent(kiosk.since)}`, headers);
  if (answer.status === 304) return 'poll → 304';
  if (answer.status !== 200) throw new Error(`poll answered ${answer.status}`);
  const page = decode(answer);
  // The browser's HTTP cache is keyed by URL: a new cursor is a new URL with no ETag yet, so the
  // first poll after an update is a 200 (with no changes) before the 304s resume.
  if (page.cursor === kiosk.since) kiosk.etag = answer.etag;
  else {
    kiosk.since = page.cursor;
    kiosk.etag = undefined;
  }
  return 'poll → 200';
}

/** Runs every kiosk on a cycle of CYCLE_S ÷ `compression` seconds for `seconds`, calling
 * `midway` once a quarter of the way in, and returns what each request saw. */
export async function runStep(pool: ConnectionPool, kiosks: Kiosk[], options: { compression: number; seconds: number; batch: () => string; notes?: boolean; midway?: () => Promise<unknown> }): Promise<StepResult> {
  const periodMs = (CYCLE_S * 1000) / options.compression;
  const endMs = options.seconds * 1000;
  const schedule: Array<[number, number]> = [];
  kiosks.forEach((k, i) => {
    for (let t = k.phase * periodMs; t < endMs; t += periodMs) schedule.push([t, i]);
  });
  schedule.sort((a, b) => a[0] - b[0]);
  const result: StepResult = { compression: options.compression, seconds: options.seconds, offeredPerS: schedule.length / options.seconds, completed: 0, latencies: Object.fromEntries(KINDS.map((k) => [k, []])) as unknown as Record<Kind, number[]>, errors: 0, errorSamples: [], skipped: 0, lagMs: [] };
  const inFlight = new Set<Promise<void>>();
  const start = performance.now();
  /** `since` is a performance.now() time: when the request was due. */
  const record = (kind: Kind, since: number) => {
    result.latencies[kind].push(performance.now() - since);
    result.completed++;
  };
  let midwayDone: Promise<unknown> | undefined;
  for (let next = 0; next < schedule.length;) {
    const now = performance.now() - start;
    if (!midwayDone && options.midway && now >= endMs / 4) midwayDone = options.midway();
    for (; next < schedule.length && schedule[next]![0] <= now; next++) {
      const [due, i] = schedule[next]!;
      const kiosk = kiosks[i]!;
      if (kiosk.busy) {
        result.skipped++;
        continue;
      }
      kiosk.busy = true;
      result.lagMs.push(now - due);
      const run = sync(pool, kiosk, i, options, record, start + due).then(
        () => undefined,
        (error: unknown) => {
          result.errors++;
          if (result.errorSamples.length < 5) result.errorSamples.push(error instanceof Error ? error.message : String(error));
        },
      ).finally(() => {
        kiosk.busy = false;
        inFlight.delete(run);
      });
      inFlight.add(run);
    }
    if (next < schedule.length) await sleep(Math.max(1, Math.min(20, schedule[next]![0] - (performance.now() - start))));
  }
  await Promise.all([...inFlight, midwayDone]);
  return result;
}
