// Usage counters over HTTP on a real port, against PGlite on disk: a kiosk's push counted once
// (retry, newer and older revisions), its token checked as for submissions, a bad body refused
// with a precise code, a bad day or a kiosk clock gone wrong rejected alone; usage days carried
// in a USB outbox file, imported twice, answered in signed receipts; the district named at
// enrolment or set by an operator (API and CLI); and the editors' listing of guides by
// usefulness, leading to the feedback about each. Each test enrols its own kiosk.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiptsSignatureValid } from '../core/receipts-signature';
import { emptyCounts, type UsageCounts, type UsageResponse } from '../core/usage';
import type { ReceiptsFile } from '../core/usb-files';
import { sampleFeedbackForm, sampleGuide } from '../../test/records';
import { listenForTests, NO_THROTTLES, tempDir, tempPglite, writeContent } from '../../test/server/support';
import { dataFolderWithKiosk, kioskCli } from '../../test/server/kiosk-cli';
import { buildApp } from './app';
import { CatalogStore } from './catalog-store';
import type { Db } from './db';
import { KioskStore } from './kiosk-store';
import { SigningKey } from './signing-key';
import { FEEDBACK_FORM_ID, UsageStore } from './usage-store';

const ADMIN = 'usage-admin-token-0123456789abcdefghij';
let app: FastifyInstance;
let base: string;
let db: Db;
let dispose: () => Promise<void>;
let signingKey: SigningKey;
let usage: UsageStore;

const FEEDBACK = sampleFeedbackForm(FEEDBACK_FORM_ID);

beforeAll(async () => {
  const pg = await tempPglite();
  db = pg.db;
  dispose = pg.dispose;
  await new CatalogStore(db).publish([
    { kind: 'form', id: FEEDBACK.id, data: FEEDBACK },
    { kind: 'guide', id: 'beca-18', data: sampleGuide('beca-18', 'salud') },
    { kind: 'guide', id: 'sis', data: sampleGuide('sis', 'salud') },
  ]);
  signingKey = new SigningKey(db, join(pg.dir, 'signing-key.json'));
  usage = new UsageStore(db);
  app = await buildApp({ db, contentDir: writeContent(tempDir(), {}), adminToken: ADMIN, signingKey, rateLimits: NO_THROTTLES });
  base = await listenForTests(app);
});
afterAll(async () => {
  await app?.close();
  await dispose?.();
});

const call = async <T = Record<string, unknown>>(method: 'GET' | 'POST', path: string, body?: unknown, bearer?: string) => {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T & { error?: { code: string; message: string; details?: unknown } } };
};

async function enrol(district?: string): Promise<{ kioskId: string; token: string }> {
  const code = await new KioskStore(db).createEnrollmentCode('tests');
  const { status, body } = await call<{ kioskId: string; token: string }>('POST', '/api/v1/kiosks/enroll', { code, library: 'Biblioteca Municipal de Urcos', ...(district ? { district } : {}) });
  expect(status).toBe(201);
  return body;
}

/** A day in Peru (UTC−5 all year), `offset` days from today. */
const peruDay = (offset = 0) => new Date(Date.now() - 5 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
const counts = (partial: Partial<UsageCounts> = {}): UsageCounts => ({ ...emptyCounts(), ...partial });
const usageDay = (day: string, revision: number, partial: Partial<UsageCounts> = {}) => ({ day, revision, counts: counts(partial) });
const pushUsage = (token: string, days: unknown[]) => call<UsageResponse>('POST', '/api/v1/usage', { days }, token);
const statuses = (results: UsageResponse['results'] | undefined) => (results ?? []).map((r) => `${r.day}@${r.revision}:${r.status}`);
/** What the report would read of this kiosk's days. */
const heldDays = async (kioskId: string) => (await usage.reportRows('2024-01-01', peruDay(1))).filter((row) => row.kioskId === kioskId);

describe('POST /api/v1/usage', () => {
  it('stores each kiosk-day once: a retry and an older revision are stale, a newer one replaces it', async () => {
    const { kioskId, token } = await enrol();
    const today = usageDay(peruDay(), 1, { sessions: 2, quechuaSessions: 1, guidesOpened: { sis: 2 }, unmetSearches: { 'partida de nacimiento': 1 } });
    const yesterday = usageDay(peruDay(-1), 4, { sessions: 6 });
    const first = await pushUsage(token, [today, yesterday]);
    expect(first.status).toBe(200);
    expect(statuses(first.body.results)).toEqual([`${peruDay()}@1:stored`, `${peruDay(-1)}@4:stored`]);
    // The kiosk missed the answer and sends the same again.
    expect(statuses((await pushUsage(token, [today, yesterday])).body.results)).toEqual([`${peruDay()}@1:stale`, `${peruDay(-1)}@4:stale`]);
    // More use today, and a late copy of an older revision of yesterday.
    const later = usageDay(peruDay(), 2, { sessions: 5, guidesOpened: { sis: 4 } });
    expect(statuses((await pushUsage(token, [later, usageDay(peruDay(-1), 3, { sessions: 1 })])).body.results)).toEqual([`${peruDay()}@2:stored`, `${peruDay(-1)}@3:stale`]);
    const held = await heldDays(kioskId);
    expect(held.map((row) => [row.day, row.counts.sessions])).toEqual([[peruDay(-1), 6], [peruDay(), 5]]);
    expect(held[1]!.counts.guidesOpened).toEqual({ sis: 4 });
  });

  it('takes only a valid kiosk token: none, a wrong one and a revoked kiosk get 401 and nothing is stored', async () => {
    const { kioskId, token } = await enrol();
    const days = [usageDay(peruDay(), 1, { sessions: 3 })];
    expect((await call('POST', '/api/v1/usage', { days })).body.error?.code).toBe('unauthorized');
    expect((await pushUsage('not-a-real-token-at-all-xx', days)).status).toBe(401);
    expect((await call('POST', `/api/v1/admin/kiosks/${kioskId}/revoke`, {}, ADMIN)).status).toBe(200);
    expect(await pushUsage(token, days)).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
    expect(await heldDays(kioskId)).toEqual([]);
  });

  it('refuses a body that is not a list of days, or more than 62, with a precise code', async () => {
    const { kioskId, token } = await enrol();
    expect(await call('POST', '/api/v1/usage', ['x'], token)).toMatchObject({ status: 400, body: { error: { code: 'invalid_usage', message: expect.stringContaining('"days"') } } });
    expect((await call('POST', '/api/v1/usage', { days: 'hoy' }, token)).body.error?.code).toBe('invalid_usage');
    const tooMany = Array.from({ length: 63 }, (_, i) => usageDay(peruDay(-i), 1));
    expect(await pushUsage(token, tooMany)).toMatchObject({ status: 400, body: { error: { code: 'too_many_days', message: 'at most 62 days per request' } } });
    expect(await heldDays(kioskId)).toEqual([]);
  });

  it('rejects a day that is not a usage day alone, naming it so the kiosk can drop it, and stores the one beside it', async () => {
    const { kioskId, token } = await enrol();
    const bad: Array<[string, unknown, { day: string; revision: number }]> = [
      ['a negative count', usageDay(peruDay(-1), 1, { sessions: -1 }), { day: peruDay(-1), revision: 1 }],
      ['an absurd count', usageDay(peruDay(-1), 2, { guidesOpened: { sis: 5_000_000 } }), { day: peruDay(-1), revision: 2 }],
      ['a day the calendar has not', usageDay('2026-02-31', 1), { day: '2026-02-31', revision: 1 }],
      ['a time, not a day', usageDay(`${peruDay()}T10:00:00Z`, 1), { day: `${peruDay()}T10:00:00Z`, revision: 1 }],
      ['revision 0', usageDay(peruDay(-1), 0), { day: peruDay(-1), revision: 0 }],
      ['a DNI kept as a search', usageDay(peruDay(-1), 3, { unmetSearches: { 'dni 10117410': 1 } }), { day: peruDay(-1), revision: 3 }],
      ['a guide id that is no id', usageDay(peruDay(-1), 4, { guidesOpened: { '../etc': 1 } }), { day: peruDay(-1), revision: 4 }],
      ['no day at all', { revision: 'x', counts: 'y' }, { day: '', revision: 0 }],
      ['not an object', 42, { day: '', revision: 0 }],
    ];
    let revision = 0;
    for (const [what, day, named] of bad) {
      const good = usageDay(peruDay(), ++revision, { sessions: revision });
      const { status, body } = await pushUsage(token, [day, good]);
      expect(status, what).toBe(200);
      expect(body.results, what).toEqual([{ ...named, status: 'rejected', code: 'invalid_day' }, { day: peruDay(), revision, status: 'stored' }]);
    }
    // Only the good days were kept: today's last revision, and nothing of yesterday.
    expect((await heldDays(kioskId)).map((row) => [row.day, row.counts.sessions])).toEqual([[peruDay(), revision]]);
  });

  it('rejects days before 2024 or after tomorrow in Peru (a kiosk clock gone wrong) alone, and takes tomorrow', async () => {
    const { kioskId, token } = await enrol();
    const { status, body } = await pushUsage(token, [usageDay('2023-12-31', 1), usageDay(peruDay(), 1), usageDay(peruDay(2), 1), usageDay('2031-07-28', 1), usageDay('2024-01-01', 1), usageDay(peruDay(1), 1)]);
    expect(status).toBe(200);
    expect(body.results.map((r) => `${r.day}:${r.status}${r.code ? `:${r.code}` : ''}`)).toEqual([
      '2023-12-31:rejected:day_out_of_range',
      `${peruDay()}:stored`,
      `${peruDay(2)}:rejected:day_out_of_range`,
      '2031-07-28:rejected:day_out_of_range',
      '2024-01-01:stored',
      `${peruDay(1)}:stored`,
    ]);
    expect((await heldDays(kioskId)).map((row) => row.day)).toEqual(['2024-01-01', peruDay(), peruDay(1)]);
  });
});

describe('usage days in a USB outbox file', () => {
  it('counts each day once however often the file is imported, rejects a bad day alone, and signs the usage results', async () => {
    const { kioskId, token } = await enrol();
    const file = {
      format: 'chaski-outbox', version: 1, kioskId, library: 'Biblioteca Municipal de Urcos', exportedAt: new Date().toISOString(), submissions: [],
      usage: [usageDay(peruDay(-2), 3, { sessions: 4 }), usageDay(peruDay(-1), 1, { sessions: -4 }), usageDay('2023-06-01', 1), usageDay(peruDay(-1), 2, { sessions: 2 })],
    };
    const first = await call<ReceiptsFile>('POST', '/api/v1/admin/outbox/import', file, ADMIN);
    expect(first.status).toBe(200);
    expect(first.body.usage).toEqual([
      { day: peruDay(-2), revision: 3, status: 'stored' },
      { day: peruDay(-1), revision: 1, status: 'rejected', code: 'invalid_day' },
      { day: '2023-06-01', revision: 1, status: 'rejected', code: 'day_out_of_range' },
      { day: peruDay(-1), revision: 2, status: 'stored' },
    ]);
    const { publicKey } = await signingKey.load();
    expect(await receiptsSignatureValid(first.body, publicKey)).toBe(true);
    const forged = { ...first.body, usage: first.body.usage!.map((r) => ({ ...r, revision: 99 })) };
    expect(await receiptsSignatureValid(forged, publicKey)).toBe(false);

    const again = await call<ReceiptsFile>('POST', '/api/v1/admin/outbox/import', file, ADMIN);
    expect(statuses(again.body.usage)).toEqual([`${peruDay(-2)}@3:stale`, `${peruDay(-1)}@1:rejected`, '2023-06-01@1:rejected', `${peruDay(-1)}@2:stale`]);
    // The kiosk, back online before the receipts came back, pushes the same days: still once.
    expect(statuses((await pushUsage(token, [file.usage[0], file.usage[3]])).body.results)).toEqual([`${peruDay(-2)}@3:stale`, `${peruDay(-1)}@2:stale`]);
    expect((await heldDays(kioskId)).map((row) => [row.day, row.counts.sessions])).toEqual([[peruDay(-2), 4], [peruDay(-1), 2]]);

    // A file from a kiosk that did not count usage gets receipts without it, as before.
    const { usage: _usage, ...older } = file;
    const plain = await call<ReceiptsFile>('POST', '/api/v1/admin/outbox/import', older, ADMIN);
    expect(plain.status).toBe(200);
    expect('usage' in plain.body).toBe(false);
  });
});

describe('the district of a kiosk', () => {
  it('is named at enrolment; an unknown one is refused before the code is spent, a malformed one is a bad request', async () => {
    const code = await new KioskStore(db).createEnrollmentCode('tests');
    const unknown = await call('POST', '/api/v1/kiosks/enroll', { code, library: 'Biblioteca de Ocongate', district: '089999' });
    expect(unknown).toMatchObject({ status: 422, body: { error: { code: 'unknown_district', message: "district 089999 is not a district in INEI's ubigeo list" } } });
    expect((await call('POST', '/api/v1/kiosks/enroll', { code, library: 'Biblioteca de Ocongate', district: '8120' })).body.error).toMatchObject({ code: 'bad_request', message: 'district: district must be a 6-digit ubigeo' });
    // The one-use code still works, with the right district.
    const enrolled = await call<{ kioskId: string }>('POST', '/api/v1/kiosks/enroll', { code, library: 'Biblioteca de Ocongate', district: '081207' });
    expect(enrolled.status).toBe(201);
    const listed = await call<{ kiosks: Array<{ id: string; district: string | null }> }>('GET', '/api/v1/admin/kiosks', undefined, ADMIN);
    expect(listed.body.kiosks.find((k) => k.id === enrolled.body.kioskId)).toMatchObject({ district: '081207' });
    // A kiosk of an older version names none.
    const older = await enrol();
    expect((await call<{ kiosks: Array<{ id: string; district: string | null }> }>('GET', '/api/v1/admin/kiosks', undefined, ADMIN)).body.kiosks.find((k) => k.id === older.kioskId)).toMatchObject({ district: null });
  });

  it('is set or corrected by an operator, moving the kiosk\'s counts in the report', async () => {
    const { kioskId, token } = await enrol();
    await pushUsage(token, [usageDay(peruDay(), 1, { sessions: 1 })]);
    const path = `/api/v1/admin/kiosks/${kioskId}/district`;
    expect(await call('POST', path, { district: '080101' }, ADMIN)).toMatchObject({ status: 200, body: { kioskId, district: '080101' } });
    expect((await heldDays(kioskId))[0]!.district).toBe('080101');
    expect((await call('POST', path, { district: '080199' }, ADMIN)).body.error?.code).toBe('unknown_district');
    expect((await call('POST', path, { district: 'Cusco' }, ADMIN)).body.error?.code).toBe('bad_request');
    expect((await call('POST', path, {}, ADMIN)).status).toBe(400);
    expect((await call('POST', '/api/v1/admin/kiosks/00000000-0000-4000-8000-000000000000/district', { district: '080101' }, ADMIN)).status).toBe(404);
    expect((await call('POST', path, { district: '150101' })).status).toBe(401);
    expect((await heldDays(kioskId))[0]!.district).toBe('080101');
    expect(await call('POST', path, { district: null }, ADMIN)).toMatchObject({ status: 200, body: { district: null } });
    expect((await heldDays(kioskId))[0]!.district).toBeNull();
  });
});

describe('GET /api/v1/admin/guides/usefulness', () => {
  it('lists the least useful guide first, with the "something is wrong" reports that name it, newest first', async () => {
    const { token } = await enrol();
    await pushUsage(token, [usageDay(peruDay(), 1, { guidesOpened: { 'beca-18': 30, sis: 30 }, guideUseful: { 'beca-18': 2, sis: 25 }, guideNotUseful: { 'beca-18': 12, sis: 1 } })]);
    const feedback = (answers: Record<string, unknown>, guideId = 'beca-18') => ({ id: uuidv7(), formId: FEEDBACK_FORM_ID, formVersion: 1, createdAt: new Date().toISOString(), payload: { answers, context: { guideId } } });
    const older = feedback({ util: false, problema: 'El costo es otro' });
    const newer = feedback({ util: false, problema: 'Falta un paso' });
    for (const item of [older, newer, feedback({ util: true }), feedback({ util: true }, 'sis')]) {
      expect((await call<{ results: Array<{ status: string }> }>('POST', '/api/v1/submissions', { submissions: [item] }, token)).body.results[0]!.status).toBe('accepted');
    }

    const { status, body } = await call<{ feedbackFormId: string; guides: Array<{ guideId: string; opened: number; useful: number; notUseful: number; feedback: number; wrongReports: number; submissionsUrl: string; title: unknown }> }>('GET', '/api/v1/admin/guides/usefulness', undefined, ADMIN);
    expect(status).toBe(200);
    expect(body.feedbackFormId).toBe('comentario-guia');
    expect(body.guides.map((g) => g.guideId).slice(0, 2)).toEqual(['beca-18', 'sis']);
    const beca = body.guides[0]!;
    expect(beca).toMatchObject({ opened: 30, useful: 2, notUseful: 12, feedback: 3, wrongReports: 2, title: { es: 'Guía beca-18', qu: 'Pusaq beca-18' } });

    const reports = await call<{ submissions: Array<{ id: string; payload: { answers: { problema?: string } } }> }>('GET', beca.submissionsUrl, undefined, ADMIN);
    expect(reports.status).toBe(200);
    expect(reports.body.submissions.filter((s) => s.payload.answers.problema).map((s) => s.id)).toEqual([newer.id, older.id]);
    expect(reports.body.submissions).toHaveLength(3);
    expect((await call('GET', '/api/v1/admin/guides/usefulness')).status).toBe(401);
  });
});

describe('operators: the kiosk CLI', () => {
  const cli = kioskCli();

  it('sets a kiosk\'s district and lists it with its place names, on a data folder no server holds', async () => {
    const { dataDir, kioskId } = await dataFolderWithKiosk('Biblioteca Municipal de Urcos');

    expect(await cli(dataDir, ['district', kioskId, '081299'])).toMatchObject({ code: 1, output: expect.stringContaining("081299 is not a district in INEI's ubigeo list") });
    const set = await cli(dataDir, ['district', kioskId, '081201']);
    expect(set.code).toBe(0);
    expect(set.output).toContain(`Kiosk ${kioskId}: district 081201 (Cusco / Quispicanchi / Urcos)`);
    const listed = await cli(dataDir, ['list']);
    expect(listed.output).toContain(`${kioskId}  Biblioteca Municipal de Urcos  district 081201 (Cusco / Quispicanchi / Urcos)`);
  }, 60_000);
});
