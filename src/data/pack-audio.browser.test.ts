// A content pack carried on a USB stick with the recordings' bytes (`"audio": { sha: base64 }`):
// the kiosk keeps the files, each hashing to its signed record; a pack with one doctored file is
// refused whole (core/content-pack.ts verifyPack), like any pack that is not what was signed.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { buildPack } from '../core/content-pack';
import { generateSigningKey } from '../core/signature';
import { forgetRecordings, emptyCatalogue } from '../../test/kiosk-screens';
import { sampleAudio, sampleCategory, sampleGuide, sampleWav } from '../../test/records';
import { audioUsage, cachedFiles } from './audio-cache';
import { importContentPack } from './content-pack-import';
import { database } from './db';
import { patronDatabase } from './patron-db';
import { AUDIO_CACHE } from './storage-health';

const base64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));

beforeEach(async () => {
  await emptyCatalogue();
  await patronDatabase().kiosk.clear();
  await caches.delete(AUDIO_CACHE);
});
afterAll(forgetRecordings);

describe('a content pack with recordings', () => {
  it('keeps the bytes that hash to their signed records, and refuses a pack with a doctored one', async () => {
    const key = await generateSigningKey();
    await database().meta.put({ key: 'signingKey', value: { id: 'signing', alg: 'ECDSA-P256-SHA256', publicKey: key.publicKey } });
    const good = sampleWav(100);
    const doctored = sampleWav(120);
    const goodRecord = await sampleAudio('dni', 'qu', 'summary', good, 'x');
    const doctoredRecord = await sampleAudio('dni', 'qu', 'where', doctored, 'x');
    const records = [
      { kind: 'category' as const, id: 'salud', version: 1, data: sampleCategory('salud') },
      { kind: 'guide' as const, id: 'dni', version: 1, data: sampleGuide('dni', 'salud') },
      { kind: 'audio' as const, id: goodRecord.id, version: 1, data: goodRecord },
      { kind: 'audio' as const, id: doctoredRecord.id, version: 1, data: doctoredRecord },
    ];
    const pack = await buildPack(records, 'pack-1', key.privateKey);
    const evil = doctored.slice();
    evil[50] = 7;
    const tampered = JSON.stringify({ ...pack, audio: { [goodRecord.sha256]: base64(good), [doctoredRecord.sha256]: base64(evil) } });
    expect(await importContentPack(tampered)).toMatchObject({ ok: false, code: 'hash_mismatch' });
    expect(await database().audio.count()).toBe(0);
    expect((await cachedFiles()).size).toBe(0);

    const genuine = JSON.stringify({ ...pack, audio: { [goodRecord.sha256]: base64(good), [doctoredRecord.sha256]: base64(doctored) } });
    expect(await importContentPack(genuine)).toEqual({ ok: true, records: 4 });
    expect(await database().audio.count()).toBe(2);
    expect([...(await cachedFiles()).keys()].sort()).toEqual([goodRecord.sha256, doctoredRecord.sha256].sort());
    expect(await audioUsage()).toMatchObject({ cachedCount: 2, publishedCount: 2, refused: 0 });
  });
});
