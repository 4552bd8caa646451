// The kiosk's API client (src/sync/api.ts), run in Node against a real HTTP server on a real port
// that answers what each case needs (the real Chaski server is exercised through this client by
// the e2e tests, and for usage and districts at the end of this file): every answer becomes the
// protocol's value or one named failure, never an exception.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenForTests, tempDir, tempPglite, writeContent } from '../../test/server/support';
import { syncApi } from '../sync/api';
import { buildApp } from './app';
import type { Db } from './db';
import { KioskStore } from './kiosk-store';
import { SigningKey } from './signing-key';
import { UsageStore } from './usage-store';

interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

let server: Server;
let baseUrl: string;
let next: Answer = { status: 200 };
const seen: Array<{ method?: string; url?: string; authorization?: string; body: string }> = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      seen.push({ method: request.method, url: request.url, authorization: request.headers.authorization, body });
      const text = typeof next.body === 'string' ? next.body : JSON.stringify(next.body ?? {});
      response.writeHead(next.status, { 'content-type': 'application/json', ...next.headers }).end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const api = () => syncApi({ baseUrl });
const answer = (a: Answer) => (next = a);
const usageDay = { day: '2026-11-30', revision: 3, counts: { sessions: 2, sessionLength: { from1to5: 2 }, quechuaSessions: 1, offlineSessions: 0, guidesOpened: { sis: 3 }, categoriesOpened: {}, formsSent: {}, guidesPrinted: {}, qrShown: {}, guideUseful: { sis: 1 }, guideNotUseful: {}, unmetSearches: { pasaporte: 1 } } };
const submission = { id: '01937a3e-5f7c-7cc1-8f3a-000000000001', formId: 'afiliacion-sis', formVersion: 1, createdAt: '2026-11-24T10:00:00.000Z', payload: { answers: { dni: '10117410' } } };

describe('answers the protocol has', () => {
  it('reads a page of the feed, asking with the cursor and page size, and drops keys a newer server adds', async () => {
    answer({ status: 200, body: { changes: [{ kind: 'guide', id: 'sis', version: 2, op: 'delete' }, { kind: 'video', id: 'v1', version: 1, op: 'put', data: {} }], cursor: 'c2', more: false, extra: 1 } });
    const result = await api().changes('c1', 50);
    expect(result).toEqual({ ok: true, value: { changes: [{ kind: 'guide', id: 'sis', version: 2, op: 'delete' }, { kind: 'video', id: 'v1', version: 1, op: 'put', data: {} }], cursor: 'c2', more: false } });
    expect(seen.at(-1)).toMatchObject({ method: 'GET', url: '/api/v1/changes?since=c1&limit=50' });
  });

  it('pushes a batch with the kiosk token and reads each result; a reason a newer server adds reads as the general one', async () => {
    answer({ status: 200, body: { results: [{ id: submission.id, status: 'rejected', code: 'too_late', fieldErrors: { dni: { code: 'dni_check' } } }] } });
    const result = await api().submit('tok', [submission]);
    expect(result).toEqual({ ok: true, value: { results: [{ id: submission.id, status: 'rejected', code: 'invalid_submission', fieldErrors: { dni: { code: 'dni_check' } } }] } });
    expect(seen.at(-1)).toMatchObject({ method: 'POST', url: '/api/v1/submissions', authorization: 'Bearer tok', body: JSON.stringify({ submissions: [submission] }) });
  });

  it('enrols: 201 with the token', async () => {
    answer({ status: 201, body: { kioskId: 'k1', token: 't1', library: 'Biblioteca de Urcos' } });
    expect(await api().enroll({ code: 'ABCDE', library: 'Biblioteca de Urcos' })).toEqual({ ok: true, value: { kioskId: 'k1', token: 't1', library: 'Biblioteca de Urcos' } });
  });

  it('enrols with the library\'s district when one was chosen', async () => {
    answer({ status: 201, body: { kioskId: 'k1', token: 't1', library: 'Biblioteca de Urcos' } });
    await api().enroll({ code: 'ABCDE', library: 'Biblioteca de Urcos', district: '081201' });
    expect(JSON.parse(seen.at(-1)!.body)).toEqual({ code: 'ABCDE', library: 'Biblioteca de Urcos', district: '081201' });
  });

  it('sends usage days with the kiosk token and reads each day\'s result, dropping keys a newer server adds', async () => {
    answer({ status: 200, body: { results: [{ day: usageDay.day, revision: 3, status: 'stored', extra: true }, { day: '2031-07-28', revision: 2, status: 'rejected', code: 'day_out_of_range' }], more: 1 } });
    expect(await api().sendUsage('tok', [usageDay])).toEqual({ ok: true, value: { results: [{ day: usageDay.day, revision: 3, status: 'stored' }, { day: '2031-07-28', revision: 2, status: 'rejected', code: 'day_out_of_range' }] } });
    expect(seen.at(-1)).toMatchObject({ method: 'POST', url: '/api/v1/usage', authorization: 'Bearer tok', body: JSON.stringify({ days: [usageDay] }) });
  });
});

describe('every other answer is one named failure', () => {
  it.each([
    ['401', { status: 401, body: { error: { code: 'unauthorized', message: '' } } }, { kind: 'unauthorized' }],
    ['429 with Retry-After', { status: 429, headers: { 'retry-after': '30' } }, { kind: 'rate_limited', retryAfterMs: 30_000 }],
    ['429 with an unreadable Retry-After', { status: 429, headers: { 'retry-after': 'soon' } }, { kind: 'rate_limited' }],
    ['400 with its error code', { status: 400, body: { error: { code: 'invalid_cursor', message: 'no' } } }, { kind: 'refused', status: 400, code: 'invalid_cursor' }],
    ['403 with a body that is not an error', { status: 403, body: '<html>proxy</html>' }, { kind: 'refused', status: 403, code: undefined }],
    ['500', { status: 500 }, { kind: 'server_error', status: 500 }],
    ['503 from a proxy', { status: 503, body: 'down' }, { kind: 'server_error', status: 503 }],
    ['503 with Retry-After (the database restarting)', { status: 503, headers: { 'retry-after': '5' }, body: { error: { code: 'database_unavailable', message: '' } } }, { kind: 'server_error', status: 503, retryAfterMs: 5_000 }],
    ['500 with a Retry-After, which only a 503 means', { status: 500, headers: { 'retry-after': '5' } }, { kind: 'server_error', status: 500 }],
    ['200 that is not JSON (a captive portal)', { status: 200, body: '<html>login</html>' }, { kind: 'bad_response' }],
    ['200 with the wrong shape', { status: 200, body: { changes: 'all', cursor: 1 } }, { kind: 'bad_response' }],
    ['a success status the call does not expect', { status: 204, body: '' }, { kind: 'bad_response' }],
  ] satisfies Array<[string, Answer, unknown]>)('%s', async (_, given, failure) => {
    answer(given);
    expect(await api().changes(undefined)).toEqual({ ok: false, failure });
  });

  it('no server at all is offline', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await syncApi({ baseUrl: `http://127.0.0.1:${port}` }).submit('tok', [submission])).toEqual({ ok: false, failure: { kind: 'offline' } });
  });

  it.each([
    ['a server without the usage route (404)', { status: 404, body: { error: { code: 'not_found', message: 'Route POST:/api/v1/usage not found' } } }, { kind: 'refused', status: 404, code: 'not_found' }],
    ['a push refused whole', { status: 400, body: { error: { code: 'too_many_days', message: 'at most 62 days in one request' } } }, { kind: 'refused', status: 400, code: 'too_many_days' }],
    ['a result with a status this kiosk does not know', { status: 200, body: { results: [{ day: '2026-11-30', revision: 3, status: 'merged' }] } }, { kind: 'bad_response' }],
  ] satisfies Array<[string, Answer, unknown]>)('usage: %s', async (_, given, failure) => {
    answer(given);
    expect(await api().sendUsage('tok', [usageDay])).toEqual({ ok: false, failure });
  });

  it('an enrolment answered 200 instead of 201 is not taken as one', async () => {
    answer({ status: 200, body: { kioskId: 'k1', token: 't1', library: 'x' } });
    expect(await api().enroll({ code: 'ABCDE', library: 'x' })).toEqual({ ok: false, failure: { kind: 'bad_response' } });
  });
});

describe('usage and the district, against the Chaski server itself (PGlite on disk)', () => {
  let app: FastifyInstance;
  let chaski: string;
  let db: Db;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    const pg = await tempPglite();
    ({ db, dispose } = pg);
    app = await buildApp({ db, contentDir: writeContent(tempDir(), {}), adminToken: 'sync-api-admin-token-0123456789abcdef', signingKey: new SigningKey(db, join(pg.dir, 'signing-key.json')) });
    chaski = await listenForTests(app);
  });
  afterAll(async () => {
    await app?.close();
    await dispose?.();
  });

  /** A day in Peru (UTC−5 all year), `offset` days from today. */
  const peruDay = (offset: number) => new Date(Date.now() - 5 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);

  it('enrols with the district, then a day is stored once: the same revision again is stale, a day a year ahead rejected alone', async () => {
    const client = syncApi({ baseUrl: chaski });
    const code = await new KioskStore(db).createEnrollmentCode('tests');
    const enrolled = await client.enroll({ code, library: 'Biblioteca Municipal de Urcos', district: '081201' });
    if (!enrolled.ok) throw new Error(`enrolment failed: ${JSON.stringify(enrolled.failure)}`);
    const { token, kioskId } = enrolled.value;
    const day = { ...usageDay, day: peruDay(-1) };
    const ahead = { ...usageDay, day: peruDay(365), revision: 1 };
    expect(await client.sendUsage(token, [day, ahead])).toEqual({
      ok: true,
      value: { results: [{ day: day.day, revision: 3, status: 'stored' }, { day: ahead.day, revision: 1, status: 'rejected', code: 'day_out_of_range' }] },
    });
    expect(await client.sendUsage(token, [day])).toEqual({ ok: true, value: { results: [{ day: day.day, revision: 3, status: 'stale' }] } });
    const rows = (await new UsageStore(db).reportRows(peruDay(-2), peruDay(0))).filter((row) => row.kioskId === kioskId);
    expect(rows).toEqual([{ kioskId, district: '081201', day: day.day, counts: expect.objectContaining({ sessions: 2, unmetSearches: { pasaporte: 1 } }) }]);
  });

  it('a district the server does not know refuses the enrolment with its code', async () => {
    const client = syncApi({ baseUrl: chaski });
    const code = await new KioskStore(db).createEnrollmentCode('tests');
    expect(await client.enroll({ code, library: 'Biblioteca', district: '089999' })).toEqual({ ok: false, failure: { kind: 'refused', status: 422, code: 'unknown_district' } });
  });

  it('a token the server does not know cannot send usage', async () => {
    expect(await syncApi({ baseUrl: chaski }).sendUsage('not-a-real-token-at-all-xx', [usageDay])).toEqual({ ok: false, failure: { kind: 'unauthorized' } });
  });
});
