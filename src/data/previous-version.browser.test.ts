// What the previous app version left in a real IndexedDB, read by this one without loss: drafts
// keyed `formId` and `formId:guideId`, queued submissions sealed and in the clear, the kiosk's
// identity and push backoff, and sync facts stored as plain strings. Written here row by row as
// that version wrote them, not through this version's functions.
import * as v from 'valibot';
import { beforeEach, expect, it } from 'vitest';
import { QueuedSubmissionSchema } from '../core/protocol';
import { database } from './db';
import { loadDraft } from './drafts';
import { getKioskIdentity, getPushBackoff } from './kiosk-identity';
import { listOutboxEntries, waitingSubmissions } from './outbox';
import { patronDatabase } from './patron-db';
import { readSyncInfo } from './sync-state';

const sealed = {
  id: '01937a3e-5f7c-7cc1-8f3a-000000000001',
  formId: 'afiliacion-sis',
  formVersion: 2,
  createdAt: '2026-11-24T10:00:00.000Z',
  sealed: { v: 1, epk: { kty: 'EC', crv: 'P-256', x: 'b3pYQmZkU0ZhUlNkcHlGdmVhbGhKc3hqYkx5bnJ4a0E', y: 'c2xXUUVGZ0dPTlRzbmZ6b2FXQ1RlQWdMaU1uY1dyUVE' }, salt: 'c2FsdHNhbHRzYWx0c2FsdA', iv: 'aXZpdml2aXZpdml2', ct: 'Y2lwaGVydGV4dA' },
  status: 'waiting',
  receipt: 'K7P-4XM',
  attempts: 2,
};
const clear = {
  id: '01937a3e-5f7c-7cc1-8f3a-000000000002',
  formId: 'comentario-guia',
  formVersion: 1,
  createdAt: '2026-11-24T10:05:00.000Z',
  payload: { answers: { util: 'si', problema: 'Faltan horarios' }, context: { guideId: 'pension-65' } },
  status: 'rejected',
  receipt: 'M2Q-9TR',
  attempts: 1,
  rejection: { code: 'invalid_answers', fieldErrors: { problema: { code: 'too_long', params: { max: 500 } } } },
};

beforeEach(async () => {
  const patron = patronDatabase();
  await Promise.all([patron.outbox.clear(), patron.drafts.clear(), patron.kiosk.clear(), database().meta.clear()]);
  // Through Dexie's untyped tables: exactly the objects the previous version stored.
  await patron.table('drafts').bulkPut([
    { key: 'afiliacion-sis', formId: 'afiliacion-sis', answers: { dni: '10117410' }, updatedAt: '2026-11-24T09:59:00.000Z' },
    { key: 'comentario-guia:pension-65', formId: 'comentario-guia', answers: { problema: 'No entiendo' }, updatedAt: '2026-11-24T09:59:00.000Z' },
  ]);
  await patron.table('outbox').bulkPut([sealed, clear]);
  await patron.table('kiosk').bulkPut([
    { key: 'identity', value: { kioskId: '0193aaaa-0000-7000-8000-000000000001', token: 'tok', library: 'Biblioteca de Urcos' } },
    { key: 'pushBackoff', value: { failures: 3, nextAttemptAt: '2026-11-24T10:10:00.000Z', lastError: 'server_error' } },
  ]);
  await database().table('meta').bulkPut([
    { key: 'lastSyncError', value: 'offline' },
    { key: 'lastPullAt', value: '2026-11-24T09:00:00.000Z' },
  ]);
});

it('keeps every draft, found by form and by form and guide', async () => {
  expect(await loadDraft({ formId: 'afiliacion-sis' })).toEqual({ answers: { dni: '10117410' } });
  expect(await loadDraft({ formId: 'comentario-guia', guideId: 'pension-65' })).toEqual({ answers: { problema: 'No entiendo' } });
  expect(await loadDraft({ formId: 'comentario-guia' })).toBeUndefined();
});

it('sends what waited, as the protocol has it, and shows the librarian why one was refused', async () => {
  const waiting = await waitingSubmissions(10);
  expect(waiting.map((s) => s.id)).toEqual([sealed.id]);
  expect(v.safeParse(QueuedSubmissionSchema, waiting[0]).success).toBe(true);
  const entries = await listOutboxEntries();
  expect(entries.map((e) => [e.receipt, e.status, e.rejection?.code, e.rejection?.fields])).toEqual([
    ['K7P-4XM', 'waiting', undefined, undefined],
    ['M2Q-9TR', 'rejected', 'invalid_answers', ['problema']],
  ]);
});

it('keeps the enrolment and the sync facts, and reads a reason it no longer has as a general one', async () => {
  expect(await getKioskIdentity()).toEqual({ kioskId: '0193aaaa-0000-7000-8000-000000000001', token: 'tok', library: 'Biblioteca de Urcos' });
  expect(await getPushBackoff()).toMatchObject({ failures: 3, lastError: 'server_error' });
  expect(await readSyncInfo()).toMatchObject({ lastError: 'offline', lastPullAt: '2026-11-24T09:00:00.000Z' });
  await database().table('meta').put({ key: 'lastSyncError', value: 'no_such_reason' });
  expect((await readSyncInfo()).lastError).toBe('unexpected');
});
