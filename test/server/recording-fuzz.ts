// Recorded guides fuzzed (the helpers of fuzz-suite.ts), on every database: recordings.test.ts
// and recordings.pg.test.ts. Every single mutation of an announce and of a USB recording, any
// offset, id, content type and bytes for a chunk, and hostile ids, statuses and reasons for the
// editors' routes and the public bytes: every answer is below 500, in the API's shape, and the
// valid recording sent beside a mutated one is still taken.
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { v4 as uuidv4 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordingStatusSchema } from '../../src/core/recording';
import { buildApp } from '../../src/server/app';
import type { Db } from '../../src/server/db';
import { KioskStore } from '../../src/server/kiosk-store';
import { SigningKey } from '../../src/server/signing-key';
import { sampleCategory, sampleGuide } from '../records';
import { everyMutation, hostile, HOSTILE, q } from './fuzz-suite';
import { NO_THROTTLES, tempDir, writeContent } from './support';

const ADMIN = 'recording-fuzz-admin-token-0123456789ab';
const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

export function recordingFuzzSuite(name: string, freshDb: () => Promise<Db>) {
  describe(`recorded guides: no 5xx from what a client sends, on ${name}`, () => {
    let app: FastifyInstance;
    let kiosk: { kioskId: string; token: string };
    const bytes = randomBytes(64);
    const validMeta = () => ({
      id: uuidv4(), guideId: 'dni-duplicado', lang: 'qu', part: 'step-1', sha256: sha256(bytes), bytes: bytes.length, durationMs: 2000, type: 'audio/webm',
      recordedBy: 'Rosa Quispe', recordedAt: new Date().toISOString(), guideVersion: 1, textHash: sha256(Buffer.from('x')),
    });

    beforeAll(async () => {
      const db = await freshDb();
      const dir = tempDir();
      const contentDir = writeContent(join(dir, 'content'), { categories: [sampleCategory('salud')], guides: [sampleGuide('dni-duplicado', 'salud')] });
      app = await buildApp({ db, contentDir, adminToken: ADMIN, signingKey: new SigningKey(db, join(dir, 'signing-key.json')), rateLimits: NO_THROTTLES });
      await send('POST', '/api/v1/admin/content/import', {}, { authorization: `Bearer ${ADMIN}` });
      const kiosks = new KioskStore(db);
      kiosk = (await kiosks.enroll(await kiosks.createEnrollmentCode('fuzz'), 'Biblioteca de prueba'))!;
    });
    afterAll(async () => {
      await app?.close();
    });

    /** Sends JSON (or raw bytes with `type`): the answer must be below 500, errors in the API's shape. */
    async function send(method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown, headers: Record<string, string> = {}, raw?: { bytes: Buffer; type: string }) {
      const response = await app.inject({
        method, url,
        headers: { ...(raw ? { 'content-type': raw.type } : body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        ...(raw ? { payload: raw.bytes } : body === undefined ? {} : { payload: JSON.stringify(body) }),
      });
      expect(response.statusCode, `${method} ${url} ${String(JSON.stringify(body)).slice(0, 300)} → ${response.body.slice(0, 300)}`).toBeLessThan(500);
      if (response.statusCode >= 400) expect(response.json()).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
      return response;
    }
    const asKiosk = () => ({ authorization: `Bearer ${kiosk.token}` });
    const admin = { authorization: `Bearer ${ADMIN}` };

    it('POST /recordings: every single mutation of an announce is answered with a status or a 400', async () => {
      for (const body of everyMutation(validMeta)) {
        const response = await send('POST', '/api/v1/recordings', body, asKiosk());
        if (response.statusCode === 200) expect(v.is(RecordingStatusSchema, response.json())).toBe(true);
      }
      const meta = validMeta();
      expect((await send('POST', '/api/v1/recordings', meta, asKiosk())).json()).toEqual({ id: meta.id, status: 'incomplete', received: 0 });
    });

    it('PUT /recordings/<id>/audio: any id, offset, content type and bytes', async () => {
      const meta = validMeta();
      await send('POST', '/api/v1/recordings', meta, asKiosk());
      await fc.assert(fc.asyncProperty(
        fc.tuple(fc.oneof(fc.constant(meta.id), hostile.map(q)), fc.oneof(fc.nat().map(String), hostile.map(q)), fc.uint8Array({ maxLength: 300 }), fc.constantFrom('application/octet-stream', 'application/json', 'text/plain', 'audio/webm')),
        async ([id, offset, chunk, type]) => void (await send('PUT', `/api/v1/recordings/${id}/audio?offset=${offset}`, undefined, asKiosk(), { bytes: Buffer.from(chunk), type })),
      ), { numRuns: RUNS });
    });

    it('an outbox file: every single mutation of a recording is refused alone, the valid one beside it taken', async () => {
      const usb = () => ({ ...validMeta(), audio: bytes.toString('base64') });
      const mutations = everyMutation(usb);
      for (let from = 0; from < mutations.length; from += 199) {
        const good = usb();
        const file = { format: 'chaski-outbox', version: 1, kioskId: kiosk.kioskId, submissions: [], recordings: [...mutations.slice(from, from + 199), good] };
        const response = await send('POST', '/api/v1/admin/outbox/import', file, admin);
        expect(response.statusCode).toBe(200);
        expect((response.json() as { recordings: unknown[] }).recordings.at(-1)).toEqual({ id: good.id, status: 'pending' });
      }
    });

    it("the editors' routes and the public bytes: hostile ids, statuses and reasons", async () => {
      for (const value of HOSTILE) {
        await send('GET', `/api/v1/admin/recordings?status=${q(value)}`, undefined, admin);
        await send('GET', `/api/v1/admin/recordings/${q(value)}/audio`, undefined, admin);
        await send('POST', `/api/v1/admin/recordings/${q(value)}/approve`, undefined, admin);
        await send('POST', `/api/v1/admin/recordings/${q(value)}/reject`, { reason: value }, admin);
        await send('GET', `/api/v1/audio/${q(value)}`);
      }
      const { recordings } = (await send('GET', '/api/v1/admin/recordings', undefined, admin)).json() as { recordings: Array<{ id: string }> };
      for (const value of HOSTILE) await send('POST', `/api/v1/admin/recordings/${recordings[0]!.id}/reject`, { reason: value }, admin);
    });
  });
}
