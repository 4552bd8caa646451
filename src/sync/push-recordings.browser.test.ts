// Runs in real Chromium with real IndexedDB: recordings made in the panel kept as drafts, sent,
// and uploaded in chunks to a tiny recordings route written here the way docs/protocol.md says
// the server keeps them (bytes appended only at the offset it holds, whole ones checked by their
// SHA-256). A link that drops mid-upload resumes where the server stopped; nothing is sent twice.
import { beforeEach, describe, expect, it } from 'vitest';
import { AUDIO_CHUNK_BYTES, type RecordingMeta, type RecordingStatus } from '../core/recording';
import { applyChangesPage } from '../data/catalog-apply';
import { database } from '../data/db';
import { saveKioskIdentity } from '../data/kiosk-identity';
import { patronDatabase } from '../data/patron-db';
import { sha256Hex } from '../core/encoding';
import { allRecordings, discardDraft, recordingsToSend, saveDraftRecording, sendDrafts } from '../data/recordings';
import { sampleCategory, sampleGuide } from '../../test/records';
import { pushRecordings } from './push-recordings';

const BASE = 'http://kiosk.test';
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function recordingsServer(options: { dropAfterChunks?: number } = {}) {
  const held = new Map<string, { meta: RecordingMeta; bytes: Uint8Array[]; received: number; status: RecordingStatus['status']; reason?: string }>();
  let chunks = 0;
  let dropAfter = options.dropAfterChunks ?? Infinity;
  const statusOf = (id: string): RecordingStatus => {
    const r = held.get(id)!;
    if (r.status === 'incomplete') return { id, status: 'incomplete', received: r.received };
    if (r.status === 'rejected') return { id, status: 'rejected', reason: r.reason! };
    if (r.status === 'refused') return { id, status: 'refused', code: 'hash_mismatch' };
    return { id, status: r.status };
  };
  const fetch = async (url: URL | RequestInfo, init?: RequestInit) => {
    const target = new URL(String(url));
    if (new Headers(init?.headers).get('authorization') !== 'Bearer token-1') return json({ error: { code: 'unauthorized', message: 'no' } }, 401);
    if (target.pathname === '/api/v1/recordings' && init?.method === 'POST') {
      const meta = JSON.parse(String(init.body)) as RecordingMeta;
      if (!held.has(meta.id)) held.set(meta.id, { meta, bytes: [], received: 0, status: 'incomplete' });
      return json(statusOf(meta.id));
    }
    if (target.pathname === '/api/v1/recordings') return json({ recordings: [...held.keys()].map(statusOf) });
    const put = /^\/api\/v1\/recordings\/([^/]+)\/audio$/.exec(target.pathname);
    if (put && init?.method === 'PUT') {
      if (chunks >= dropAfter) throw new TypeError('Failed to fetch');
      chunks++;
      const r = held.get(decodeURIComponent(put[1]!))!;
      const chunk = new Uint8Array(await (init.body as Blob).arrayBuffer());
      if (Number(target.searchParams.get('offset')) === r.received) {
        r.bytes.push(chunk);
        r.received += chunk.length;
        if (r.received === r.meta.bytes) {
          const whole = new Uint8Array(await new Blob(r.bytes as BlobPart[]).arrayBuffer());
          r.status = (await sha256Hex(whole)) === r.meta.sha256 ? 'pending' : 'refused';
        }
      }
      return json(statusOf(r.meta.id));
    }
    return json({ error: { code: 'not_found', message: 'no such route' } }, 404);
  };
  return {
    fetch: fetch as typeof globalThis.fetch,
    held,
    chunks: () => chunks,
    reconnect: () => (dropAfter = Infinity),
    decide: (id: string, status: 'approved' | 'rejected', reason?: string) => Object.assign(held.get(id)!, { status, reason }),
  };
}

/** About 300 KB of "audio": three chunks. */
const audio = (size = AUDIO_CHUNK_BYTES * 2 + 5000) => new Blob([new Uint8Array(size).map((_, i) => i % 251)], { type: 'audio/webm;codecs=opus' });

beforeEach(async () => {
  const db = patronDatabase();
  await Promise.all([db.recordings.clear(), db.kiosk.clear()]);
  await saveKioskIdentity({ kioskId: 'kiosk-1', token: 'token-1', library: 'Biblioteca de Nauta' });
  await applyChangesPage({ changes: [
    { kind: 'category', id: 'identidad', version: 1, op: 'put', data: sampleCategory('identidad') },
    { kind: 'guide', id: 'dni', version: 3, op: 'put', data: sampleGuide('dni', 'identidad') },
  ], cursor: 'c1', more: false, reset: true }, await database().meta.get('cursor').then((r) => r?.value as string | undefined));
});

describe('recordings made in the panel', () => {
  it('keeps one draft per part and language, with the hash of its bytes and of the text it reads', async () => {
    const first = await saveDraftRecording({ guideId: 'dni', lang: 'qu', part: 'step-1', audio: audio(1000), durationMs: 4000, recordedBy: 'Rosa Quispe' });
    const second = await saveDraftRecording({ guideId: 'dni', lang: 'qu', part: 'step-1', audio: audio(2000), durationMs: 6000, recordedBy: 'Rosa Quispe' });
    expect(first.ok && second.ok).toBe(true);
    const rows = await allRecordings();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ bytes: 2000, type: 'audio/webm', guideVersion: 3, status: 'draft' });
    expect(rows[0]!.textHash).toBe(await sha256Hex(new TextEncoder().encode('Kamachiq wasiman riy.')));
    expect(rows[0]!.sha256).toBe(await sha256Hex(await audio(2000).arrayBuffer()));
    await discardDraft(rows[0]!.id);
    expect(await allRecordings()).toEqual([]);
  });

  it('refuses what cannot be a recording of this guide, storing nothing', async () => {
    const make = (over: Partial<Parameters<typeof saveDraftRecording>[0]>) => saveDraftRecording({ guideId: 'dni', lang: 'qu', part: 'summary', audio: audio(100), durationMs: 1000, recordedBy: 'Rosa', ...over });
    expect(await make({ audio: new Blob(['x'], { type: 'text/plain' }) })).toMatchObject({ ok: false, problem: 'type' });
    expect(await make({ audio: new Blob([], { type: 'audio/webm' }) })).toMatchObject({ ok: false, problem: 'size' });
    expect(await make({ part: 'problems' })).toMatchObject({ ok: false, problem: 'no_text' });
    expect(await make({ part: 'step-9' })).toMatchObject({ ok: false, problem: 'no_text' });
    expect(await make({ recordedBy: '   ' })).toMatchObject({ ok: false, problem: 'invalid' });
    expect(await allRecordings()).toEqual([]);
  });

  it('uploads a sent recording in chunks, resumes after the link drops, and never sends a byte twice', async () => {
    await saveDraftRecording({ guideId: 'dni', lang: 'qu', part: 'summary', audio: audio(), durationMs: 12_000, recordedBy: 'Rosa Quispe' });
    const server = recordingsServer({ dropAfterChunks: 1 });
    // A draft is not sent until the librarian says so.
    expect(await pushRecordings({ fetch: server.fetch, baseUrl: BASE })).toEqual({ status: 'done', whole: 0 });
    expect(await sendDrafts('dni', 'qu')).toBe(1);

    expect(await pushRecordings({ fetch: server.fetch, baseUrl: BASE })).toMatchObject({ status: 'failed', code: 'offline' });
    const [partly] = await allRecordings();
    expect(partly).toMatchObject({ status: 'waiting', received: AUDIO_CHUNK_BYTES });

    server.reconnect();
    expect(await pushRecordings({ fetch: server.fetch, baseUrl: BASE })).toEqual({ status: 'done', whole: 1 });
    // Three chunks in all: the one acknowledged before the drop was not sent again.
    expect(server.chunks()).toBe(3);
    const [sent] = await allRecordings();
    expect(sent).toMatchObject({ status: 'pending', received: sent!.bytes });
    expect(sent!.audio).toBeUndefined();
    expect(await recordingsToSend()).toEqual([]);

    server.decide(sent!.id, 'rejected', 'Se oye ruido de la calle');
    expect(await pushRecordings({ fetch: server.fetch, baseUrl: BASE })).toEqual({ status: 'done', whole: 0 });
    expect(await allRecordings()).toMatchObject([{ status: 'rejected', reason: 'Se oye ruido de la calle' }]);
  });

  it('a recording whose bytes the server finds altered is shown as refused, not retried forever', async () => {
    const saved = await saveDraftRecording({ guideId: 'dni', lang: 'es', part: 'cost', audio: audio(3000), durationMs: 3000, recordedBy: 'Rosa' });
    if (!saved.ok) throw new Error('not saved');
    // The stored bytes no longer match the hash announced (a disk fault, a tampered profile).
    await patronDatabase().recordings.update(saved.row.id, { audio: new Blob([new Uint8Array(3000)], { type: 'audio/webm' }) });
    await sendDrafts('dni', 'es');
    const server = recordingsServer();
    expect(await pushRecordings({ fetch: server.fetch, baseUrl: BASE })).toEqual({ status: 'done', whole: 1 });
    expect(await allRecordings()).toMatchObject([{ status: 'refused', reason: 'hash_mismatch' }]);
    expect(await pushRecordings({ fetch: server.fetch, baseUrl: BASE })).toEqual({ status: 'done', whole: 0 });
  });
});
