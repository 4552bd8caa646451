// Recorded guides over HTTP (app.inject), run against every database Chaski supports:
// recordings.test.ts (PGlite on disk) and recordings.pg.test.ts (PostgreSQL 15). A kiosk
// announces a recording and sends it in chunks (a retried chunk stored once, a stale offset
// ignored, two racing PUTs appending once), bytes that do not hash to what was announced are
// dropped, a conflict, an unknown guide, another kiosk's recording and a revoked kiosk are
// refused precisely; an editor lists, hears, approves (the change feed carries the audio record,
// the bytes are public and cached for good, a newer approval is version 2) or rejects with a
// reason the kiosk reads; a guide removed by a content import takes its audio with it; a USB
// outbox file's recordings are stored once however often it is imported; a content pack carries
// the bytes and is refused when one is doctored or missing.
import { createHash, randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { v4 as uuidv4 } from 'uuid';
import { afterAll, describe, expect, it } from 'vitest';
import { AudioRecordSchema, audioRecordId, MAX_AUDIO_BYTES, partText } from '../../src/core/audio';
import { AUDIO_CHUNK_BYTES, type RecordingMeta, type RecordingStatus } from '../../src/core/recording';
import { type ContentPack, verifyPack } from '../../src/core/content-pack';
import type { Change } from '../../src/core/protocol';
import { receiptsSignatureValid } from '../../src/core/receipts-signature';
import type { ReceiptsFile } from '../../src/core/usb-files';
import { buildApp } from '../../src/server/app';
import type { Db } from '../../src/server/db';
import { KioskStore } from '../../src/server/kiosk-store';
import { SigningKey } from '../../src/server/signing-key';
import { sampleCategory, sampleGuide } from '../records';
import { NO_THROTTLES, tempDir, writeContent } from './support';

const ADMIN = 'recordings-admin-token-0123456789abcdef';
const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');
const GUIDES = [sampleGuide('dni-duplicado', 'salud'), sampleGuide('pension-65', 'salud')];

export function recordingSuite(name: string, freshDb: () => Promise<Db>) {
  describe(`recorded guides on ${name}`, () => {
    const apps: FastifyInstance[] = [];
    afterAll(async () => {
      for (const app of apps) await app.close();
    });

    async function setup() {
      const db = await freshDb();
      const dir = tempDir();
      const contentDir = writeContent(join(dir, 'content'), { categories: [sampleCategory('salud')], guides: GUIDES });
      const signingKey = new SigningKey(db, join(dir, 'signing-key.json'));
      const app = await buildApp({ db, contentDir, adminToken: ADMIN, signingKey, rateLimits: NO_THROTTLES });
      apps.push(app);
      const call = async <T = Record<string, unknown>>(method: 'GET' | 'POST' | 'PUT', url: string, options: { body?: unknown; raw?: Buffer; token?: string; headers?: Record<string, string> } = {}) => {
        const response = await app.inject({
          method, url,
          headers: { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...(options.raw ? { 'content-type': 'application/octet-stream' } : {}), ...options.headers },
          ...(options.raw ? { payload: options.raw } : options.body === undefined ? {} : { payload: options.body as object }),
        });
        const json = String(response.headers['content-type'] ?? '').startsWith('application/json') ? (response.json() as T & { error?: { code: string } }) : undefined;
        return { status: response.statusCode, headers: response.headers, body: json as T & { error?: { code: string } }, raw: response.rawPayload };
      };
      expect((await call('POST', '/api/v1/admin/content/import', { token: ADMIN, body: {} })).status).toBe(200);
      const enrol = async (library = 'Biblioteca Municipal de Urcos') => {
        const code = await new KioskStore(db).createEnrollmentCode('tests');
        const { body } = await call<{ kioskId: string; token: string }>('POST', '/api/v1/kiosks/enroll', { body: { code, library } });
        return body;
      };
      const announce = (token: string, meta: unknown) => call<RecordingStatus>('POST', '/api/v1/recordings', { token, body: meta });
      const put = (token: string, id: string, offset: number, chunk: Buffer) => call<RecordingStatus>('PUT', `/api/v1/recordings/${id}/audio?offset=${offset}`, { token, raw: chunk });
      /** Announces and sends a whole recording in one or more chunks: its status at the end. */
      const upload = async (token: string, meta: RecordingMeta, bytes: Buffer) => {
        let status = (await announce(token, meta)).body;
        while (status.status === 'incomplete') status = (await put(token, meta.id, status.received, bytes.subarray(status.received, status.received + AUDIO_CHUNK_BYTES))).body;
        return status;
      };
      const admin = <T = Record<string, unknown>>(method: 'GET' | 'POST', url: string, body?: unknown) => call<T>(method, url, { token: ADMIN, body });
      const changes = async () => (await call<{ changes: Change[] }>('GET', '/api/v1/changes?limit=1000')).body.changes;
      return { db, dir, contentDir, signingKey, call, enrol, announce, put, upload, admin, changes };
    }

    const recording = (bytes: Buffer, partial: Partial<RecordingMeta> = {}): RecordingMeta => {
      const meta = { guideId: 'dni-duplicado', lang: 'qu', part: 'step-1', ...partial };
      const guide = GUIDES.find((g) => g.id === meta.guideId) ?? GUIDES[0]!;
      return {
        id: uuidv4(), sha256: sha256(bytes), bytes: bytes.length, durationMs: 12_000, type: 'audio/webm', recordedBy: 'Rosa Quispe, bibliotecaria',
        recordedAt: '2026-12-02T14:30:00.000Z', guideVersion: 1, textHash: sha256(partText(guide, meta.part, meta.lang) ?? ''), ...meta,
      } as RecordingMeta;
    };

    it('takes a recording in chunks from the offset it holds: a retried chunk is stored once, a stale offset ignored, racing PUTs append once', async () => {
      const { announce, put, admin, call, enrol } = await setup();
      const { token } = await enrol();
      const bytes = randomBytes(300_000);
      const meta = recording(bytes);
      expect((await announce(token, meta)).body).toEqual({ id: meta.id, status: 'incomplete', received: 0 });
      expect((await put(token, meta.id, 0, bytes.subarray(0, 100_000))).body).toEqual({ id: meta.id, status: 'incomplete', received: 100_000 });
      // The answer was lost and the kiosk sends the same chunk again: nothing more is held.
      expect((await put(token, meta.id, 0, bytes.subarray(0, 100_000))).body).toEqual({ id: meta.id, status: 'incomplete', received: 100_000 });
      // A chunk from an offset the server does not hold is ignored; the answer says where to go on.
      expect((await put(token, meta.id, 150_000, bytes.subarray(150_000, 250_000))).body).toEqual({ id: meta.id, status: 'incomplete', received: 100_000 });
      const racing = await Promise.all([put(token, meta.id, 100_000, bytes.subarray(100_000, 200_000)), put(token, meta.id, 100_000, bytes.subarray(100_000, 200_000))]);
      expect(racing.map((r) => r.status)).toEqual([200, 200]);
      // Resuming: announcing again says how much is held.
      expect((await announce(token, meta)).body).toEqual({ id: meta.id, status: 'incomplete', received: 200_000 });
      // Past the announced size, or more than a chunk: refused, nothing appended.
      expect((await put(token, meta.id, 200_000, randomBytes(100_001))).body.error?.code).toBe('audio_too_large');
      expect((await put(token, meta.id, 200_000, randomBytes(AUDIO_CHUNK_BYTES + 2048))).status).toBe(413);
      expect((await put(token, meta.id, 200_000, randomBytes(AUDIO_CHUNK_BYTES + 2048))).body.error?.code).toBe('audio_too_large');
      expect((await put(token, meta.id, 200_000, bytes.subarray(200_000))).body).toEqual({ id: meta.id, status: 'pending' });
      expect((await announce(token, meta)).body).toEqual({ id: meta.id, status: 'pending' });
      expect((await call('GET', '/api/v1/recordings', { token })).body).toEqual({ recordings: [{ id: meta.id, status: 'pending' }] });
      const heard = await admin('GET', `/api/v1/admin/recordings/${meta.id}/audio`);
      expect(heard.headers['content-type']).toBe('audio/webm');
      expect(Buffer.compare(heard.raw, bytes)).toBe(0);
      // Bad input is a 4xx in the API's shape, never a 500.
      expect((await put(token, meta.id, 0, Buffer.alloc(0))).status).toBeLessThan(500);
      expect((await call('PUT', `/api/v1/recordings/${meta.id}/audio?offset=-1`, { token, raw: Buffer.from('x') })).body.error?.code).toBe('bad_request');
      expect((await call('PUT', `/api/v1/recordings/${meta.id}/audio?offset=0`, { token, body: { bytes: 'x' } })).body.error?.code).toBe('bad_request');
      expect((await call('PUT', `/api/v1/recordings/${meta.id}/audio?offset=0`, { token, raw: Buffer.from('x'), headers: { 'content-type': 'audio/webm' } })).status).toBe(415);
      expect((await call('PUT', '/api/v1/recordings/not-a-uuid/audio?offset=0', { token, raw: Buffer.from('x') })).status).toBe(404);
    });

    it('drops bytes that do not hash to what was announced, and refuses conflicts, unknown guides and parts, bad bodies and sizes by code', async () => {
      const { announce, upload, call, db, enrol } = await setup();
      const { token } = await enrol();
      const bytes = randomBytes(50_000);
      const lying = { ...recording(bytes), sha256: sha256('something else') };
      expect(await upload(token, lying, bytes)).toEqual({ id: lying.id, status: 'refused', code: 'hash_mismatch' });
      expect(await db.query('SELECT octet_length(audio) AS held, received FROM recordings WHERE id = $1', [lying.id])).toEqual([{ held: 0, received: 0 }]);
      expect((await announce(token, lying)).body).toEqual({ id: lying.id, status: 'refused', code: 'hash_mismatch' });

      const meta = recording(bytes);
      await announce(token, meta);
      expect((await announce(token, { ...meta, recordedBy: 'Otra persona' })).body).toEqual({ id: meta.id, status: 'refused', code: 'conflict' });
      expect((await announce(token, recording(bytes, { guideId: 'no-existe' }))).body).toMatchObject({ status: 'refused', code: 'unknown_guide' });
      expect((await announce(token, recording(bytes, { part: 'step-9' }))).body).toMatchObject({ status: 'refused', code: 'unknown_guide' });
      expect((await announce(token, { ...recording(bytes), type: 'video/mp4' })).body).toMatchObject({ status: 'refused', code: 'invalid_recording' });
      expect((await announce(token, { ...recording(bytes), bytes: MAX_AUDIO_BYTES + 1 })).body).toMatchObject({ status: 'refused', code: 'too_large' });
      const noId = await announce(token, { guideId: 'dni-duplicado' });
      expect([noId.status, noId.body.error?.code]).toEqual([400, 'invalid_recording']);
      const notJson = await call('POST', '/api/v1/recordings', { token, raw: Buffer.from('{not json'), headers: { 'content-type': 'application/json' } });
      expect([notJson.status, notJson.body.error?.code]).toEqual([400, 'bad_request']);
    });

    it("keeps a kiosk out of another kiosk's recordings and a revoked kiosk out of all", async () => {
      const { announce, put, call, admin, enrol } = await setup();
      const [ours, theirs] = [await enrol(), await enrol('Biblioteca Comunal de Ocongate')];
      const bytes = randomBytes(10_000);
      const meta = recording(bytes);
      await announce(ours.token, meta);
      expect((await put(theirs.token, meta.id, 0, bytes)).status).toBe(404);
      expect((await announce(theirs.token, meta)).body).toEqual({ id: meta.id, status: 'refused', code: 'conflict' });
      expect((await call('GET', '/api/v1/recordings', { token: theirs.token })).body).toEqual({ recordings: [] });
      expect((await admin('POST', `/api/v1/admin/kiosks/${ours.kioskId}/revoke`)).status).toBe(200);
      expect((await announce(ours.token, meta)).status).toBe(401);
      expect((await put(ours.token, meta.id, 0, bytes)).status).toBe(401);
      expect((await call('GET', '/api/v1/recordings', { token: ours.token })).status).toBe(401);
      expect((await call('GET', '/api/v1/admin/recordings')).status).toBe(401);
    });

    it('lets an editor hear and approve: the feed carries a valid audio record, the bytes are public for good, a newer approval is version 2', async () => {
      const { upload, admin, call, changes, enrol } = await setup();
      const { token } = await enrol();
      const bytes = randomBytes(40_000);
      const meta = recording(bytes);
      await upload(token, meta, bytes);
      const { body: { recordings: listed } } = await admin<{ recordings: Array<Record<string, unknown>> }>('GET', '/api/v1/admin/recordings');
      expect(listed).toEqual([expect.objectContaining({ id: meta.id, library: 'Biblioteca Municipal de Urcos', guideTitle: 'Guía dni-duplicado', part: 'step-1', lang: 'qu', text: 'Kamachiq wasiman riy.', textChanged: false, recordedBy: meta.recordedBy, durationMs: 12_000 })]);
      // Not approved yet: nobody but an editor gets the bytes.
      expect((await call('GET', `/api/v1/audio/${meta.sha256}`)).status).toBe(404);

      expect((await admin('POST', `/api/v1/admin/recordings/${meta.id}/approve`)).status).toBe(200);
      const id = audioRecordId('dni-duplicado', 'qu', 'step-1');
      const published = (await changes()).find((change) => change.kind === 'audio' && change.id === id);
      expect(published).toMatchObject({ op: 'put', version: 1 });
      expect(v.is(AudioRecordSchema, (published as { data: unknown }).data)).toBe(true);
      expect((published as { data: { sha256: string } }).data.sha256).toBe(meta.sha256);
      const fetched = await call('GET', `/api/v1/audio/${meta.sha256}`);
      expect([fetched.status, fetched.headers['content-type'], fetched.headers['cache-control'], fetched.headers.etag]).toEqual([200, 'audio/webm', 'public, max-age=31536000, immutable', `"${meta.sha256}"`]);
      expect(Buffer.compare(fetched.raw, bytes)).toBe(0);
      expect((await call('GET', `/api/v1/audio/${meta.sha256}`, { headers: { 'if-none-match': `"${meta.sha256}"` } })).status).toBe(304);
      expect((await call('GET', '/api/v1/audio/../../etc/passwd')).status).toBe(404);
      expect((await call('GET', '/api/v1/recordings', { token })).body).toEqual({ recordings: [{ id: meta.id, status: 'approved' }] });

      const newer = randomBytes(30_000);
      const second = { ...recording(newer), type: 'audio/ogg' as const };
      await upload(token, second, newer);
      await admin('POST', `/api/v1/admin/recordings/${second.id}/approve`);
      const audio = (await changes()).filter((change) => change.kind === 'audio');
      expect(audio).toEqual([expect.objectContaining({ id, op: 'put', version: 2, data: expect.objectContaining({ sha256: second.sha256, type: 'audio/ogg' }) })]);
      expect((await call('GET', `/api/v1/audio/${second.sha256}`)).headers['content-type']).toBe('audio/ogg');
      // Approving again changes nothing.
      await admin('POST', `/api/v1/admin/recordings/${second.id}/approve`);
      expect((await changes()).filter((change) => change.kind === 'audio')[0]!.version).toBe(2);
      expect((await admin('POST', `/api/v1/admin/recordings/${uuidv4()}/approve`)).status).toBe(404);
    });

    it("rejects with the editor's reason, which the kiosk reads", async () => {
      const { upload, admin, call, enrol } = await setup();
      const { token } = await enrol();
      const bytes = randomBytes(20_000);
      const meta = recording(bytes, { part: 'summary' });
      await upload(token, meta, bytes);
      expect((await admin('POST', `/api/v1/admin/recordings/${meta.id}/reject`, { reason: '  ' })).status).toBe(400);
      expect((await admin('POST', `/api/v1/admin/recordings/${meta.id}/reject`, { reason: 'x'.repeat(301) })).status).toBe(400);
      expect((await admin('POST', `/api/v1/admin/recordings/${uuidv4()}/reject`, { reason: 'No existe' })).status).toBe(404);
      const reason = 'Se oye mucho ruido de fondo: grábelo de nuevo, por favor.';
      expect((await admin('POST', `/api/v1/admin/recordings/${meta.id}/reject`, { reason })).body).toEqual({ id: meta.id, status: 'rejected', reason });
      expect((await call('GET', '/api/v1/recordings', { token })).body).toEqual({ recordings: [{ id: meta.id, status: 'rejected', reason }] });
      expect((await admin<{ recordings: unknown[] }>('GET', '/api/v1/admin/recordings')).body.recordings).toEqual([]);
      expect((await admin<{ recordings: unknown[] }>('GET', '/api/v1/admin/recordings?status=rejected')).body.recordings).toHaveLength(1);
      expect((await admin('GET', '/api/v1/admin/recordings?status=whatever')).status).toBe(400);
      expect((await call('GET', `/api/v1/audio/${meta.sha256}`)).status).toBe(404);
    });

    it('removes the audio records of a guide a content import removes, and only those', async () => {
      const { upload, admin, changes, contentDir, enrol } = await setup();
      const { token } = await enrol();
      for (const guideId of ['dni-duplicado', 'pension-65']) {
        const bytes = randomBytes(5_000);
        const meta = recording(bytes, { guideId, part: 'where' });
        await upload(token, meta, bytes);
        await admin('POST', `/api/v1/admin/recordings/${meta.id}/approve`);
      }
      rmSync(join(contentDir, 'guides', 'pension-65.yaml'));
      const { body } = await admin<{ summary: { removed: string[] } }>('POST', '/api/v1/admin/content/import', {});
      expect(body.summary.removed.sort()).toEqual(['audio/pension-65.qu.where', 'guide/pension-65']);
      const audio = (await changes()).filter((change) => change.kind === 'audio');
      expect(audio.map((change) => `${change.id}:${change.op}`).sort()).toEqual(['dni-duplicado.qu.where:put', 'pension-65.qu.where:delete']);
    });

    it("stores an outbox file's recordings once however often it is imported, each alone, and answers them in signed receipts", async () => {
      const { admin, enrol, signingKey, call } = await setup();
      const { kioskId, token } = await enrol();
      const bytes = randomBytes(60_000);
      const meta = recording(bytes);
      const file = {
        format: 'chaski-outbox', version: 1, kioskId, submissions: [],
        recordings: [{ ...meta, audio: bytes.toString('base64') }, { ...recording(bytes), guideId: 'BAD', audio: bytes.toString('base64') }],
      };
      for (let time = 0; time < 2; time++) {
        const { status, body } = await admin<ReceiptsFile>('POST', '/api/v1/admin/outbox/import', file);
        expect(status).toBe(200);
        expect(body.recordings).toEqual([{ id: meta.id, status: 'pending' }, expect.objectContaining({ status: 'refused', code: 'invalid_recording' })]);
        expect(await receiptsSignatureValid(body, (await signingKey.load()).publicKey)).toBe(true);
      }
      expect((await call('GET', '/api/v1/recordings', { token })).body).toEqual({ recordings: [{ id: meta.id, status: 'pending' }] });
      const heard = await admin('GET', `/api/v1/admin/recordings/${meta.id}/audio`);
      expect(Buffer.compare(heard.raw, bytes)).toBe(0);
    });

    it('carries the bytes of every audio record in a content pack, and a pack with a doctored or missing recording is refused', async () => {
      const { upload, admin, signingKey, enrol } = await setup();
      const { token } = await enrol();
      const bytes = randomBytes(8_000);
      const meta = recording(bytes, { part: 'cost' });
      await upload(token, meta, bytes);
      await admin('POST', `/api/v1/admin/recordings/${meta.id}/approve`);
      const pack = (await admin<ContentPack>('GET', '/api/v1/admin/pack')).body;
      const key = (await signingKey.load()).publicKey;
      expect(pack.audio).toEqual({ [meta.sha256]: bytes.toString('base64') });
      expect(await verifyPack(pack, key)).toMatchObject({ ok: true });
      const doctored = Buffer.from(bytes);
      doctored[100] = doctored[100]! ^ 1;
      expect(await verifyPack({ ...pack, audio: { [meta.sha256]: doctored.toString('base64') } }, key)).toMatchObject({ ok: false, code: 'hash_mismatch' });
      expect(await verifyPack({ ...pack, audio: {} }, key)).toMatchObject({ ok: false, code: 'incomplete' });
      expect(await verifyPack({ ...pack, audio: undefined }, key)).toMatchObject({ ok: false, code: 'incomplete' });
    });

    it('serves the review page with a policy that lets it play what it fetched, and its script', async () => {
      const { call } = await setup();
      const page = await call('GET', '/admin/recordings');
      expect(page.status).toBe(200);
      expect(page.headers['content-security-policy']).toContain("media-src 'self' blob:");
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      expect(page.raw.toString()).toContain('<script type="module" src="/admin/recordings.js">');
      expect((await call('GET', '/admin/recordings.js')).raw.toString()).toContain('sessionStorage');
    });
  });
}
