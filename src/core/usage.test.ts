import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { countEvent, emptyCounts, sessionLength, unmetSearchWords, UsageDaySchema, UsageRequestSchema } from './usage';

describe('what the kiosk counts', () => {
  it.each([
    ['Pensión  65', 'pension 65'],
    ['  CARNÉ de CONADIS ', 'carne de conadis'],
    ["Qhali kay t'ikray", 'qhali kay tikray'],
    ['Beca 18', 'beca 18'],
  ])('keeps the search %j as the need %j', (query, kept) => {
    expect(unmetSearchWords(query)).toBe(kept);
  });

  it.each(['DNI 45678912', '4567 8912', '45-67-89-12', '456.789.12', '987 654 321', 'ruc 20123456789', 'año 2026', 'a', '   ', '!!'])(
    'never keeps %j (a number that may be a DNI or a phone, or no words)',
    (query) => {
      expect(unmetSearchWords(query)).toBeUndefined();
    },
  );

  it('adds a session with its length, language and connection, and guide views by guide', () => {
    const counts = emptyCounts();
    countEvent(counts, { kind: 'session', minutes: 0.5, quechua: true, offline: false });
    countEvent(counts, { kind: 'session', minutes: 7, quechua: false, offline: true });
    countEvent(counts, { kind: 'guide', id: 'dni-duplicado' });
    countEvent(counts, { kind: 'guide', id: 'dni-duplicado' });
    countEvent(counts, { kind: 'notUseful', id: 'sis' });
    countEvent(counts, { kind: 'unmetSearch', text: 'DNI 45678912' });
    expect(counts).toMatchObject({
      sessions: 2,
      quechuaSessions: 1,
      offlineSessions: 1,
      sessionLength: { under1: 1, from5to15: 1 },
      guidesOpened: { 'dni-duplicado': 2 },
      guideNotUseful: { sis: 1 },
      unmetSearches: {},
    });
    expect([0, 1, 4.9, 5, 15, 200].map(sessionLength)).toEqual(['under1', 'from1to5', 'from1to5', 'from5to15', 'over15', 'over15']);
  });

  it('sends only what the schema allows: no digits run, no text where an id belongs, no minutes', () => {
    const day = (counts: object) => ({ day: '2026-12-02', revision: 1, counts: { ...emptyCounts(), ...counts } });
    expect(v.is(UsageDaySchema, day({ guidesOpened: { sis: 3 } }))).toBe(true);
    expect(v.is(UsageDaySchema, day({ unmetSearches: { 'dni 45678912': 1 } }))).toBe(false);
    expect(v.is(UsageDaySchema, day({ guidesOpened: { 'Rosa Quispe': 1 } }))).toBe(false);
    expect(v.is(UsageDaySchema, { ...day({}), day: '2026-12-02T10:31:00Z' })).toBe(false);
    expect(v.is(UsageDaySchema, day({ sessions: -1 }))).toBe(false);
    expect(v.is(UsageRequestSchema, { days: Array.from({ length: 63 }, () => day({})) })).toBe(false);
  });
});
