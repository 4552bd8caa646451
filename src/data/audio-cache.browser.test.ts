// Recorded guides in real Chromium: the `audio` records stored with the catalogue (IndexedDB),
// their bytes fetched from a scripted server into Cache Storage, checked by hash, within the
// budget, and dropped first when a write that matters finds the device full.
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AudioRecord } from '../core/audio';
import { API_PATHS, apiPath, type Change } from '../core/protocol';
import { forgetRecordings, emptyCatalogue } from '../../test/kiosk-screens';
import { sampleAudio, sampleCategory, sampleGuide, sampleWav } from '../../test/records';
import { audioUsage, audioUrl, cachedFiles, fetchMissingAudio } from './audio-cache';
import { applyChangesPage, replaceCatalogue } from './catalog-apply';
import { database } from './db';
import { queueSubmission } from './outbox-queue';
import { patronDatabase } from './patron-db';
import { saveAudioBudgetMb } from './audio-budget';
import { AUDIO_CACHE, guardedWrite, StorageFullError, storageFull } from './storage-health';

const ORIGIN = 'http://kiosk.test';
const put = (kind: Change['kind'], id: string, data: unknown, version = 1): Change => ({ kind, id, version, op: 'put', data });
const gone = (kind: Change['kind'], id: string): Change => ({ kind, id, version: 2, op: 'delete' });
let cursor = 0;
const apply = async (changes: Change[], reset = false) => {
  const before = (await database().meta.get('cursor'))?.value as string | undefined;
  return applyChangesPage({ changes, cursor: `c${++cursor}`, more: false, ...(reset ? { reset: true as const } : {}) }, before);
};

/** A server holding `files` by hash (bytes it may have doctored), recording what was asked. */
function server(files: Map<string, Uint8Array>) {
  const asked: string[] = [];
  const fetch = async (url: URL | RequestInfo) => {
    const sha = String(url).split('/').pop()!;
    asked.push(sha);
    const bytes = files.get(sha);
    return bytes ? new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-type': 'audio/wav' } }) : new Response('', { status: 404 });
  };
  return { fetch: fetch as typeof globalThis.fetch, asked };
}

async function recording(part: string, ms: number): Promise<{ record: AudioRecord; bytes: Uint8Array }> {
  const bytes = sampleWav(ms);
  return { record: await sampleAudio('dni', 'qu', part, bytes, 'texto'), bytes };
}

beforeEach(async () => {
  await emptyCatalogue();
  await patronDatabase().kiosk.clear();
  await caches.delete(AUDIO_CACHE);
  storageFull.set(false);
});

afterEach(() => vi.restoreAllMocks());
afterAll(forgetRecordings);

describe('audio records in the catalogue', () => {
  it('puts, replaces and deletes them with the rest of a page, and a reset clears them', async () => {
    const first = await recording('summary', 100);
    const applied = await apply([put('category', 'salud', sampleCategory('salud')), put('guide', 'dni', sampleGuide('dni', 'salud')), put('audio', first.record.id, first.record)]);
    expect(applied).toMatchObject({ status: 'applied', put: 3, skipped: [] });
    expect(await database().audio.get(first.record.id)).toMatchObject({ guideId: 'dni', sha256: first.record.sha256, version: 1 });

    const newer = await recording('summary', 200);
    await apply([put('audio', newer.record.id, newer.record, 2)]);
    expect(await database().audio.where('guideId').equals('dni').toArray()).toMatchObject([{ version: 2, sha256: newer.record.sha256 }]);

    // A record this app cannot read is skipped, not stored.
    const broken = { ...newer.record, id: 'dni.qu.step-1', part: 'step-1', sha256: 'not-a-hash' };
    expect(await apply([put('audio', broken.id, broken)])).toMatchObject({ skipped: ['audio/dni.qu.step-1'] });

    await apply([gone('audio', newer.record.id)]);
    expect(await database().audio.count()).toBe(0);

    await apply([put('audio', first.record.id, first.record)]);
    await apply([put('guide', 'otra', sampleGuide('otra', 'salud'))], true);
    expect(await database().audio.count()).toBe(0);

    // A content pack replaces the whole catalogue, recordings included.
    await apply([put('audio', first.record.id, first.record)]);
    const packed = await recording('where', 300);
    expect(await replaceCatalogue([{ kind: 'guide', id: 'dni', version: 1, data: sampleGuide('dni', 'salud') }, { kind: 'audio', id: packed.record.id, version: 1, data: packed.record }], 'pack-1')).toMatchObject({ status: 'applied', put: 2 });
    expect((await database().audio.toArray()).map((row) => row.id)).toEqual([packed.record.id]);
  });
});

describe('fetching the recordings', () => {
  it('keeps the bytes whose hash is right, refuses doctored and truncated ones, and fetches nothing twice', async () => {
    const good = await recording('summary', 100);
    const doctored = await recording('audience', 150);
    const truncated = await recording('where', 200);
    await apply([good, doctored, truncated].map(({ record }) => put('audio', record.id, record)));
    const evil = doctored.bytes.slice();
    evil[60] = 0;
    const fake = server(new Map([[good.record.sha256, good.bytes], [doctored.record.sha256, evil], [truncated.record.sha256, truncated.bytes.slice(0, 100)]]));

    expect(await fetchMissingAudio(ORIGIN, { fetch: fake.fetch })).toMatchObject({ kept: 1, refused: 2 });
    const files = await cachedFiles();
    expect([...files.keys()]).toEqual([good.record.sha256]);
    expect(files.get(good.record.sha256)!.url).toBe(audioUrl(ORIGIN, good.record.sha256));
    expect(audioUrl(ORIGIN, good.record.sha256)).toBe(new URL(apiPath(API_PATHS.audio, { sha: good.record.sha256 }), ORIGIN).href);
    expect(await audioUsage()).toEqual({ cachedBytes: good.bytes.byteLength, cachedCount: 1, publishedCount: 3, budgetBytes: 60 * 1024 * 1024, refused: 2 });

    // The next run asks only for the refused ones again; good bytes now clear the count.
    const fixed = server(new Map([[doctored.record.sha256, doctored.bytes], [truncated.record.sha256, truncated.bytes]]));
    expect(await fetchMissingAudio(ORIGIN, { fetch: fixed.fetch })).toMatchObject({ kept: 2, refused: 0 });
    expect(fixed.asked.sort()).toEqual([doctored.record.sha256, truncated.record.sha256].sort());
    expect(await audioUsage()).toMatchObject({ cachedCount: 3, refused: 0 });
  });

  it('stops at the budget the librarian chose', async () => {
    await saveAudioBudgetMb(0.01); // ~10 KB: one 1-second file of 8 KB fits, not two
    const one = await recording('summary', 1000);
    const two = await recording('audience', 1001);
    await apply([put('audio', one.record.id, one.record), put('audio', two.record.id, two.record)]);
    const fake = server(new Map([[one.record.sha256, one.bytes], [two.record.sha256, two.bytes]]));
    expect(await fetchMissingAudio(ORIGIN, { fetch: fake.fetch })).toMatchObject({ kept: 1, stopped: 'budget' });
    expect(fake.asked).toHaveLength(1);
    expect(await audioUsage()).toMatchObject({ cachedCount: 1, publishedCount: 2, budgetBytes: Math.round(0.01 * 1024 * 1024) });
  });

  it('fetches nothing while the device has little room left', async () => {
    const one = await recording('summary', 100);
    await apply([put('audio', one.record.id, one.record)]);
    vi.spyOn(navigator.storage, 'estimate').mockResolvedValue({ quota: 1000 * 1024 * 1024, usage: 950 * 1024 * 1024 });
    const fake = server(new Map([[one.record.sha256, one.bytes]]));
    expect(await fetchMissingAudio(ORIGIN, { fetch: fake.fetch })).toMatchObject({ kept: 0, stopped: 'space' });
    expect(fake.asked).toEqual([]);
  });

  it('drops the files whose record is gone', async () => {
    const one = await recording('summary', 100);
    await apply([put('audio', one.record.id, one.record)]);
    await fetchMissingAudio(ORIGIN, { fetch: server(new Map([[one.record.sha256, one.bytes]])).fetch });
    expect((await cachedFiles()).size).toBe(1);
    await apply([gone('audio', one.record.id)]);
    expect(await fetchMissingAudio(ORIGIN, { fetch: server(new Map()).fetch })).toMatchObject({ dropped: 1 });
    expect((await cachedFiles()).size).toBe(0);
  });
});

describe('running out of space', () => {
  const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

  async function cacheOne() {
    const one = await recording('summary', 100);
    await apply([put('audio', one.record.id, one.record)]);
    await fetchMissingAudio(ORIGIN, { fetch: server(new Map([[one.record.sha256, one.bytes]])).fetch });
    expect((await cachedFiles()).size).toBe(1);
  }

  it('drops the audio first and the write goes through', async () => {
    await cacheOne();
    let tries = 0;
    const written = await guardedWrite(async () => {
      if (tries++ === 0) throw Object.assign(new Error('aborted'), { name: 'AbortError', inner: quota() });
      return 'stored';
    });
    expect(written).toBe('stored');
    expect(tries).toBe(2);
    expect((await cachedFiles()).size).toBe(0);
    expect(storageFull.get()).toBe(false);
  });

  it('a catalogue page and a submission that hit the quota are stored once the audio is gone', async () => {
    await cacheOne();
    // The first IndexedDB write of each refuses for lack of space, as a full disk would.
    const [realPut, realAdd] = [IDBObjectStore.prototype.put, IDBObjectStore.prototype.add];
    let refusals = 1;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
      if (refusals-- > 0) throw quota();
      return realPut.apply(this, args);
    });
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (this: IDBObjectStore, ...args) {
      if (refusals-- > 0) throw quota();
      return realAdd.apply(this, args);
    });
    expect(await apply([put('category', 'salud', sampleCategory('salud'))])).toMatchObject({ status: 'applied', put: 1 });
    expect((await cachedFiles()).size).toBe(0);

    await cacheOne();
    refusals = 1;
    const receipt = await queueSubmission({ id: crypto.randomUUID(), formId: 'f', formVersion: 1, createdAt: new Date().toISOString(), payload: { answers: { a: 'b' } } });
    expect(receipt).toBeTruthy();
    expect((await cachedFiles()).size).toBe(0);
  });

  it('is a full device when there is no audio left to drop', async () => {
    await expect(guardedWrite(() => Promise.reject(quota()))).rejects.toBeInstanceOf(StorageFullError);
    expect(storageFull.get()).toBe(true);
  });
});
