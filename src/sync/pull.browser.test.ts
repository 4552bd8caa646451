// Pulling in real Chromium with real IndexedDB; the change feed's answers are scripted here (the
// real server is exercised by the e2e tests). When to start over from the beginning.
import { beforeEach, describe, expect, it } from 'vitest';
import type { ChangesPage } from '../core/protocol';
import { CATALOGUE_FORMAT } from '../core/records';
import { getCatalogueFormat, getCursor, getGuide } from '../data/catalog';
import { applyChangesPage } from '../data/catalog-apply';
import { DB_NAME, database } from '../data/db';
import { sampleCategory, sampleGuide } from '../../test/records';
import { pullCatalog } from './pull';

const page = (cursor: string, ids: string[]): ChangesPage => ({
  changes: [{ kind: 'category', id: 'salud', version: 1, op: 'put', data: sampleCategory('salud') }, ...ids.map((id) => ({ kind: 'guide' as const, id, version: 1, op: 'put' as const, data: sampleGuide(id, 'salud') }))],
  cursor,
  more: false,
});

/** A feed that answers `answers` in turn, recording each request's `since` and signal; `onAsk`
 * runs as the request is made. */
function feed(...answers: Array<ChangesPage | Response>) {
  const asked: Array<string | null> = [];
  const signals: Array<AbortSignal | undefined> = [];
  let onAsk: (since: string | null) => void = () => undefined;
  const fetch = async (url: URL | RequestInfo, init?: RequestInit) => {
    asked.push(new URL(String(url)).searchParams.get('since'));
    signals.push(init?.signal ?? undefined);
    onAsk(asked.at(-1)!);
    const next = answers.shift()!;
    return next instanceof Response ? next : new Response(JSON.stringify(next), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return { fetch: fetch as typeof globalThis.fetch, asked, signals, set onAsk(f: (since: string | null) => void) { onAsk = f; } };
}

/** The database opened with the plain API: a transaction made with it is ordered against the
 * app's by when each was made, which Dexie's promises do not let a test know. */
const openRaw = () => new Promise<IDBDatabase>((resolve, reject) => {
  const open = indexedDB.open(DB_NAME);
  open.onsuccess = () => resolve(open.result);
  open.onerror = () => reject(open.error);
});
/** The stored cursor as of now: the read is ordered before any transaction made later. */
const cursorNow = (db: IDBDatabase) => new Promise<unknown>((resolve) => {
  const read = db.transaction('meta').objectStore('meta').get('cursor');
  read.onsuccess = () => resolve((read.result as { value?: unknown } | undefined)?.value);
});

beforeEach(async () => {
  const db = database();
  await db.transaction('rw', [db.categories, db.guides, db.forms, db.terms, db.audio, db.meta], async () => {
    await Promise.all([db.categories.clear(), db.guides.clear(), db.forms.clear(), db.terms.clear(), db.audio.clear(), db.meta.clear()]);
  });
});

describe('the next page', () => {
  const more = (p: ChangesPage): ChangesPage => ({ ...p, more: true });

  it('is asked for while this one is stored, and every page is stored in order', async () => {
    await database().open();
    const raw = await openRaw();
    const server = feed(more(page('p1', ['uno'])), more(page('p2', ['dos'])), page('p3', ['tres']));
    const storedWhenAsked: Array<Promise<unknown>> = [];
    server.onAsk = () => storedWhenAsked.push(cursorNow(raw));
    const result = await pullCatalog({ fetch: server.fetch, baseUrl: 'http://kiosk.test' });
    // Page 2 was asked for before page 1 was stored, page 3 before page 2 was.
    expect(await Promise.all(storedWhenAsked)).toEqual([undefined, undefined, 'p1']);
    expect(server.asked).toEqual([null, 'p1', 'p2']);
    expect(result).toMatchObject({ pages: 3, put: 6 });
    for (const id of ['uno', 'dos', 'tres']) expect(await getGuide(id)).toBeDefined();
    expect(await getCursor()).toBe('p3');
    raw.close();
  });

  it('is dropped, its request aborted, when another tab moved the cursor meanwhile', async () => {
    await database().open();
    const raw = await openRaw();
    const server = feed(more(page('p1', ['uno'])), more(page('p2', ['dos'])), page('suya-2', ['suya']));
    // As page 2 is asked for, another tab stores a page of its own (before this one's write).
    server.onAsk = (since) => {
      if (since === 'p1') raw.transaction('meta', 'readwrite').objectStore('meta').put({ key: 'cursor', value: 'suya-1' });
    };
    await pullCatalog({ fetch: server.fetch, baseUrl: 'http://kiosk.test' });
    // Page 1 found the cursor moved and wrote nothing; the pull went on from the other tab's.
    expect(server.asked).toEqual([null, 'p1', 'suya-1']);
    expect(server.signals[1]?.aborted).toBe(true);
    expect(await getGuide('uno')).toBeUndefined();
    expect(await getGuide('dos')).toBeUndefined();
    expect(await getGuide('suya')).toBeDefined();
    expect(await getCursor()).toBe('suya-2');
    raw.close();
  });

  it('is not asked for beyond the pages a run may pull', async () => {
    const server = feed(more(page('p1', ['uno'])), more(page('p2', ['dos'])));
    await pullCatalog({ fetch: server.fetch, baseUrl: 'http://kiosk.test', maxPages: 1 });
    expect(server.asked).toEqual([null]);
    expect(await getCursor()).toBe('p1');
  });
});

describe('starting over', () => {
  it('pulls everything again, as a reset, once the app reads a new catalogue format', async () => {
    // What an older version left: its catalogue and cursor, and no format (or an older one).
    await applyChangesPage(page('vieja', ['vieja']), undefined);
    await database().meta.put({ key: 'format', value: CATALOGUE_FORMAT - 1 });
    const server = feed(page('nueva', ['nueva']), page('nueva', []));
    await pullCatalog({ fetch: server.fetch, baseUrl: 'http://kiosk.test' });
    expect(server.asked[0]).toBeNull();
    expect(await getGuide('vieja')).toBeUndefined();
    expect(await getGuide('nueva')).toBeDefined();
    expect(await getCatalogueFormat()).toBe(CATALOGUE_FORMAT);
    // Once is enough: the next pull goes on from the cursor.
    const again = feed(page('nueva', []));
    await pullCatalog({ fetch: again.fetch, baseUrl: 'http://kiosk.test' });
    expect(again.asked).toEqual(['nueva']);
  });

  it('pulls everything again, as a reset, when the server does not recognise the cursor at all', async () => {
    await applyChangesPage(page('de-otro-servidor', ['falsa']), undefined);
    const refused = new Response(JSON.stringify({ error: { code: 'invalid_cursor', message: 'since must be a cursor returned by this API' } }), { status: 400 });
    const server = feed(refused, page('buena', ['verdadera']));
    await pullCatalog({ fetch: server.fetch, baseUrl: 'http://kiosk.test' });
    expect(server.asked).toEqual(['de-otro-servidor', null]);
    expect(await getGuide('falsa')).toBeUndefined();
    expect(await getGuide('verdadera')).toBeDefined();
    expect(await getCursor()).toBe('buena');
  });
});
