// A sync run and the recorded guides: the run reports once the text is in, and the bytes of the
// recordings it brought follow in the background, from the same server.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChangesPage } from '../core/protocol';
import { cachedFiles } from '../data/audio-cache';
import { database } from '../data/db';
import { patronDatabase } from '../data/patron-db';
import { AUDIO_CACHE } from '../data/storage-health';
import { sampleAudio, sampleWav } from '../../test/records';
import { syncNow } from './sync-now';
import { configureSyncExtras } from './sync-extras';
import { emptyCatalogue } from '../../test/kiosk-screens';

configureSyncExtras({ audio: () => import('../data/audio-cache') });

const BASE = 'http://kiosk.test';

async function clear() {
  await emptyCatalogue();
  await patronDatabase().outbox.clear();
  await caches.delete(AUDIO_CACHE);
}

beforeEach(clear);
afterAll(clear);

describe('a sync run', () => {
  it('reports before the recordings arrive, then fetches them from the same server', async () => {
    const bytes = sampleWav(200);
    const record = await sampleAudio('dni', 'qu', 'summary', bytes, 'x');
    const feed: ChangesPage = { changes: [{ kind: 'audio', id: record.id, version: 1, op: 'put', data: record }], cursor: 'c1', more: false };
    const asked: string[] = [];
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const fetch = (async (url: URL | RequestInfo) => {
      const path = new URL(String(url)).pathname;
      asked.push(path);
      if (path === '/api/v1/changes') return new Response(JSON.stringify(feed), { headers: { 'content-type': 'application/json' } });
      if (path.startsWith('/api/v1/audio/')) {
        await held; // a slow file: the run must not wait for it
        return new Response(bytes as Uint8Array<ArrayBuffer>);
      }
      return new Response(JSON.stringify({ error: { code: 'not_found', message: 'no' } }), { status: 404 });
    }) as typeof globalThis.fetch;

    expect(await syncNow({ fetch, baseUrl: BASE, urgent: true, audioDelayMs: 0 })).toMatchObject({ status: 'done', pull: {} });
    expect(await database().audio.count()).toBe(1);
    await expect.poll(() => asked).toContain(`/api/v1/audio/${record.sha256}`);
    expect((await cachedFiles()).size).toBe(0);
    release();
    await expect.poll(async () => [...(await cachedFiles()).keys()]).toEqual([record.sha256]);
  });
});
