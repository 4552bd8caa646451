// Local notes, run against every database Chaski supports: notes.test.ts (PGlite on disk) and
// notes.pg.test.ts (PostgreSQL 15). A note is held once at its highest revision whatever
// arrives (a retry, an edit, a late older copy, pushes racing on separate connections), never
// crosses to another library, leaves the feed when deleted or past its day, and a library
// cannot keep more than MAX_NOTES_PER_LIBRARY shown. Then what the editors read.
import { v4 as uuidv4 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { addDays, libraryKey, type LocalNote, MAX_NOTES_PER_LIBRARY } from '../../src/core/local-notes';
import type { Db } from '../../src/server/db';
import { KioskStore } from '../../src/server/kiosk-store';
import { NotesStore } from '../../src/server/notes-store';

/** 10:00 in Peru on 2026-12-02: every day below is counted from it. */
const NOW = new Date('2026-12-02T15:00:00Z');
const TODAY = '2026-12-02';
const URCOS = 'Biblioteca Municipal de Urcos';
const OCONGATE = 'Biblioteca Comunal de Ocongate';

export const note = (partial: Partial<LocalNote> = {}): LocalNote => ({
  id: uuidv4(),
  guideId: 'dni-duplicado',
  text: { es: 'La oficina de RENIEC atiende martes y jueves de 8 a 1.', qu: "RENIEC wasiqa martes, jueves p'unchawkunapi kichasqa." },
  expires: addDays(TODAY, 30),
  revision: 1,
  deleted: false,
  updatedAt: '2026-12-02T14:30:00.000Z',
  ...partial,
});

export function notesSuite(name: string, freshDb: () => Promise<Db>) {
  describe(`local notes on ${name}`, () => {
    async function setup() {
      const db = await freshDb();
      const kiosks = new KioskStore(db);
      const enrol = async (library: string) => (await kiosks.enroll(await kiosks.createEnrollmentCode('tests'), library))!.kioskId;
      return { db, kiosks, notes: new NotesStore(db), enrol };
    }
    const statuses = (results: Array<{ revision: number; status: string; code?: string }>) => results.map((r) => `${r.revision}:${r.status}${r.code ? `:${r.code}` : ''}`);

    it('holds a note once: a retry is stale, an edit replaces it, a late older copy and an equal revision change nothing', async () => {
      const { notes, enrol } = await setup();
      const kiosk = await enrol(URCOS);
      const key = libraryKey(URCOS);
      const first = note({ revision: 2 });
      expect(statuses(await notes.upsert(kiosk, key, [first], NOW))).toEqual(['2:stored']);
      expect(statuses(await notes.upsert(kiosk, key, [first], NOW))).toEqual(['2:stale']);
      const edited = { ...first, revision: 3, text: { es: 'Ahora atiende solo los jueves.' } };
      expect(statuses(await notes.upsert(kiosk, key, [edited], NOW))).toEqual(['3:stored']);
      expect(statuses(await notes.upsert(kiosk, key, [{ ...first, revision: 1, text: { es: 'Vieja' } }, { ...edited, text: { es: 'Otra con la misma revisión' } }], NOW))).toEqual(['1:stale', '3:stale']);
      expect(await notes.feed(key, NOW)).toEqual([{ ...edited, text: { es: 'Ahora atiende solo los jueves.' } }]);
    });

    it('keeps the highest revision when edits of one note race, whatever order they land in', async () => {
      const { notes, enrol } = await setup();
      const [a, b] = [await enrol(URCOS), await enrol(URCOS)];
      const key = libraryKey(URCOS);
      const id = uuidv4();
      const revisions = Array.from({ length: 20 }, (_, i) => i + 1).sort(() => Math.random() - 0.5);
      const answers = await Promise.all(revisions.map((revision) => notes.upsert(revision % 2 ? a : b, key, [note({ id, revision, text: { es: `Revisión ${revision}` } })], NOW)));
      expect(answers[revisions.indexOf(20)]).toEqual([{ id, revision: 20, status: 'stored' }]);
      expect((await notes.feed(key, NOW)).map((n) => [n.revision, n.text.es])).toEqual([[20, 'Revisión 20']]);
      // The same note twice in one list: its highest revision is the one stored.
      expect(statuses(await notes.upsert(a, key, [note({ id, revision: 21 }), note({ id, revision: 22, text: { es: 'La última' } }), note({ id, revision: 22 })], NOW))).toEqual(['21:stale', '22:stored', '22:stale']);
      expect((await notes.feed(key, NOW))[0]!.text.es).toBe('La última');
    });

    it('gives a library its own notes, from all its kiosks, and never another library\'s; an id another library holds is refused and left alone', async () => {
      const { notes, enrol } = await setup();
      const [urcos1, urcos2, ocongate] = [await enrol(URCOS), await enrol('biblioteca municipal  de URCOS.'), await enrol(OCONGATE)];
      const ours = note({ guideId: 'pension-65' });
      const theirs = note({ text: { es: 'El PIAS llega el 15 de diciembre.' } });
      await notes.upsert(urcos1, libraryKey(URCOS), [ours], NOW);
      await notes.upsert(ocongate, libraryKey(OCONGATE), [theirs], NOW);
      // The second Urcos kiosk was enrolled with the name written otherwise: the same library.
      expect((await notes.feed(libraryKey('biblioteca municipal  de URCOS.'), NOW)).map((n) => n.id)).toEqual([ours.id]);
      expect((await notes.feed(libraryKey(OCONGATE), NOW)).map((n) => n.id)).toEqual([theirs.id]);

      const hijack = { ...theirs, revision: 9, text: { es: 'Texto ajeno' } };
      expect(await notes.upsert(urcos2, libraryKey(URCOS), [hijack], NOW)).toEqual([{ id: theirs.id, revision: 9, status: 'rejected', code: 'other_library' }]);
      expect(await notes.feed(libraryKey(OCONGATE), NOW)).toEqual([theirs]);
      expect((await notes.feed(libraryKey(URCOS), NOW)).map((n) => n.id)).toEqual([ours.id]);
      // The other kiosk of Urcos edits the note the first one wrote.
      expect(statuses(await notes.upsert(urcos2, libraryKey(URCOS), [{ ...ours, revision: 2 }], NOW))).toEqual(['2:stored']);
    });

    it('reads each note alone: a bad note or a last day out of range is rejected by name, the one beside it stored', async () => {
      const { notes, enrol } = await setup();
      const kiosk = await enrol(URCOS);
      const good = note();
      const results = await notes.receive(kiosk, libraryKey(URCOS), [
        { ...note(), text: { es: '   ' } },
        { ...note({ revision: 4 }), guideId: '../etc' },
        note({ expires: addDays(TODAY, -2), revision: 5 }),
        note({ expires: addDays(TODAY, 733), revision: 6 }),
        42,
        good,
        // Taking away a note whose day is long past is always allowed.
        note({ expires: '2025-01-01', deleted: true, revision: 7 }),
      ], NOW);
      expect(results.map((r) => `${r.revision}:${r.status}:${r.code ?? ''}`)).toEqual([
        '1:rejected:invalid_note', '4:rejected:invalid_note', '5:rejected:expires_out_of_range', '6:rejected:expires_out_of_range', '0:rejected:invalid_note', '1:stored:', '7:stored:',
      ]);
      expect(results[5]!.id).toBe(good.id);
      expect((await notes.feed(libraryKey(URCOS), NOW)).map((n) => n.id)).toEqual([good.id]);
    });

    it('takes a note out of the feed when deleted or past its day (a day of grace for a kiosk clock behind)', async () => {
      const { notes, enrol } = await setup();
      const kiosk = await enrol(URCOS);
      const key = libraryKey(URCOS);
      const lastDayToday = note({ expires: TODAY });
      const lastDayYesterday = note({ expires: addDays(TODAY, -1) });
      const toDelete = note();
      await notes.upsert(kiosk, key, [lastDayToday, lastDayYesterday, toDelete], NOW);
      expect(new Set((await notes.feed(key, NOW)).map((n) => n.id))).toEqual(new Set([lastDayToday.id, lastDayYesterday.id, toDelete.id]));
      const tomorrow = new Date(NOW.getTime() + 86_400_000);
      expect(new Set((await notes.feed(key, tomorrow)).map((n) => n.id))).toEqual(new Set([lastDayToday.id, toDelete.id]));

      expect(statuses(await notes.upsert(kiosk, key, [{ ...toDelete, revision: 2, deleted: true }], NOW))).toEqual(['2:stored']);
      expect((await notes.feed(key, NOW)).map((n) => n.id)).not.toContain(toDelete.id);
      // A late copy of the note before it was deleted does not bring it back.
      expect(statuses(await notes.upsert(kiosk, key, [toDelete], NOW))).toEqual(['1:stale']);
      expect((await notes.feed(key, NOW)).map((n) => n.id)).not.toContain(toDelete.id);
    });

    it(`keeps at most ${MAX_NOTES_PER_LIBRARY} shown notes per library; edits, deletions and other libraries are not held back`, async () => {
      const { notes, enrol } = await setup();
      const [kiosk, other] = [await enrol(URCOS), await enrol(OCONGATE)];
      const key = libraryKey(URCOS);
      const full = Array.from({ length: MAX_NOTES_PER_LIBRARY }, () => note());
      expect((await notes.upsert(kiosk, key, full, NOW)).every((r) => r.status === 'stored')).toBe(true);
      const extra = note();
      expect(await notes.upsert(kiosk, key, [extra], NOW)).toEqual([{ id: extra.id, revision: 1, status: 'rejected', code: 'too_many_notes' }]);
      // An edit of a note already shown adds none; a deletion makes room for the next one.
      expect(statuses(await notes.upsert(kiosk, key, [{ ...full[0]!, revision: 2, text: { es: 'Editada' } }, { ...full[1]!, revision: 2, deleted: true }, extra, note()], NOW))).toEqual(['2:stored', '2:stored', '1:stored', '1:rejected:too_many_notes']);
      expect(await notes.feed(key, NOW)).toHaveLength(MAX_NOTES_PER_LIBRARY);
      expect(statuses(await notes.upsert(other, libraryKey(OCONGATE), [note()], NOW))).toEqual(['1:stored']);
    });

    it('moves a library\'s notes with its only kiosk when an operator corrects its name, never while another kiosk is left there', async () => {
      const { notes, enrol, kiosks } = await setup();
      const [misnamed, urcos] = [await enrol('Biblioteca Municipal de Urcso'), await enrol(URCOS)];
      const written = note();
      await notes.upsert(misnamed, libraryKey('Biblioteca Municipal de Urcso'), [written], NOW);
      const [left, leaving] = [await enrol(OCONGATE), await enrol(OCONGATE)];
      const stays = note();
      await notes.upsert(leaving, libraryKey(OCONGATE), [stays], NOW);

      expect(await kiosks.setLibrary(misnamed, URCOS)).toEqual({ previous: 'Biblioteca Municipal de Urcso', notesMoved: 1 });
      expect((await notes.feed(libraryKey(URCOS), NOW)).map((n) => n.id)).toEqual([written.id]);
      expect(statuses(await notes.upsert(urcos, libraryKey(URCOS), [{ ...written, revision: 2 }], NOW))).toEqual(['2:stored']);
      expect(await kiosks.setLibrary(leaving, URCOS)).toEqual({ previous: OCONGATE, notesMoved: 0 });
      expect((await notes.feed(libraryKey(OCONGATE), NOW)).map((n) => n.id)).toEqual([stays.id]);
      expect(await kiosks.library(left)).toBe(OCONGATE);
      expect(await kiosks.library(leaving)).toBe(URCOS);
      expect(await kiosks.setLibrary('00000000-0000-4000-8000-000000000000', URCOS)).toBeNull();
    });

    it('lists every library\'s notes for editors, by library name or key and guide, expired and deleted ones when asked', async () => {
      const { notes, enrol, kiosks } = await setup();
      const [urcos, ocongate] = [await enrol(URCOS), await enrol(OCONGATE)];
      const shown = note({ guideId: 'pension-65' });
      const expired = note({ expires: addDays(TODAY, -1) });
      const deleted = note({ deleted: true });
      await notes.upsert(urcos, libraryKey(URCOS), [shown, expired, deleted], NOW);
      const elsewhere = note({ text: { es: 'Traer copia del recibo de agua.' } });
      await notes.upsert(ocongate, libraryKey(OCONGATE), [elsewhere], NOW);

      const all = await notes.adminList({}, NOW);
      expect(all.map((n) => n.id).sort()).toEqual([shown.id, elsewhere.id].sort());
      expect(all.find((n) => n.id === elsewhere.id)).toMatchObject({
        library: OCONGATE, libraryKey: 'biblioteca-comunal-de-ocongate', kioskId: ocongate, guideId: 'dni-duplicado', text: { es: 'Traer copia del recibo de agua.' },
        expires: elsewhere.expires, expired: false, deleted: false, revision: 1, updatedAt: elsewhere.updatedAt, receivedAt: expect.any(String),
      });
      expect((await notes.adminList({ libraryKey: libraryKey('BIBLIOTECA municipal de Urcos') }, NOW)).map((n) => n.id)).toEqual([shown.id]);
      expect((await notes.adminList({ guideId: 'dni-duplicado' }, NOW)).map((n) => n.id)).toEqual([elsewhere.id]);
      const everything = await notes.adminList({ libraryKey: libraryKey(URCOS), includeExpired: true, includeDeleted: true }, NOW);
      expect(everything.map((n) => [n.id, n.expired, n.deleted])).toEqual(expect.arrayContaining([[shown.id, false, false], [expired.id, true, false], [deleted.id, false, true]]));
      expect(everything).toHaveLength(3);
      expect(await kiosks.library(urcos)).toBe(URCOS);
    });
  });
}
