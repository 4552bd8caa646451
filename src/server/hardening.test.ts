// The server left in a public network: what the issue found broken, on a real port against
// PGlite on disk. Bad values are refused item by item (the rest of a batch is stored), only
// validated answers are kept, enrolment and the admin API are throttled, every response carries
// the security headers, and operators can list and revoke kiosks and codes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Form } from '../core/form-schema';
import type { Submission, SubmissionsResponse } from '../core/protocol';
import { seal, sealContext } from '../core/seal';
import { buildApp } from './app';
import { CatalogStore } from './catalog-store';
import { readConfig } from './config';
import type { Db } from './db';
import { KioskStore } from './kiosk-store';
import type { RateLimits } from './rate-limits';
import { SigningKey } from './signing-key';
import { SubmissionKey } from './submission-key';
import { sampleForm } from '../../test/records';
import { listenForTests, tempDir, tempPglite, writeContent } from '../../test/server/support';

const ADMIN = 'hardening-admin-token-0123456789abcdef';
const FORM = sampleForm([
  { id: 'nombre', type: 'text', required: true, label: { es: 'Nombre', qu: 'Suti' } },
  { id: 'tiene_hijos', type: 'yesno', label: { es: '¿Hijos?', qu: '¿Wawayuqchu?' } },
  { id: 'hijos', type: 'number', showIf: { field: 'tiene_hijos', equals: true }, label: { es: 'Cuántos', qu: 'Hayk\u2019a' } },
]);

let db: Db;
let dispose: () => Promise<void>;
const apps: FastifyInstance[] = [];

beforeAll(async () => {
  const pg = await tempPglite();
  db = pg.db;
  dispose = pg.dispose;
  await new CatalogStore(db).publish([{ kind: 'form', id: FORM.id, data: FORM }]);
  await new SubmissionKey(db).ensure();
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await dispose?.();
});

/** A server on a free port; `limits` replaces the default throttles. */
async function serve(limits?: RateLimits, staticDir?: string) {
  const app = await buildApp({ db, contentDir: writeContent(tempDir(), {}), staticDir, adminToken: ADMIN, signingKey: new SigningKey(db, join(tempDir(), 'k.json')), rateLimits: limits });
  apps.push(app);
  const base = await listenForTests(app);
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, { method, headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { base, call, admin: { authorization: `Bearer ${ADMIN}` } };
}

async function enrolledKiosk() {
  const kiosks = new KioskStore(db);
  return (await kiosks.enroll(await kiosks.createEnrollmentCode('tests'), 'Biblioteca de Lamay'))!;
}

const submission = (answers: Record<string, unknown>, extra: Partial<Submission> = {}) =>
  ({ id: uuidv7(), formId: 'pedido', formVersion: 1, createdAt: '2026-11-24T10:30:00.000Z', payload: { answers }, ...extra }) as Submission;

describe('what a client sends never causes a 500', () => {
  it('refuses the values that used to jam a kiosk one by one, and stores the good ones beside them', async () => {
    const { call } = await serve();
    const { token } = await enrolledKiosk();
    const publicKey = await new SubmissionKey(db).ensure();
    const sealedWith = async (answers: Record<string, unknown>) => {
      const { payload: _p, ...meta } = submission({});
      return { ...meta, sealed: await seal(publicKey, { answers }, sealContext(meta)) };
    };
    const bad = [
      submission({ nombre: 'Ana' }, { formVersion: 3_000_000_000 }),
      submission({ nombre: 'Ana' }, { createdAt: '2026-02-31T00:00:00Z' }),
      submission({ nombre: 'Ana' }, { createdAt: '2026-11-24T10:30:00+23:00' }),
      submission({ nombre: 'A\u0000na' }),
      submission({ nombre: 'Ana \ud800' }),
      await sealedWith({ nombre: 'A\u0000na' }),
      await sealedWith({ nombre: '\udfff' }),
    ];
    const good = [submission({ nombre: 'Rosa' }), submission({ nombre: 'Juan' })];
    const response = await call('POST', '/api/v1/submissions', { submissions: [good[0], ...bad, good[1]] }, { authorization: `Bearer ${token}` });
    expect(response.status).toBe(200);
    const { results } = (await response.json()) as SubmissionsResponse;
    expect(results.map((r) => (r.status === 'rejected' ? r.code : r.status))).toEqual([
      'accepted', 'invalid_submission', 'invalid_submission', 'invalid_submission', 'invalid_submission', 'invalid_submission', 'invalid_submission', 'invalid_submission', 'accepted',
    ]);
  });

  it('answers bad enrolments with a precise 400, not a 500', async () => {
    const { call } = await serve();
    for (const [body, message] of [
      [{ code: 'ABC\u0000', library: 'Biblioteca' }, 'code: must not contain control characters'],
      [{ code: 'ABCDE-FGHJK', library: 'Biblio\ud800teca' }, 'library: must not contain control characters'],
      [{ code: 'ABCDE-FGHJK', library: 'x'.repeat(121) }, 'library: must be at most 120 characters'],
      [{ code: 'ABCDE-FGHJK' }, 'library'],
    ] as const) {
      const response = await call('POST', '/api/v1/kiosks/enroll', body);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message).toContain(message);
    }
  });

  it('stores only the answers validation kept: no hidden field, no unknown key', async () => {
    const { call, admin } = await serve();
    const { token } = await enrolledKiosk();
    const sent = submission({ nombre: '  Rosa  ', tiene_hijos: false, hijos: 4, apodo: 'la vecina', comentario: 'algo que el formulario no pide' });
    const response = await call('POST', '/api/v1/submissions', { submissions: [sent] }, { authorization: `Bearer ${token}` });
    expect(((await response.json()) as SubmissionsResponse).results[0]).toEqual({ id: sent.id, status: 'accepted' });
    const stored = (await (await call('GET', '/api/v1/admin/submissions?form=pedido', undefined, admin)).json()) as { submissions: Array<{ id: string; payload: unknown }> };
    expect(stored.submissions.find((s) => s.id === sent.id)!.payload).toEqual({ answers: { nombre: 'Rosa', tiene_hijos: false } });
    // A retry of exactly what the kiosk sent is still recognised as the same submission.
    const again = await call('POST', '/api/v1/submissions', { submissions: [sent] }, { authorization: `Bearer ${token}` });
    expect(((await again.json()) as SubmissionsResponse).results[0]).toEqual({ id: sent.id, status: 'duplicate' });
  });
});

describe("a form's own rules", () => {
  it('refuses, on the server too, a birth date too young for the form or in the future', async () => {
    const pension: Form = { ...FORM, id: 'pension', fields: [{ id: 'nacimiento', type: 'date', required: true, past: true, minAge: 65, label: { es: 'Fecha', qu: "Punchaw" } }] };
    await new CatalogStore(db).publish([{ kind: 'form', id: FORM.id, data: FORM }, { kind: 'form', id: 'pension', data: pension }]);
    const { call } = await serve();
    const { token } = await enrolledKiosk();
    const send = (nacimiento: string) => ({ ...submission({ nacimiento }), formId: 'pension' });
    const response = await call('POST', '/api/v1/submissions', { submissions: [send('1952-03-14'), send('1990-03-14'), send('2999-01-01'), send('1952-02-30')] }, { authorization: `Bearer ${token}` });
    const { results } = (await response.json()) as SubmissionsResponse;
    expect(results.map((r) => (r.status === 'rejected' ? Object.values(r.fieldErrors ?? {})[0]?.code : r.status))).toEqual(['accepted', 'age_too_low', 'date_in_future', 'date_format']);
  });
});

describe('throttling', () => {
  it('answers 429 with Retry-After past the per-address limit on enrolment, and past the overall one on the admin API', async () => {
    const limits = { enroll: { perAddress: 3, overall: 100, windowMs: 60_000 }, admin: { perAddress: 100, overall: 2, windowMs: 60_000 } };
    const { call, admin } = await serve(limits);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await call('POST', '/api/v1/kiosks/enroll', { code: `GUESS-${i}`, library: 'x' })).status);
    expect(statuses).toEqual([403, 403, 403, 429]);
    const limited = await call('POST', '/api/v1/kiosks/enroll', { code: 'GUESS-5', library: 'x' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ error: { code: 'rate_limited' } });
    // The admin API's overall limit: the third call is refused whoever makes it.
    expect((await call('GET', '/api/v1/admin/forms', undefined, admin)).status).toBe(200);
    expect((await call('GET', '/api/v1/admin/forms', undefined, admin)).status).toBe(200);
    const third = await call('GET', '/api/v1/admin/forms', undefined, admin);
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toMatch(/^\d+$/);
    // Kiosks' own traffic is not throttled by either.
    expect((await call('GET', '/api/v1/changes')).status).toBe(200);
  });
});

describe('security headers', () => {
  it('puts a strict CSP and the usual headers on the app, the API and errors', async () => {
    const staticDir = tempDir();
    mkdirSync(join(staticDir, 'assets'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Chaski</title>');
    const { call } = await serve(undefined, staticDir);
    for (const path of ['/', '/guia/pension-65', '/api/v1/health', '/api/v1/no-such-thing']) {
      const response = await call('GET', path);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    }
  });
});

describe('revoking kiosks and codes', () => {
  it('lists kiosks with their library and last contact; a revoked kiosk gets 401 and its outbox file is refused', async () => {
    const { call, admin } = await serve();
    const { kioskId, token } = await enrolledKiosk();
    const push = () => call('POST', '/api/v1/submissions', { submissions: [submission({ nombre: 'Ana' })] }, { authorization: `Bearer ${token}` });
    expect((await push()).status).toBe(200);
    const listed = (await (await call('GET', '/api/v1/admin/kiosks', undefined, admin)).json()) as { kiosks: Array<{ id: string; library: string; lastSeenAt: string | null; revokedAt: string | null }> };
    expect(listed.kiosks.find((k) => k.id === kioskId)).toMatchObject({ library: 'Biblioteca de Lamay', lastSeenAt: expect.any(String), revokedAt: null });

    expect((await call('POST', `/api/v1/admin/kiosks/${kioskId}/revoke`, {}, admin)).status).toBe(200);
    expect((await push()).status).toBe(401);
    const file = { format: 'chaski-outbox', version: 1, kioskId, submissions: [submission({ nombre: 'Ana' })] };
    const imported = await call('POST', '/api/v1/admin/outbox/import', file, admin);
    expect(imported.status).toBe(403);
    expect(await imported.json()).toMatchObject({ error: { details: { code: 'kiosk_revoked' } } });
    expect((await call('POST', '/api/v1/admin/kiosks/00000000-0000-4000-8000-000000000000/revoke', {}, admin)).status).toBe(404);
  });

  it('a revoked code enrols nothing more, named by the code or by its id', async () => {
    const { call, admin } = await serve();
    const kiosks = new KioskStore(db);
    const first = await kiosks.createEnrollmentCode('Biblioteca de Yucay', { maxUses: 5 });
    const second = await kiosks.createEnrollmentCode('Biblioteca de Huayllabamba', { maxUses: 5 });
    expect((await call('POST', '/api/v1/admin/enrollment-codes/revoke', { code: first.toLowerCase() }, admin)).status).toBe(200);
    const codes = (await (await call('GET', '/api/v1/admin/enrollment-codes', undefined, admin)).json()) as { codes: Array<{ id: string; label: string; revokedAt: string | null }> };
    const secondId = codes.codes.find((c) => c.label === 'Biblioteca de Huayllabamba')!.id;
    expect(codes.codes.find((c) => c.label === 'Biblioteca de Yucay')!.revokedAt).not.toBeNull();
    expect(JSON.stringify(codes)).not.toContain(second);
    expect((await call('POST', '/api/v1/admin/enrollment-codes/revoke', { id: secondId }, admin)).status).toBe(200);
    for (const code of [first, second]) {
      const response = await call('POST', '/api/v1/kiosks/enroll', { code, library: 'x' });
      expect(response.status).toBe(403);
    }
  });
});

describe('configuration', () => {
  it('refuses an admin token shorter than 32 characters', () => {
    expect(() => readConfig({ ADMIN_TOKEN: 'short-token' })).toThrow(/at least 32 characters/);
    expect(readConfig({ ADMIN_TOKEN: 'x'.repeat(32) }).adminToken).toHaveLength(32);
  });

  it('makes no demo code in production', () => {
    expect(readConfig({}).demoEnrollment).toBe(true);
    expect(readConfig({ NODE_ENV: 'production' }).demoEnrollment).toBe(false);
    expect(readConfig({ DEMO_ENROLL: 'off' }).demoEnrollment).toBe(false);
  });
});
