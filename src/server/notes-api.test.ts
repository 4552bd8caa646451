// Local notes over HTTP on a real port, against PGlite on disk: a librarian's note pushed once
// (retry, edit, older copy), its kiosk token checked as for usage, a bad body refused with a
// precise code and a bad note rejected alone; every kiosk of the same library reading it with
// GET (and a 304 when nothing changed), no kiosk of another library; notes carried in a USB
// outbox file, imported twice, answered in signed receipts with the library's notes; a kiosk's
// misspelt library name corrected by an operator (API and CLI); and the editors' listing of
// every library's notes. Each test enrols its own kiosks.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { v4 as uuidv4 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, type LocalNote, type NotesFeed, type NotesResponse } from '../core/local-notes';
import { peruDay } from '../core/peru-day';
import { receiptsSignatureValid } from '../core/receipts-signature';
import type { ReceiptsFile } from '../core/usb-files';
import { listenForTests, NO_THROTTLES, tempDir, tempPglite, writeContent } from '../../test/server/support';
import { dataFolderWithKiosk, kioskCli } from '../../test/server/kiosk-cli';
import { buildApp } from './app';
import type { Db } from './db';
import { KioskStore } from './kiosk-store';
import { NotesStore } from './notes-store';
import { describeReceipts } from './outbox-import';
import { SigningKey } from './signing-key';

const ADMIN = 'notes-admin-token-0123456789abcdefghij';
let app: FastifyInstance;
let base: string;
let db: Db;
let dispose: () => Promise<void>;
let signingKey: SigningKey;

beforeAll(async () => {
  const pg = await tempPglite();
  db = pg.db;
  dispose = pg.dispose;
  signingKey = new SigningKey(db, join(pg.dir, 'signing-key.json'));
  app = await buildApp({ db, contentDir: writeContent(tempDir(), {}), adminToken: ADMIN, signingKey, rateLimits: NO_THROTTLES });
  base = await listenForTests(app);
});
afterAll(async () => {
  await app?.close();
  await dispose?.();
});

type Answer<T> = { status: number; headers: Headers; body: T & { error?: { code: string; message: string } } };
const call = async <T = Record<string, unknown>>(method: 'GET' | 'POST', path: string, body?: unknown, bearer?: string, headers: Record<string, string> = {}): Promise<Answer<T>> => {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : {}) as Answer<T>['body'] };
};

/** A library name no other test uses, so each test's feed holds only its own notes. */
const library = (town: string) => `Biblioteca Municipal de ${town} ${uuidv4().slice(0, 8)}`;

async function enrol(libraryName: string): Promise<{ kioskId: string; token: string }> {
  const code = await new KioskStore(db).createEnrollmentCode('tests');
  const { status, body } = await call<{ kioskId: string; token: string }>('POST', '/api/v1/kiosks/enroll', { code, library: libraryName });
  expect(status).toBe(201);
  return body;
}

const today = () => peruDay();
const note = (partial: Partial<LocalNote> = {}): LocalNote => ({
  id: uuidv4(),
  guideId: 'dni-duplicado',
  text: { es: 'RENIEC atiende en la municipalidad los martes.', qu: 'RENIEC martes p\'unchawkunapi.' },
  expires: addDays(today(), 20),
  revision: 1,
  deleted: false,
  updatedAt: new Date().toISOString(),
  ...partial,
});
const pushNotes = (token: string, notes: unknown[]) => call<NotesResponse>('POST', '/api/v1/notes', { notes }, token);
const feed = (token: string, headers: Record<string, string> = {}) => call<NotesFeed>('GET', '/api/v1/notes', undefined, token, headers);
const statuses = (results: NotesResponse['results'] | undefined) => (results ?? []).map((r) => `${r.revision}:${r.status}${r.code ? `:${r.code}` : ''}`);

describe('POST and GET /api/v1/notes', () => {
  it('stores a note once and shows it to every kiosk of the same library, and to no other', async () => {
    const name = library('Urcos');
    const [first, second, elsewhere] = [await enrol(name), await enrol(`  ${name.toUpperCase()}.`), await enrol(library('Ocongate'))];
    const written = note();
    expect(await pushNotes(first.token, [written])).toMatchObject({ status: 200, body: { results: [{ id: written.id, revision: 1, status: 'stored' }] } });
    // The answer was lost and the kiosk sends the same again; then the librarian edits it.
    expect(statuses((await pushNotes(first.token, [written])).body.results)).toEqual(['1:stale']);
    const edited = { ...written, revision: 2, text: { es: 'RENIEC atiende los martes y jueves.' } };
    expect(statuses((await pushNotes(first.token, [edited, { ...written, text: { es: 'copia vieja' } }])).body.results)).toEqual(['2:stored', '1:stale']);

    const seen = await feed(second.token);
    expect(seen.status).toBe(200);
    // The second kiosk's library name was typed otherwise: it is the same library.
    expect(seen.body).toEqual({ library: `${name.toUpperCase()}.`, notes: [edited] });
    expect((await feed(elsewhere.token)).body.notes).toEqual([]);
    // The other kiosk of the library edits the note in turn.
    expect(statuses((await pushNotes(second.token, [{ ...edited, revision: 3, text: { es: 'Solo los jueves.' } }])).body.results)).toEqual(['3:stored']);
    expect((await feed(first.token)).body.notes.map((n) => n.text.es)).toEqual(['Solo los jueves.']);
  });

  it('takes only a valid kiosk token: none, a wrong one and a revoked kiosk get 401 and nothing is stored or shown', async () => {
    const name = library('Andahuaylillas');
    const [kiosk, sibling] = [await enrol(name), await enrol(name)];
    const notes = [note()];
    expect((await call('POST', '/api/v1/notes', { notes })).body.error?.code).toBe('unauthorized');
    expect((await call('GET', '/api/v1/notes')).status).toBe(401);
    expect((await pushNotes('not-a-real-token-at-all-xx', notes)).status).toBe(401);
    expect((await call('POST', `/api/v1/admin/kiosks/${kiosk.kioskId}/revoke`, {}, ADMIN)).status).toBe(200);
    expect(await pushNotes(kiosk.token, notes)).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
    expect((await feed(kiosk.token)).status).toBe(401);
    expect((await feed(sibling.token)).body.notes).toEqual([]);
  });

  it('refuses a body that is not a list of notes, or more than 100, with a precise code, storing nothing', async () => {
    const kiosk = await enrol(library('Quiquijana'));
    expect(await call('POST', '/api/v1/notes', ['x'], kiosk.token)).toMatchObject({ status: 400, body: { error: { code: 'invalid_notes', message: expect.stringContaining('"notes"') } } });
    expect((await call('POST', '/api/v1/notes', { notes: 'hoy' }, kiosk.token)).body.error?.code).toBe('invalid_notes');
    const tooMany = Array.from({ length: 101 }, () => note());
    expect(await pushNotes(kiosk.token, tooMany)).toMatchObject({ status: 400, body: { error: { code: 'too_many_notes_in_push', message: 'at most 100 notes per request' } } });
    expect((await feed(kiosk.token)).body.notes).toEqual([]);
  });

  it('rejects a bad note alone, naming it so the kiosk can drop it, and stores the one beside it', async () => {
    const [kiosk, other] = [await enrol(library('Urcos')), await enrol(library('Ocongate'))];
    const theirs = note({ text: { es: 'El PIAS llega el 15.' } });
    await pushNotes(other.token, [theirs]);
    const good = note();
    const bad = note({ revision: 4 });
    const { status, body } = await pushNotes(kiosk.token, [
      { ...bad, text: { es: '' } },
      { ...bad, text: { es: 'x'.repeat(601) } },
      { ...bad, updatedAt: 'ayer' },
      { ...bad, expires: '2026-02-31' },
      note({ expires: addDays(today(), -2), revision: 5 }),
      note({ expires: addDays(today(), 800), revision: 6 }),
      { ...theirs, revision: 7, text: { es: 'Escrito encima' } },
      'nota',
      good,
    ]);
    expect(status).toBe(200);
    expect(statuses(body.results)).toEqual(['4:rejected:invalid_note', '4:rejected:invalid_note', '4:rejected:invalid_note', '4:rejected:invalid_note', '5:rejected:expires_out_of_range', '6:rejected:expires_out_of_range', '7:rejected:other_library', '0:rejected:invalid_note', '1:stored']);
    expect(body.results[0]!.id).toBe(bad.id);
    expect(body.results[7]!.id).toBe('');
    expect((await feed(kiosk.token)).body.notes).toEqual([good]);
    // The other library's note is as its librarian wrote it.
    expect((await feed(other.token)).body.notes).toEqual([theirs]);
  });

  it('answers an unchanged feed with 304 and no body, kept by no shared cache; a change or a deletion gives a new one', async () => {
    const kiosk = await enrol(library('Urcos'));
    const written = note();
    await pushNotes(kiosk.token, [written]);
    const first = await feed(kiosk.token);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    expect(first.headers.get('access-control-expose-headers')).toContain('ETag');
    const unchanged = await fetch(`${base}/api/v1/notes`, { headers: { authorization: `Bearer ${kiosk.token}`, 'if-none-match': etag } });
    expect(unchanged.status).toBe(304);
    expect(await unchanged.text()).toBe('');
    expect((await feed(kiosk.token, { 'if-none-match': `W/${etag}` })).status).toBe(304);

    await pushNotes(kiosk.token, [{ ...written, revision: 2, deleted: true }]);
    const after = await feed(kiosk.token, { 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(after.body.notes).toEqual([]);
    expect(after.headers.get('etag')).not.toBe(etag);
  });
});

describe('local notes in a USB outbox file', () => {
  it('stores each note once however often the file is imported, and carries back the library\'s notes, signed', async () => {
    const name = library('Urcos');
    const [kiosk, sibling, elsewhere] = [await enrol(name), await enrol(name), await enrol(library('Ocongate'))];
    const fromSibling = note({ guideId: 'pension-65', text: { es: 'Pensión 65: el promotor viene el primer lunes.' } });
    await pushNotes(sibling.token, [fromSibling]);
    await pushNotes(elsewhere.token, [note({ text: { es: 'Solo en Ocongate' } })]);
    const carried = note({ revision: 3 });
    // The name in the file is not trusted: the notes go to the library the kiosk was enrolled with.
    const file = { format: 'chaski-outbox', version: 1, kioskId: kiosk.kioskId, library: 'Biblioteca de Ocongate', exportedAt: new Date().toISOString(), submissions: [], notes: [carried, { ...carried, id: 'x' }] };

    const first = await call<ReceiptsFile>('POST', '/api/v1/admin/outbox/import', file, ADMIN);
    expect(first.status).toBe(200);
    expect(first.body.notes).toEqual([{ id: carried.id, revision: 3, status: 'stored' }, { id: 'x', revision: 3, status: 'rejected', code: 'invalid_note' }]);
    expect(first.body.libraryNotes).toEqual({ library: name, notes: [carried, fromSibling] });
    const { publicKey } = await signingKey.load();
    expect(await receiptsSignatureValid(first.body, publicKey)).toBe(true);
    const forged = { ...first.body, libraryNotes: { library: name, notes: [{ ...carried, text: { es: 'Falsa' } }] } };
    expect(await receiptsSignatureValid(forged, publicKey)).toBe(false);

    // What `npm run outbox:import` tells the operator.
    expect(describeReceipts(first.body)).toBe('0 accepted, 0 already received, 0 rejected; local notes: 1 stored, 0 already held, 1 rejected');

    const again = await call<ReceiptsFile>('POST', '/api/v1/admin/outbox/import', file, ADMIN);
    expect(statuses(again.body.notes)).toEqual(['3:stale', '3:rejected:invalid_note']);
    // The kiosk, back online before the receipts came back, pushes the same note: still once.
    expect(statuses((await pushNotes(kiosk.token, [carried])).body.results)).toEqual(['3:stale']);
    const listed = await call<{ notes: Array<{ id: string; revision: number; receivedAt: string }> }>('GET', `/api/v1/admin/notes?library=${encodeURIComponent(name)}`, undefined, ADMIN);
    expect(listed.body.notes.find((n) => n.id === carried.id)).toMatchObject({ revision: 3 });
    expect((await feed(sibling.token)).body.notes).toEqual([carried, fromSibling]);

    // A file without notes still brings the library's notes back; a revoked kiosk's file is refused.
    const { notes: _notes, ...older } = file;
    const plain = await call<ReceiptsFile>('POST', '/api/v1/admin/outbox/import', older, ADMIN);
    expect('notes' in plain.body).toBe(false);
    expect(plain.body.libraryNotes?.notes).toHaveLength(2);
    await call('POST', `/api/v1/admin/kiosks/${kiosk.kioskId}/revoke`, {}, ADMIN);
    expect((await call('POST', '/api/v1/admin/outbox/import', { ...file, notes: [note()] }, ADMIN)).status).toBe(403);
    expect((await feed(sibling.token)).body.notes).toHaveLength(2);
  });
});

describe('correcting the library a kiosk was enrolled with', () => {
  it('moves a misnamed library\'s only kiosk, with its notes, into the right library; leaves notes where other kiosks still are', async () => {
    const [right, typo] = [library('Urcos'), library('Urcso')];
    const [resident, misnamed] = [await enrol(right), await enrol(typo)];
    const theirs = note({ guideId: 'pension-65' });
    const mine = note();
    await pushNotes(resident.token, [theirs]);
    await pushNotes(misnamed.token, [mine]);
    const path = `/api/v1/admin/kiosks/${misnamed.kioskId}/library`;
    expect(await call('POST', path, { library: `  ${right} ` }, ADMIN)).toMatchObject({ status: 200, body: { kioskId: misnamed.kioskId, library: right, previous: typo, notesMoved: 1 } });
    // Both kiosks now see both notes, and the moved kiosk can still edit the note it wrote.
    expect((await feed(misnamed.token)).body).toMatchObject({ library: right, notes: [mine, theirs] });
    expect((await feed(resident.token)).body.notes).toEqual([mine, theirs]);
    expect(statuses((await pushNotes(misnamed.token, [{ ...mine, revision: 2 }])).body.results)).toEqual(['2:stored']);

    // A kiosk leaving a library that keeps another kiosk leaves the notes there.
    const stayer = await enrol(right);
    expect(await call('POST', `/api/v1/admin/kiosks/${stayer.kioskId}/library`, { library: library('Ocongate') }, ADMIN)).toMatchObject({ status: 200, body: { notesMoved: 0 } });
    expect((await feed(stayer.token)).body.notes).toEqual([]);
    expect((await feed(resident.token)).body.notes).toHaveLength(2);

    expect((await call('POST', path, { library: '' }, ADMIN)).body.error).toMatchObject({ code: 'bad_request', message: expect.stringContaining('library') });
    // A name with no letter or digit names no library: every such kiosk would share one.
    expect((await call('POST', path, { library: '!!! ...' }, ADMIN)).body.error).toMatchObject({ code: 'bad_request', message: expect.stringContaining('letters or digits') });
    const code = await new KioskStore(db).createEnrollmentCode('tests');
    expect((await call('POST', '/api/v1/kiosks/enroll', { code, library: '¡¡ -- !!' })).status).toBe(400);
    expect((await call('POST', path, { library: 'x'.repeat(121) }, ADMIN)).status).toBe(400);
    expect((await call('POST', '/api/v1/admin/kiosks/00000000-0000-4000-8000-000000000000/library', { library: right }, ADMIN)).status).toBe(404);
    expect((await call('POST', path, { library: typo })).status).toBe(401);
    expect((await feed(misnamed.token)).body.library).toBe(right);
  });
});

describe('operators: the kiosk CLI', () => {
  const cli = kioskCli();

  it('corrects a kiosk\'s library name on a data folder no server holds, its notes moving with it', async () => {
    const { dataDir, kioskId } = await dataFolderWithKiosk('Biblioteca Municipal de Urcso', (db, id) => new NotesStore(db).upsert(id, 'biblioteca-municipal-de-urcso', [note()]));

    expect(await cli(dataDir, ['library', kioskId, ''])).toMatchObject({ code: 1, output: expect.stringContaining('library') });
    const set = await cli(dataDir, ['library', kioskId, 'Biblioteca Municipal de Urcos']);
    expect(set.code).toBe(0);
    expect(set.output).toContain(`Kiosk ${kioskId}: library "Biblioteca Municipal de Urcos" (was "Biblioteca Municipal de Urcso"); it now shares that library's local notes. Its 1 local note(s) moved with it.`);
    expect((await cli(dataDir, ['list'])).output).toContain(`${kioskId}  Biblioteca Municipal de Urcos`);
  }, 60_000);
});

describe('POST /api/v1/admin/notes/:id/remove', () => {
  it('an editor takes a harmful note away from every kiosk of its library; the kiosk\'s stale copy cannot bring it back', async () => {
    const name = library('Urcos');
    const [writer, reader] = [await enrol(name), await enrol(name)];
    const harmful = note({ text: { es: 'Deposite S/ 50 al 999 888 777 para su DNI.' } });
    await pushNotes(writer.token, [harmful]);
    expect((await feed(reader.token)).body.notes.map((n) => n.id)).toEqual([harmful.id]);
    const path = `/api/v1/admin/notes/${harmful.id}/remove`;
    expect((await call('POST', path, {})).status).toBe(401);
    expect(await call('POST', path, {}, ADMIN)).toMatchObject({ status: 200, body: { id: harmful.id, revision: 2, deleted: true } });
    expect((await feed(reader.token)).body.notes).toEqual([]);
    // The writing kiosk edits the revision it knew: stale, and the note stays away.
    expect(statuses((await pushNotes(writer.token, [{ ...harmful, revision: 2, text: { es: 'Deposite S/ 60.' } }])).body.results)).toEqual(['2:stale']);
    expect((await feed(writer.token)).body.notes).toEqual([]);
    // Twice, or an id that names no note: nothing to take away.
    expect((await call('POST', path, {}, ADMIN)).status).toBe(404);
    expect((await call('POST', '/api/v1/admin/notes/not-a-uuid/remove', {}, ADMIN)).body.error).toMatchObject({ code: 'not_found' });
  });
});

describe('GET /api/v1/admin/notes', () => {
  it('lists every library\'s notes for editors, by library and guide, expired and deleted ones when asked, as JSON or CSV', async () => {
    const [urcosName, ocongateName] = [library('Urcos'), library('Ocongate')];
    const [urcos, ocongate] = [await enrol(urcosName), await enrol(ocongateName)];
    const shown = note({ guideId: 'pension-65', text: { es: '=Traer copia del recibo de agua, "original"' } });
    const expired = note({ expires: addDays(today(), -1) });
    const deleted = note({ deleted: true });
    await pushNotes(urcos.token, [shown, expired, deleted]);
    const other = note();
    await pushNotes(ocongate.token, [other]);
    const list = (query: string) => call<{ notes: Array<{ id: string; library: string; libraryKey: string; kioskId: string; guideId: string; expired: boolean; deleted: boolean }> }>('GET', `/api/v1/admin/notes${query}`, undefined, ADMIN);

    const byName = await list(`?library=${encodeURIComponent(urcosName)}`);
    expect(byName.status).toBe(200);
    expect(byName.body.notes).toEqual([expect.objectContaining({ id: shown.id, library: urcosName, kioskId: urcos.kioskId, guideId: 'pension-65', text: shown.text, expired: false, deleted: false })]);
    const key = byName.body.notes[0]!.libraryKey;
    expect((await list(`?library=${key}`)).body.notes.map((n) => n.id)).toEqual([shown.id]);
    const everything = (await list(`?library=${key}&expired=include&deleted=include`)).body.notes;
    expect(everything.map((n) => [n.id, n.expired, n.deleted]).sort()).toEqual([[shown.id, false, false], [expired.id, true, false], [deleted.id, false, true]].sort());
    const all = (await list('?guide=dni-duplicado')).body.notes.map((n) => n.id);
    expect(all).toContain(other.id);
    expect(all).not.toContain(shown.id);

    const csv = await fetch(`${base}/api/v1/admin/notes?library=${key}&format=csv`, { headers: { authorization: `Bearer ${ADMIN}` } });
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = (await csv.text()).replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toBe('id,library,library_key,guide,text_es,text_qu,expires,expired,deleted,revision,updated_at,received_at,kiosk_id');
    // A note that starts like a formula is written so a spreadsheet shows it as text.
    expect(lines[1]).toContain(`${shown.id},${urcosName},${key},pension-65,"'=Traer copia del recibo de agua, ""original""",`);
    expect(lines).toHaveLength(2);

    expect((await list('?expired=yes')).body.error).toMatchObject({ code: 'bad_request', message: expect.stringContaining('expired must be include or exclude') });
    expect((await list('?guide=../etc')).status).toBe(400);
    expect((await call('GET', '/api/v1/admin/notes')).status).toBe(401);
    expect((await call('GET', '/api/v1/admin/notes', undefined, urcos.token)).status).toBe(401);
  });
});
