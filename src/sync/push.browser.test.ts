// Runs in real Chromium with real IndexedDB; the HTTP answers are scripted here (the real
// server is exercised by the e2e and fault-injection tests).
import { beforeEach, describe, expect, it } from 'vitest';
import type { Submission, SubmissionResult } from '../core/protocol';
import { getPushBackoff, saveKioskIdentity, setPushBackoff } from '../data/kiosk-identity';
import { getReceipt } from '../data/outbox';
import { queueSubmission } from '../data/outbox-queue';
import { patronDatabase } from '../data/patron-db';
import { pushOutbox } from './push';

const NOW = new Date('2026-11-24T10:00:00Z');
const clock = () => NOW;
let n = 0;
const submission = (): Submission => ({
  id: `01937a3e-5f7c-7cc1-8f3a-${String(++n).padStart(12, '0')}`,
  formId: 'comentario-guia',
  formVersion: 1,
  createdAt: NOW.toISOString(),
  payload: { answers: { util: true } },
});

type Answer = Response | Error;
function scripted(...answers: Array<Answer | ((body: { submissions: Submission[] }) => Answer)>) {
  const calls: Array<{ submissions: Submission[]; authorization: string | null }> = [];
  const fetch = async (_url: unknown, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body)) as { submissions: Submission[] };
    calls.push({ submissions: body.submissions, authorization: new Headers(init?.headers).get('authorization') });
    const next = answers.shift();
    const answer = typeof next === 'function' ? next(body) : next;
    if (!answer || answer instanceof Error) throw answer ?? new Error('no more answers');
    return answer;
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}
const ok = (results: (body: { submissions: Submission[] }) => SubmissionResult[]) => (body: { submissions: Submission[] }) =>
  new Response(JSON.stringify({ results: results(body) }), { status: 200, headers: { 'content-type': 'application/json' } });
const accept = ok((body) => body.submissions.map((s) => ({ id: s.id, status: 'accepted' as const })));

beforeEach(async () => {
  const db = patronDatabase();
  await Promise.all([db.outbox.clear(), db.receipts.clear(), db.kiosk.clear(), db.drafts.clear()]);
  await saveKioskIdentity({ kioskId: 'k1', token: 'secret-token', library: 'Urcos' });
});

describe('pushing the outbox', () => {
  it('sends oldest first in batches of at most 50 with the kiosk token, and keeps receipts without answers', async () => {
    const queued = Array.from({ length: 120 }, submission);
    for (const s of queued) await queueSubmission(s);
    const server = scripted(accept, accept, accept);
    expect(await pushOutbox({ fetch: server.fetch, clock, baseUrl: 'http://kiosk.test' })).toEqual({ status: 'done', sent: 120, rejected: 0 });
    expect(server.calls.map((c) => c.submissions.length)).toEqual([50, 50, 20]);
    expect(server.calls[0]!.authorization).toBe('Bearer secret-token');
    expect(server.calls.flatMap((c) => c.submissions.map((s) => s.id))).toEqual(queued.map((s) => s.id));
    expect(await patronDatabase().outbox.count()).toBe(0);
    const receipt = await getReceipt(queued[0]!.id);
    expect(receipt?.status).toBe('sent');
    expect(JSON.stringify(receipt)).not.toContain('answers');
  });

  it('keeps rejected items, marked with the reason, and removes duplicates as delivered', async () => {
    const [a, b] = [submission(), submission()];
    await queueSubmission(a);
    await queueSubmission(b);
    const server = scripted(ok(() => [{ id: a.id, status: 'duplicate' }, { id: b.id, status: 'rejected', code: 'invalid_answers', fieldErrors: { util: { code: 'required' } } }]));
    expect(await pushOutbox({ fetch: server.fetch, clock, baseUrl: 'http://kiosk.test' })).toEqual({ status: 'done', sent: 1, rejected: 1 });
    expect((await getReceipt(a.id))?.status).toBe('sent');
    const kept = await getReceipt(b.id);
    expect(kept).toMatchObject({ status: 'rejected', row: { rejection: { code: 'invalid_answers' } } });
  });

  it.each([
    ['a network error', new TypeError('Failed to fetch'), 'offline'],
    ['a 500', new Response('', { status: 500 }), 'server_error'],
    ['a 401', new Response('', { status: 401 }), 'unauthorized'],
  ])('keeps everything queued after %s and backs off', async (_name, answer, code) => {
    const s = submission();
    await queueSubmission(s);
    const server = scripted(answer);
    expect(await pushOutbox({ fetch: server.fetch, clock, baseUrl: 'http://kiosk.test' })).toMatchObject({ status: 'failed', code });
    expect((await getReceipt(s.id))?.status).toBe('waiting');
    const backoff = await getPushBackoff();
    expect(backoff).toMatchObject({ failures: 1, lastError: code });
    expect(new Date(backoff!.nextAttemptAt).getTime()).toBeGreaterThan(NOW.getTime());
    // Not again before the backoff ends, unless it is urgent.
    expect(await pushOutbox({ fetch: scripted().fetch, clock, baseUrl: 'http://kiosk.test' })).toMatchObject({ status: 'backing_off' });
    expect(await pushOutbox({ fetch: scripted(accept).fetch, clock, baseUrl: 'http://kiosk.test', now: true })).toEqual({ status: 'done', sent: 1, rejected: 0 });
    expect(await getPushBackoff()).toBeUndefined();
  });

  it('honours Retry-After on 429, and caps the backoff at five minutes', async () => {
    await queueSubmission(submission());
    const server = scripted(new Response('', { status: 429, headers: { 'retry-after': '120' } }));
    await pushOutbox({ fetch: server.fetch, clock, baseUrl: 'http://kiosk.test' });
    expect(new Date((await getPushBackoff())!.nextAttemptAt).getTime() - NOW.getTime()).toBeGreaterThanOrEqual(120_000);

    await setPushBackoff({ failures: 30, nextAttemptAt: NOW.toISOString(), lastError: 'offline' });
    await pushOutbox({ fetch: scripted(new TypeError('down')).fetch, clock, baseUrl: 'http://kiosk.test' });
    expect(new Date((await getPushBackoff())!.nextAttemptAt).getTime() - NOW.getTime()).toBeLessThanOrEqual(5 * 60_000);
  });

  it('waits no longer than an hour however long a server or proxy asks', async () => {
    await queueSubmission(submission());
    const yearLong = new Response('', { status: 503, headers: { 'retry-after': '31536000' } });
    expect(await pushOutbox({ fetch: scripted(yearLong).fetch, clock, baseUrl: 'http://kiosk.test' })).toMatchObject({ status: 'failed', code: 'server_error' });
    expect(new Date((await getPushBackoff())!.nextAttemptAt).getTime() - NOW.getTime()).toBe(60 * 60_000);
    expect(await patronDatabase().outbox.count()).toBe(1);
  });

  describe('a submission the server cannot take', () => {
    /** A server that fails (or refuses, with `status`) every batch holding `poison`. */
    const choking = (poison: string, status = 500) => async (_url: unknown, init?: RequestInit) => {
      const body = JSON.parse(String(init?.body)) as { submissions: Submission[] };
      calls.push(body.submissions.length);
      if (body.submissions.some((s) => s.id === poison)) return new Response('', { status });
      return new Response(JSON.stringify({ results: body.submissions.map((s) => ({ id: s.id, status: 'accepted' })) }), { status: 200 });
    };
    let calls: number[] = [];
    beforeEach(() => void (calls = []));

    it('is split out of its batch: the others are delivered, and after three such runs it is held with the reason', async () => {
      const [poison, ...rest] = Array.from({ length: 60 }, submission);
      for (const s of [poison!, ...rest]) await queueSubmission(s);
      const fetch = choking(poison!.id) as typeof globalThis.fetch;
      expect(await pushOutbox({ fetch, clock, baseUrl: 'http://kiosk.test' })).toEqual({ status: 'done', sent: 59, rejected: 0 });
      expect((await getReceipt(poison!.id))?.status).toBe('waiting');
      expect(calls.length).toBeLessThan(15);
      for (const round of [2, 3]) {
        const another = submission();
        await queueSubmission(another);
        expect(await pushOutbox({ fetch, clock, baseUrl: 'http://kiosk.test' }), `round ${round}`).toEqual({ status: 'done', sent: 1, rejected: round === 3 ? 1 : 0 });
      }
      expect(await getReceipt(poison!.id)).toMatchObject({ status: 'rejected', row: { rejection: { code: 'server_failed', httpStatus: 500 } } });
      expect(await getPushBackoff()).toBeUndefined();
    });

    it('refused alone (a 4xx other than 401 and 429) is held at once', async () => {
      const [poison, other] = [submission(), submission()];
      await queueSubmission(poison);
      await queueSubmission(other);
      expect(await pushOutbox({ fetch: choking(poison.id, 413) as typeof globalThis.fetch, clock, baseUrl: 'http://kiosk.test' })).toEqual({ status: 'done', sent: 1, rejected: 1 });
      expect(await getReceipt(poison.id)).toMatchObject({ status: 'rejected', row: { rejection: { code: 'server_refused', httpStatus: 413 } } });
    });

    it('is never held when nothing else got through: the server may just be down', async () => {
      const queued = Array.from({ length: 120 }, submission);
      for (const s of queued) await queueSubmission(s);
      const down = async (_url: unknown, init?: RequestInit) => {
        calls.push((JSON.parse(String(init?.body)) as { submissions: unknown[] }).submissions.length);
        return new Response('', { status: 503 });
      };
      for (let run = 0; run < 5; run++) {
        expect(await pushOutbox({ fetch: down as typeof globalThis.fetch, clock, baseUrl: 'http://kiosk.test', now: true })).toMatchObject({ status: 'failed', code: 'server_error' });
      }
      expect(await patronDatabase().outbox.where('status').equals('rejected').count()).toBe(0);
      // Halving down to single items, then a few probes: a bounded cost per run, not one request per item.
      expect(calls.length / 5).toBeLessThanOrEqual(10);
    });
  });

  it('does nothing before the kiosk is enrolled', async () => {
    await patronDatabase().kiosk.clear();
    await queueSubmission(submission());
    expect(await pushOutbox({ fetch: scripted().fetch, clock, baseUrl: 'http://kiosk.test' })).toEqual({ status: 'not_enrolled' });
    expect(await patronDatabase().outbox.count()).toBe(1);
  });
});
