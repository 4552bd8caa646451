// Runs in real Chromium with real IndexedDB: the kiosk's usage days sent to a tiny usage route
// written here the way the contract says a server keeps them (the highest revision of each
// day; core/usage.ts), answering through real Response objects that the real API client reads.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Submission } from '../core/protocol';
import { peruDay } from '../core/peru-day';
import { MAX_USAGE_DAYS, type UsageDay, type UsageResponse } from '../core/usage';
import { database } from '../data/db';
import { saveKioskIdentity } from '../data/kiosk-identity';
import { getReceipt } from '../data/outbox';
import { queueSubmission } from '../data/outbox-queue';
import { patronDatabase } from '../data/patron-db';
import { readSyncInfo } from '../data/sync-state';
import { countUsage, flushUsage, usageToSend } from '../data/usage';
import { pushUsage } from './push-usage';
import { syncNow } from './sync-now';

const BASE = 'http://kiosk.test';
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** A usage route as the contract has it: each (day) kept at its highest revision. `refuse`
 * may answer a request instead (a server that refuses something in the batch, or is not there). */
function usageServer(refuse?: (days: UsageDay[]) => Response | undefined) {
  const held = new Map<string, UsageDay>();
  const requests: Array<{ authorization: string | null; days: UsageDay[] }> = [];
  const fetch = async (url: URL | RequestInfo, init?: RequestInit) => {
    if (new URL(String(url)).pathname !== '/api/v1/usage') return json({ error: { code: 'not_found', message: 'no such route' } }, 404);
    const { days } = JSON.parse(String(init?.body)) as { days: UsageDay[] };
    requests.push({ authorization: new Headers(init?.headers).get('authorization'), days });
    const refusal = refuse?.(days);
    if (refusal) return refusal;
    const results: UsageResponse['results'] = days.map((day) => {
      const before = held.get(day.day);
      if (before && before.revision >= day.revision) return { day: day.day, revision: day.revision, status: 'stale' };
      held.set(day.day, day);
      return { day: day.day, revision: day.revision, status: 'stored' };
    });
    return json({ results });
  };
  return { fetch: fetch as typeof globalThis.fetch, held, requests };
}

/** Noon in Lima, `back` days ago: recent days, which the kiosk keeps once sent. */
const noon = (back: number) => {
  const date = new Date(Date.now() - back * 86_400_000);
  date.setUTCHours(17, 0, 0, 0);
  return date;
};
/** The Peru day `back` days ago. */
const dayAgo = (back: number) => peruDay(noon(back));
/** One guide view on each of the `count` days before today, oldest first. */
function useOnDays(count: number) {
  for (let back = count; back >= 1; back--) countUsage({ kind: 'guide', id: 'sis' }, noon(back));
}

beforeEach(async () => {
  await flushUsage();
  const db = patronDatabase();
  await Promise.all([db.usage.clear(), db.kiosk.clear(), db.outbox.clear(), db.receipts.clear()]);
  await saveKioskIdentity({ kioskId: 'k1', token: 'secret-token', library: 'Urcos' });
});

describe('sending the usage counts', () => {
  it('sends every unsent day, in batches the server takes, with the kiosk token; the server holds each day once', async () => {
    useOnDays(70);
    const server = usageServer();
    expect(await pushUsage({ fetch: server.fetch, baseUrl: BASE })).toEqual({ status: 'done', days: 70 });
    expect(server.requests.map((r) => r.days.length)).toEqual([MAX_USAGE_DAYS, 70 - MAX_USAGE_DAYS]);
    expect(server.requests[0]!.authorization).toBe('Bearer secret-token');
    expect(server.held.size).toBe(70);
    // Nothing new: nothing sent.
    expect(await pushUsage({ fetch: server.fetch, baseUrl: BASE })).toEqual({ status: 'done', days: 0 });
    expect(server.requests).toHaveLength(2);
  });

  it('sends a day again, whole, after more use, and the server replaces it rather than adding to it', async () => {
    useOnDays(1);
    const server = usageServer();
    await pushUsage({ fetch: server.fetch, baseUrl: BASE });
    useOnDays(1);
    countUsage({ kind: 'category', id: 'salud' }, noon(1));
    await pushUsage({ fetch: server.fetch, baseUrl: BASE });
    expect(server.requests.map((r) => r.days.map((d) => d.revision))).toEqual([[1], [2]]);
    expect(server.held.get(dayAgo(1))!.counts).toMatchObject({ guidesOpened: { sis: 2 }, categoriesOpened: { salud: 1 } });
  });

  it('keeps every count when the server has no usage route, is unreachable or fails, and sends them later', async () => {
    useOnDays(3);
    const old = usageServer(() => json({ error: { code: 'not_found', message: 'Route POST:/api/v1/usage not found' } }, 404));
    expect(await pushUsage({ fetch: old.fetch, baseUrl: BASE })).toEqual({ status: 'failed', code: 'refused', days: 0 });
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof globalThis.fetch;
    expect(await pushUsage({ fetch: offline, baseUrl: BASE })).toEqual({ status: 'failed', code: 'offline', days: 0 });
    const failing = usageServer(() => new Response('', { status: 503 }));
    expect(await pushUsage({ fetch: failing.fetch, baseUrl: BASE })).toEqual({ status: 'failed', code: 'server_error', days: 0 });
    expect(await usageToSend()).toHaveLength(3);
    const server = usageServer();
    expect(await pushUsage({ fetch: server.fetch, baseUrl: BASE })).toEqual({ status: 'done', days: 3 });
  });

  it('drops a day the server will never take, answered alone beside the others, and sends it no more', async () => {
    useOnDays(3);
    // A kiosk clock that was a year ahead for a day.
    countUsage({ kind: 'guide', id: 'sis' }, new Date(Date.now() + 365 * 86_400_000));
    const held = new Map<string, UsageDay>();
    const server = async (_url: URL | RequestInfo, init?: RequestInit) => {
      const { days } = JSON.parse(String(init?.body)) as { days: UsageDay[] };
      const tomorrow = peruDay(new Date(Date.now() + 86_400_000));
      return json({
        results: days.map(({ day, revision, counts }) => {
          if (day > tomorrow) return { day, revision, status: 'rejected', code: 'day_out_of_range' };
          held.set(day, { day, revision, counts });
          return { day, revision, status: 'stored' };
        }),
      });
    };
    expect(await pushUsage({ fetch: server as typeof globalThis.fetch, baseUrl: BASE })).toEqual({ status: 'done', days: 4 });
    expect([...held.keys()]).toEqual([dayAgo(3), dayAgo(2), dayAgo(1)]);
    expect(await usageToSend()).toEqual([]);
  });

  it('halves a batch the server refuses whole (a server with lower limits), down to the one day it refuses', async () => {
    useOnDays(20);
    const bad = dayAgo(14);
    const server = usageServer((days) => (days.some((d) => d.day === bad) ? new Response('', { status: 413 }) : undefined));
    expect(await pushUsage({ fetch: server.fetch, baseUrl: BASE })).toEqual({ status: 'done', days: 19 });
    expect(server.held.size).toBe(19);
    // 20 refused, 10 refused, 5 taken, 5 refused, 3 refused, 2 refused, 1, 1 refused alone, 1, 2, 10.
    expect(server.requests.length).toBeLessThanOrEqual(11);
    expect((await usageToSend()).map((d) => d.day)).toEqual([bad]);
  });

  it('sends nothing from a kiosk not enrolled', async () => {
    await patronDatabase().kiosk.clear();
    useOnDays(1);
    const server = usageServer();
    expect(await pushUsage({ fetch: server.fetch, baseUrl: BASE })).toEqual({ status: 'not_enrolled' });
    expect(server.requests).toEqual([]);
  });
});

describe('in a sync run', () => {
  const submission: Submission = { id: '01937a3e-5f7c-7cc1-8f3a-0000000000aa', formId: 'comentario-guia', formVersion: 1, createdAt: noon(1).toISOString(), payload: { answers: { util: true } } };

  /** The whole API: an empty catalogue feed, submissions accepted, and `usage` for the rest. */
  function api(usage: (url: URL | RequestInfo, init?: RequestInit) => Promise<Response>) {
    const paths: string[] = [];
    const fetch = async (url: URL | RequestInfo, init?: RequestInit) => {
      const path = new URL(String(url)).pathname;
      paths.push(path);
      if (path === '/api/v1/changes') return json({ changes: [], cursor: 'c1', more: false });
      if (path === '/api/v1/submissions') {
        const { submissions } = JSON.parse(String(init?.body)) as { submissions: Submission[] };
        return json({ results: submissions.map((s) => ({ id: s.id, status: 'accepted' })) });
      }
      return usage(url, init);
    };
    return { fetch: fetch as typeof globalThis.fetch, paths };
  }

  beforeEach(async () => {
    const db = database();
    await db.meta.clear();
  });

  it('sends the counts after the submissions and the catalogue, then asks for the library’s notes', async () => {
    await queueSubmission(submission);
    useOnDays(2);
    const server = usageServer();
    const kiosk = api(server.fetch);
    const outcome = await syncNow({ fetch: kiosk.fetch, baseUrl: BASE, urgent: true });
    expect(outcome).toMatchObject({ status: 'done', push: { status: 'done', sent: 1 }, usage: { status: 'done', days: 2 } });
    expect(kiosk.paths).toEqual(['/api/v1/submissions', '/api/v1/changes', '/api/v1/usage', '/api/v1/notes']);
  });

  it('delivers the submissions and says nothing of it to the librarian when the server has no usage route', async () => {
    await queueSubmission(submission);
    useOnDays(2);
    const kiosk = api(async () => json({ error: { code: 'not_found', message: 'Route POST:/api/v1/usage not found' } }, 404));
    const outcome = await syncNow({ fetch: kiosk.fetch, baseUrl: BASE, urgent: true });
    expect(outcome).toMatchObject({ status: 'done', push: { status: 'done', sent: 1 }, usage: { status: 'failed', code: 'refused' } });
    expect((await getReceipt(submission.id))?.status).toBe('sent');
    expect((await readSyncInfo()).lastError).toBeUndefined();
    expect(await usageToSend()).toHaveLength(2);
  });
});
