import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { addDays, expiresInRange, libraryKey, LocalNoteSchema, NOTE_MAX_DAYS_AHEAD, noteIsShown } from './local-notes';

const note = {
  id: '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
  guideId: 'ule-actualizar-cse',
  text: { es: 'La ULE atiende los martes.', qu: 'ULE nisqaqa martes p’unchawkunalla kichakun.' },
  expires: '2027-03-31',
  revision: 1,
  updatedAt: '2026-12-02T10:00:00.000Z',
};

describe('local notes', () => {
  it('one library whatever the case, accents, spaces and punctuation of its name', () => {
    expect(libraryKey('Biblioteca Municipal de Nauta')).toBe('biblioteca-municipal-de-nauta');
    expect(libraryKey('  biblioteca municipal  de NAUTA. ')).toBe('biblioteca-municipal-de-nauta');
    expect(libraryKey('Biblioteca de Quíquijana')).toBe(libraryKey('Biblioteca de Quiquijana'));
    expect(libraryKey('Biblioteca de Nauta')).not.toBe(libraryKey('Biblioteca de Iquitos'));
  });

  it('a note is shown through its last day, never after, never when deleted', () => {
    expect(noteIsShown(note, '2027-03-31')).toBe(true);
    expect(noteIsShown(note, '2027-04-01')).toBe(false);
    expect(noteIsShown({ ...note, deleted: true }, '2026-12-02')).toBe(false);
  });

  it('a last day is taken from yesterday to two years ahead, by the calendar', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(expiresInRange('2026-12-01', '2026-12-02')).toBe(true);
    expect(expiresInRange('2026-11-30', '2026-12-02')).toBe(false);
    expect(expiresInRange(addDays('2026-12-02', NOTE_MAX_DAYS_AHEAD), '2026-12-02')).toBe(true);
    expect(expiresInRange(addDays('2026-12-02', NOTE_MAX_DAYS_AHEAD + 2), '2026-12-02')).toBe(false);
  });

  it('the schema takes a note in Spanish only, and refuses empty, long or broken text', () => {
    expect(v.safeParse(LocalNoteSchema, { ...note, text: { es: 'Solo castellano' } }).success).toBe(true);
    expect(v.safeParse(LocalNoteSchema, { ...note, text: { es: '   ' } }).success).toBe(false);
    expect(v.safeParse(LocalNoteSchema, { ...note, text: { es: 'x'.repeat(601) } }).success).toBe(false);
    expect(v.safeParse(LocalNoteSchema, { ...note, text: { es: 'a\u0000b' } }).success).toBe(false);
    expect(v.safeParse(LocalNoteSchema, { ...note, expires: '2027-02-30' }).success).toBe(false);
    expect(v.safeParse(LocalNoteSchema, { ...note, guideId: '../x' }).success).toBe(false);
    expect(v.parse(LocalNoteSchema, note).deleted).toBe(false);
  });
});
