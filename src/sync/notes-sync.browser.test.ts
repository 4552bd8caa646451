// Runs in real Chromium with real IndexedDB: a librarian's local notes saved offline, sent to a
// tiny notes route written here the way the contract says a server keeps them (each note at
// its highest revision, one list per library; core/local-notes.ts), and the library's list
// taken back. Two kiosks are two tokens of one library; a third token is another library.
import { beforeEach, describe, expect, it } from 'vitest';
import type { LocalNote, NoteResult } from '../core/local-notes';
import { saveKioskIdentity } from '../data/kiosk-identity';
import { notesForGuide, notesForPanel } from '../data/local-notes';
import { deleteLocalNote, saveLocalNote } from '../data/local-notes-edit';
import { applyNotesFeed, notesToSend } from '../data/local-notes-sync';
import { patronDatabase } from '../data/patron-db';
import { saveEnrolment } from '../data/enrolment';
import { syncNotes } from './notes-sync';

const BASE = 'http://kiosk.test';
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const LIBRARY_OF: Record<string, string> = { 'token-nauta-1': 'nauta', 'token-nauta-2': 'nauta', 'token-iquitos': 'iquitos' };

function notesServer() {
  const held = new Map<string, LocalNote & { library: string }>();
  let posts = 0;
  const fetch = async (url: URL | RequestInfo, init?: RequestInit) => {
    if (new URL(String(url)).pathname !== '/api/v1/notes') return json({ error: { code: 'not_found', message: 'no such route' } }, 404);
    const token = new Headers(init?.headers).get('authorization')?.replace('Bearer ', '') ?? '';
    const library = LIBRARY_OF[token];
    if (!library) return json({ error: { code: 'unauthorized', message: 'no' } }, 401);
    if (init?.method !== 'POST') {
      const notes = [...held.values()].filter((n) => n.library === library && !n.deleted).map(({ library: _l, ...note }) => note);
      return json({ library, notes });
    }
    posts++;
    const { notes } = JSON.parse(String(init.body)) as { notes: LocalNote[] };
    const results: NoteResult[] = notes.map((note) => {
      const before = held.get(note.id);
      if (before && before.library !== library) return { id: note.id, revision: note.revision, status: 'rejected', code: 'other_library' };
      if (note.text.es.includes('RECHAZAR')) return { id: note.id, revision: note.revision, status: 'rejected', code: 'too_many_notes' };
      if (before && before.revision >= note.revision) return { id: note.id, revision: note.revision, status: 'stale' };
      held.set(note.id, { ...note, library });
      return { id: note.id, revision: note.revision, status: 'stored' };
    });
    return json({ results });
  };
  return { fetch: fetch as typeof globalThis.fetch, held, posts: () => posts };
}

const NOW = new Date('2026-12-02T15:00:00Z');
const asKiosk = (token: string, library = 'Biblioteca Municipal de Nauta') => saveKioskIdentity({ kioskId: token, token, library });
/** Switches the one IndexedDB of this test between kiosks: what a kiosk holds is its table. */
const wipe = () => patronDatabase().localNotes.clear();

beforeEach(async () => {
  const db = patronDatabase();
  await Promise.all([db.localNotes.clear(), db.kiosk.clear()]);
  await asKiosk('token-nauta-1');
});

describe('local notes on the kiosk', () => {
  it('a note typed offline is shown on its guide at once, waits, and is sent once', async () => {
    const saved = await saveLocalNote({ guideId: 'ule-actualizar-cse', es: 'La ULE atiende martes y jueves.', qu: 'ULE nisqaqa martes, jueves punchawkunallam kichakun.', expires: '2027-03-31' }, NOW);
    expect(saved.ok).toBe(true);
    expect((await notesForGuide('ule-actualizar-cse', NOW)).map((n) => n.text.es)).toEqual(['La ULE atiende martes y jueves.']);
    expect(await notesToSend(100)).toHaveLength(1);

    const server = notesServer();
    expect(await syncNotes({ fetch: server.fetch, baseUrl: BASE })).toEqual({ status: 'done', sent: 1, library: 1 });
    expect(await notesToSend(100)).toHaveLength(0);
    // A second run sends nothing: the edit went exactly once.
    expect(await syncNotes({ fetch: server.fetch, baseUrl: BASE })).toEqual({ status: 'done', sent: 0, library: 1 });
    expect(server.posts()).toBe(1);
    expect((await notesForGuide('ule-actualizar-cse', NOW))[0]!.text.qu).toContain('ULE');
  });

  it('refuses an empty Spanish text and a past day, storing nothing', async () => {
    expect(await saveLocalNote({ guideId: 'sis-gratuito', es: '   ', expires: '2027-01-01' }, NOW)).toMatchObject({ ok: false, problem: 'empty' });
    expect(await saveLocalNote({ guideId: 'sis-gratuito', es: 'Campaña', expires: '2026-12-01' }, NOW)).toMatchObject({ ok: false, problem: 'expires' });
    expect(await notesForPanel()).toEqual([]);
  });

  it('a note reaches the other kiosk of the library, not a kiosk of another library', async () => {
    const server = notesServer();
    await saveLocalNote({ guideId: 'pias-plataformas-itinerantes', es: 'La PIAS llega al puerto el 15 de enero.', expires: '2027-01-15' }, NOW);
    await syncNotes({ fetch: server.fetch, baseUrl: BASE });

    await wipe();
    await asKiosk('token-nauta-2');
    await syncNotes({ fetch: server.fetch, baseUrl: BASE });
    expect((await notesForGuide('pias-plataformas-itinerantes', NOW)).map((n) => n.text.es)).toEqual(['La PIAS llega al puerto el 15 de enero.']);

    await wipe();
    await asKiosk('token-iquitos', 'Biblioteca de Iquitos');
    await syncNotes({ fetch: server.fetch, baseUrl: BASE });
    expect(await notesForGuide('pias-plataformas-itinerantes', NOW)).toEqual([]);
  });

  it('a note past its last day is gone from the guide', async () => {
    await saveLocalNote({ guideId: 'dni-menor', es: 'Campaña gratis de RENIEC el sábado.', expires: '2026-12-05' }, NOW);
    expect(await notesForGuide('dni-menor', new Date('2026-12-06T04:59:00Z'))).toHaveLength(1);
    expect(await notesForGuide('dni-menor', new Date('2026-12-06T05:00:00Z'))).toEqual([]);
  });

  it('an edit keeps one note with a higher revision; a removal travels and then the note is forgotten', async () => {
    const server = notesServer();
    const first = await saveLocalNote({ guideId: 'juntos', es: 'Pregunte por el gestor local.', expires: '2027-02-01' }, NOW);
    if (!first.ok) throw new Error('not saved');
    await syncNotes({ fetch: server.fetch, baseUrl: BASE });
    await saveLocalNote({ id: first.note.id, guideId: 'juntos', es: 'El gestor de Juntos viene los lunes.', expires: '2027-02-01' }, NOW);
    const panel = await notesForPanel();
    expect(panel).toHaveLength(1);
    expect(panel[0]).toMatchObject({ revision: 2, sentRevision: 1, text: { es: 'El gestor de Juntos viene los lunes.' } });
    await syncNotes({ fetch: server.fetch, baseUrl: BASE });
    expect(server.held.get(first.note.id)).toMatchObject({ revision: 2 });

    await deleteLocalNote(first.note.id, NOW);
    expect(await notesForGuide('juntos', NOW)).toEqual([]);
    await syncNotes({ fetch: server.fetch, baseUrl: BASE });
    expect(server.held.get(first.note.id)).toMatchObject({ revision: 3, deleted: true });
    expect(await patronDatabase().localNotes.count()).toBe(0);
  });

  it('an edit not yet sent survives the feed; a refused note is kept for the panel and never resent', async () => {
    const server = notesServer();
    await saveLocalNote({ guideId: 'vaso-de-leche', es: 'RECHAZAR esta nota.', expires: '2027-02-01' }, NOW);
    await syncNotes({ fetch: server.fetch, baseUrl: BASE });
    const [refused] = await notesForPanel();
    expect(refused).toMatchObject({ rejection: 'too_many_notes' });
    expect(await notesForGuide('vaso-de-leche', NOW)).toEqual([]);
    await syncNotes({ fetch: server.fetch, baseUrl: BASE });
    expect(server.posts()).toBe(1);

    // Offline edit, then a feed that does not know it yet: the edit stays, and goes next time.
    await saveLocalNote({ guideId: 'cred-vacunas', es: 'Vacunación en la posta el martes.', expires: '2027-01-10' }, NOW);
    await applyNotesFeed({ library: 'Nauta', notes: [] });
    expect(await notesToSend(100)).toHaveLength(1);
  });

  it('a kiosk enrolled again in another library forgets the first library’s notes', async () => {
    await saveLocalNote({ guideId: 'sis-gratuito', es: 'La posta atiende de 8 a 1.', expires: '2027-01-10' }, NOW);
    await saveEnrolment({ kioskId: 'k2', token: 'token-nauta-1', library: 'biblioteca municipal de NAUTA' });
    expect(await notesForPanel()).toHaveLength(1);
    await saveEnrolment({ kioskId: 'k3', token: 'token-iquitos', library: 'Biblioteca de Iquitos' });
    expect(await notesForPanel()).toEqual([]);
  });
});
