// Pulling in real Chromium with real IndexedDB; the change feed's answers are scripted here (the
// real server is exercised by the e2e tests). When to start over from the beginning.
import { beforeEach, describe, expect, it } from 'vitest';
import type { ChangesPage } from '../core/protocol';
import { CATALOGUE_FORMAT } from '../core/records';
import { getCatalogueFormat, getCursor, getGuide } from '../data/catalog';
import { applyChangesPage } from '../data/catalog-apply';
import { database } from '../data/db';
import { sampleCategory, sampleGuide } from '../../test/records';
import { pullCatalog } from './pull';

const page = (cursor: string, ids: string[]): ChangesPage => ({
  changes: [{ kind: 'category', id: 'salud', version: 1, op: 'put', data: sampleCategory('salud') }, ...ids.map((id) => ({ kind: 'guide' as const, id, version: 1, op: 'put' as const, data: sampleGuide(id, 'salud') }))],
  cursor,
  more: false,
});

/** A feed that answers `answers` in turn, recording each request's `since`. */
function feed(...answers: Array<ChangesPage | Response>) {
  const asked: Array<string | null> = [];
  const fetch = async (url: URL | RequestInfo) => {
    asked.push(new URL(String(url)).searchParams.get('since'));
    const next = answers.shift()!;
    return next instanceof Response ? next : new Response(JSON.stringify(next), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return { fetch: fetch as typeof globalThis.fetch, asked };
}

beforeEach(async () => {
  const db = database();
  await db.transaction('rw', [db.categories, db.guides, db.forms, db.terms, db.audio, db.meta], async () => {
    await Promise.all([db.categories.clear(), db.guides.clear(), db.forms.clear(), db.terms.clear(), db.audio.clear(), db.meta.clear()]);
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
