// Submissions over HTTP on a real port, against PGlite on disk: enrolment, exactly-once
// receipt (accepted / duplicate / conflict), validation against the named form version,
// authentication, and the operators' export. Each test makes what it needs (its own kiosk,
// form or count baseline), so any one of them runs alone or in any order.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Form } from '../core/form-schema';
import type { Submission, SubmissionsResponse } from '../core/protocol';
import { sampleCategory, sampleForm } from '../../test/records';
import { buildApp } from './app';
import { SigningKey } from './signing-key';
import { CatalogStore } from './catalog-store';
import { importContent } from './content-import';
import { KioskStore } from './kiosk-store';
import { SubmissionKey } from './submission-key';
import { listenForTests, tempDir, tempPglite, writeContent } from '../../test/server/support';

const ADMIN = 'admin-token-for-tests';
let app: FastifyInstance;
let base: string;
let dispose: () => Promise<void>;
let signingKey: SigningKey;
let token: string;
let kioskId: string;
const contentDir = tempDir();

const form = (extra: Partial<Form> = {}): Form =>
  sampleForm(
    [
      { id: 'dni', type: 'dni', required: true, label: { es: 'DNI', qu: 'DNI' } },
      { id: 'nombre', type: 'text', required: true, maxLength: 40, label: { es: 'Nombre', qu: 'Suti' } },
      { id: 'ubigeo', type: 'ubigeo', label: { es: 'Lugar', qu: 'Llaqta' } },
    ],
    extra,
  );

beforeAll(async () => {
  const pg = await tempPglite();
  dispose = pg.dispose;
  // 'cambio' is the form the version test edits; 'pedido' never changes.
  writeContent(contentDir, { categories: [sampleCategory('salud')], forms: [form(), form({ id: 'cambio' })] });
  await importContent(new CatalogStore(pg.db), contentDir);
  const kiosks = new KioskStore(pg.db);
  await kiosks.createEnrollmentCode('tests', { code: 'TEST-CODE-1', maxUses: 1 });
  await kiosks.createEnrollmentCode('tests', { code: 'SHARED-CODE', maxUses: 1 });
  await new SubmissionKey(pg.db).publish(new CatalogStore(pg.db));
  signingKey = new SigningKey(pg.db, join(pg.dir, 'signing-key.json'));
  app = await buildApp({ db: pg.db, contentDir, adminToken: ADMIN, signingKey });
  base = await listenForTests(app);
  // The kiosk every test but the enrolment one pushes as.
  const enrolled = (await (await post('/api/v1/kiosks/enroll', { code: 'SHARED-CODE', library: 'Biblioteca de Urcos' })).json()) as { token: string; kioskId: string };
  token = enrolled.token;
  kioskId = enrolled.kioskId;
});
afterAll(async () => {
  await app?.close();
  await dispose?.();
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
const push = async (submissions: unknown[], bearer = token) => {
  const response = await post('/api/v1/submissions', { submissions }, { authorization: `Bearer ${bearer}` });
  return { status: response.status, body: (await response.json()) as SubmissionsResponse & { error?: { code: string } } };
};
const submission = (answers: Record<string, string>, version = 1, formId = 'pedido'): Submission => ({
  id: uuidv7(),
  formId,
  formVersion: version,
  createdAt: new Date().toISOString(),
  payload: { answers },
});
const adminGet = (path: string) => fetch(`${base}${path}`, { headers: { authorization: `Bearer ${ADMIN}` } });

describe('kiosk enrolment', () => {
  it('trades a code for a token once, and refuses it after', async () => {
    const first = await post('/api/v1/kiosks/enroll', { code: 'test-code-1', library: 'Biblioteca de Urcos' });
    expect(first.status).toBe(201);
    const body = (await first.json()) as { token: string; kioskId: string };
    expect(body.token.length).toBeGreaterThan(30);
    expect(body.kioskId).not.toBe(kioskId);
    const again = await post('/api/v1/kiosks/enroll', { code: 'TEST-CODE-1', library: 'Otra' });
    expect(again.status).toBe(403);
    expect(await again.json()).toMatchObject({ error: { code: 'invalid_enrollment_code' } });
  });

  it('refuses pushes without a valid token', async () => {
    expect((await push([submission({ dni: '10117410', nombre: 'Ana' })], 'not-a-real-token-at-all-xx')).status).toBe(401);
    expect((await post('/api/v1/submissions', { submissions: [] })).status).toBe(401);
  });
});

describe('POST /api/v1/submissions', () => {
  it('accepts once, answers duplicate to the same submission, and conflict to a changed one', async () => {
    const sub = submission({ dni: '10117410', nombre: 'Rosa Quispe', ubigeo: '081201' });
    expect((await push([sub])).body.results).toEqual([{ id: sub.id, status: 'accepted' }]);
    expect((await push([sub])).body.results).toEqual([{ id: sub.id, status: 'duplicate' }]);
    const changed = { ...sub, payload: { answers: { dni: '10117410', nombre: 'Otra Persona' } } };
    expect((await push([changed])).body.results).toEqual([{ id: sub.id, status: 'rejected', code: 'conflict' }]);

    const stored = (await (await adminGet('/api/v1/admin/submissions?form=pedido')).json()) as { submissions: Array<{ id: string; payload: unknown; library: string }> };
    const mine = stored.submissions.filter((s) => s.id === sub.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ payload: sub.payload, library: 'Biblioteca de Urcos' });
  });

  it('rejects invalid answers item by item, with per-field codes, and keeps the valid ones', async () => {
    const good = submission({ dni: '10117410', nombre: 'Ana' });
    const badDni = submission({ dni: '10117410-5', nombre: 'Ana', ubigeo: '999999' });
    const { body } = await push([good, badDni, { id: 'nope' }]);
    expect(body.results[0]).toEqual({ id: good.id, status: 'accepted' });
    expect(body.results[1]).toMatchObject({ id: badDni.id, status: 'rejected', code: 'invalid_answers', fieldErrors: { dni: { code: 'dni_check' }, ubigeo: { code: 'ubigeo_unknown' } } });
    expect(body.results[2]).toEqual({ id: 'nope', status: 'rejected', code: 'invalid_submission' });
  });

  it('validates against the exact form version named, also after the form changed', async () => {
    const filledOffline = submission({ dni: '10117410', nombre: 'Un nombre de treinta letras' }, 1, 'cambio');
    writeContent(contentDir, { forms: [form({ id: 'cambio', fields: [{ id: 'dni', type: 'dni', required: true, label: { es: 'DNI', qu: 'DNI' } }, { id: 'nombre', type: 'text', required: true, maxLength: 10, label: { es: 'Nombre', qu: 'Suti' } }] })] });
    expect((await post('/api/v1/admin/content/import', {}, { authorization: `Bearer ${ADMIN}` })).status).toBe(200);
    expect((await push([filledOffline])).body.results[0]).toMatchObject({ status: 'accepted' });
    const v2 = submission({ dni: '10117410', nombre: 'Un nombre bastante largo' }, 2, 'cambio');
    expect((await push([v2])).body.results[0]).toMatchObject({ status: 'rejected', code: 'invalid_answers', fieldErrors: { nombre: { code: 'too_long' } } });
    expect((await push([submission({ dni: '10117410', nombre: 'Ana' }, 9, 'cambio')])).body.results[0]).toMatchObject({ code: 'unknown_form_version' });
    expect((await push([{ ...submission({ dni: '10117410' }), formId: 'no-existe' }])).body.results[0]).toMatchObject({ code: 'unknown_form' });
  });

  it('refuses batches over 50 and bodies that are not a batch', async () => {
    const many = Array.from({ length: 51 }, () => submission({ dni: '10117410', nombre: 'Ana' }));
    expect(await push(many)).toMatchObject({ status: 400, body: { error: { code: 'too_many_submissions' } } });
    const notBatch = await post('/api/v1/submissions', { items: [] }, { authorization: `Bearer ${token}` });
    expect(notBatch.status).toBe(400);
  });
});

describe('operators', () => {
  it('lists counts per form and exports CSV safe for spreadsheets', async () => {
    const count = async () => ((await (await adminGet('/api/v1/admin/forms')).json()) as { forms: Array<{ formId: string; count: number }> }).forms.find((f) => f.formId === 'pedido')?.count ?? 0;
    const before = await count();
    const sneaky = submission({ dni: '10117410', nombre: '=HYPERLINK("x")' });
    expect((await push([sneaky, submission({ dni: '10117410', nombre: 'Otra' })])).body.results.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    expect(await count()).toBe(before + 2);
    const csv = await adminGet('/api/v1/admin/submissions?form=pedido&format=csv');
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const text = await csv.text();
    const [header, ...lines] = text.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(header).toBe('id,form_version,created_at,received_at,library,guide,dni,nombre,ubigeo');
    const row = lines.find((l) => l.startsWith(sneaky.id))!;
    expect(row).toContain(`"'=HYPERLINK(""x"")"`);
    expect((await fetch(`${base}/api/v1/admin/submissions?form=pedido`)).status).toBe(401);
  });
});

describe('sealed submissions', () => {
  it('opens what a kiosk sealed with the published key, and refuses what it cannot open', async () => {
    const { seal, sealContext, generateServerKey } = await import('../core/seal');
    const feed = (await (await fetch(`${base}/api/v1/changes?limit=1000`)).json()) as { changes: Array<{ kind: string; op: string; data: { publicKey: import('../core/seal').PublicKeyJwk } }> };
    const key = feed.changes.find((c) => c.kind === 'key' && c.op === 'put')!.data.publicKey;
    const plain = submission({ dni: '10117410', nombre: 'Sellado' });
    const { payload, ...meta } = plain;
    const sealed = { ...meta, sealed: await seal(key, payload, sealContext(meta)) };
    expect((await push([sealed])).body.results[0]).toEqual({ id: plain.id, status: 'accepted' });
    // The same submission re-sealed (new random key and IV) is still the same submission.
    const resealed = { ...meta, sealed: await seal(key, payload, sealContext(meta)) };
    expect((await push([resealed])).body.results[0]).toEqual({ id: plain.id, status: 'duplicate' });
    const stored = (await (await adminGet('/api/v1/admin/submissions?form=pedido')).json()) as { submissions: Array<{ id: string; payload: unknown }> };
    expect(stored.submissions.find((s) => s.id === plain.id)!.payload).toEqual(payload);

    const stranger = await generateServerKey();
    const other = submission({ dni: '10117410', nombre: 'Ajeno' });
    const { payload: p2, ...meta2 } = other;
    const foreign = { ...meta2, sealed: await seal(stranger.publicKey, p2, sealContext(meta2)) };
    expect((await push([foreign])).body.results[0]).toMatchObject({ status: 'rejected', code: 'undecryptable' });
    const moved = { ...meta2, sealed: sealed.sealed };
    expect((await push([moved])).body.results[0]).toMatchObject({ status: 'rejected', code: 'undecryptable' });
  });
});

describe('sneakernet: an outbox file carried on a USB stick', () => {
  it('is received exactly once, also when imported twice and after a partial online push', async () => {
    const { receiptsSignatureValid } = await import('../core/receipts-signature');
    const items = [submission({ dni: '10117410', nombre: 'Uno' }), submission({ dni: '10117410', nombre: 'Dos' }), submission({ dni: '10117410', nombre: 'Tres' })];
    expect((await push([items[0]!])).body.results[0]!.status).toBe('accepted');
    const file = { format: 'chaski-outbox', version: 1, kioskId, library: 'Biblioteca de Urcos', exportedAt: new Date().toISOString(), submissions: items };
    const auth = { authorization: `Bearer ${ADMIN}` };

    const first = await post('/api/v1/admin/outbox/import', file, auth);
    expect(first.status).toBe(200);
    const receipts = (await first.json()) as import('../core/usb-files').ReceiptsFile;
    expect(receipts.results.map((r) => r.status)).toEqual(['duplicate', 'accepted', 'accepted']);
    const { publicKey } = await signingKey.load();
    expect(await receiptsSignatureValid(receipts, publicKey)).toBe(true);
    expect(await receiptsSignatureValid({ ...receipts, results: receipts.results.map((r) => ({ ...r, status: 'accepted' as const })) }, publicKey)).toBe(false);
    expect(await receiptsSignatureValid({ ...receipts, kioskId: '00000000-0000-4000-8000-000000000000' }, publicKey)).toBe(false);
    const { generateSigningKey } = await import('../core/signature');
    expect(await receiptsSignatureValid(receipts, (await generateSigningKey()).publicKey)).toBe(false);

    const again = (await (await post('/api/v1/admin/outbox/import', file, auth)).json()) as import('../core/usb-files').ReceiptsFile;
    expect(again.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    const stored = (await (await adminGet('/api/v1/admin/submissions?form=pedido')).json()) as { submissions: Array<{ id: string }> };
    for (const item of items) expect(stored.submissions.filter((s) => s.id === item.id)).toHaveLength(1);
  });

  it('refuses files that are not outbox files or come from no enrolled kiosk', async () => {
    const auth = { authorization: `Bearer ${ADMIN}` };
    expect((await post('/api/v1/admin/outbox/import', { hello: 'world' }, auth)).status).toBe(422);
    const stranger = { format: 'chaski-outbox', version: 1, kioskId: '00000000-0000-4000-8000-000000000000', library: 'x', exportedAt: '', submissions: [] };
    expect(await (await post('/api/v1/admin/outbox/import', stranger, auth)).json()).toMatchObject({ error: { details: { code: 'unknown_kiosk' } } });
    expect((await post('/api/v1/admin/outbox/import', stranger)).status).toBe(401);
  });
});
