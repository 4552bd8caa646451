import { describe, expect, it } from 'vitest';
import { countEvent, emptyCounts, type UsageEvent } from './usage-count';
import { previousMonth, reportMonths, summarizeMonth, summarizeUsage, type UsageDayCounts } from './usage-summary';

/** A day's counts made the way the kiosk makes them: event by event. */
function day(date: string, events: UsageEvent[]): UsageDayCounts {
  const counts = emptyCounts();
  for (const event of events) countEvent(counts, event);
  return { day: date, counts };
}

const times = (n: number, event: UsageEvent) => Array.from({ length: n }, () => event);
const session = (minutes: number, quechua = false, offline = false): UsageEvent => ({ kind: 'session', minutes, quechua, offline });

describe('the months the panel shows', () => {
  it('takes the month from the day in Peru, not in UTC', () => {
    // 1 March 03:00 UTC is still 28 February, 10 p.m., in Lima.
    expect(reportMonths(new Date('2026-03-01T03:00:00Z'))).toEqual({ thisMonth: '2026-02', lastMonth: '2026-01', fromDay: '2026-01-01', toDay: '2026-02-31' });
    expect(reportMonths(new Date('2026-03-01T05:00:00Z')).thisMonth).toBe('2026-03');
  });

  it('goes back across the new year', () => {
    expect(reportMonths(new Date('2027-01-01T12:00:00Z'))).toMatchObject({ thisMonth: '2027-01', lastMonth: '2026-12', fromDay: '2026-12-01' });
    expect(['2026-10', '2026-01', '2026-12'].map(previousMonth)).toEqual(['2026-09', '2025-12', '2026-11']);
  });
});

describe('a month of usage, added up', () => {
  const days = [
    day('2026-11-30', [...times(4, session(3, true)), { kind: 'guide', id: 'sis' }]),
    day('2026-12-01', [session(0.5, true), session(2), session(20, false, true), ...times(3, { kind: 'guide', id: 'dni-duplicado' }), { kind: 'guide', id: 'sis' }, { kind: 'form', id: 'afiliacion-sis' }]),
    day('2026-12-14', [session(7, true, true), ...times(2, { kind: 'guide', id: 'sis' }), { kind: 'category', id: 'salud' }, { kind: 'form', id: 'afiliacion-sis' }, { kind: 'form', id: 'libro-reclamaciones' }]),
    day('2027-01-01', [session(1)]),
  ];

  it('counts only the days of that month', () => {
    const december = summarizeMonth(days, '2026-12');
    expect(december).toMatchObject({ month: '2026-12', daysCounted: 2, sessions: 4, quechuaSessions: 2, quechuaPercent: 50, offlineSessions: 2, formsSentTotal: 3 });
    expect(december.sessionLength).toEqual([
      { length: 'under1', count: 1 },
      { length: 'from1to5', count: 1 },
      { length: 'from5to15', count: 1 },
      { length: 'over15', count: 1 },
    ]);
    expect(december.guides).toEqual({ entries: [{ id: 'dni-duplicado', count: 3 }, { id: 'sis', count: 3 }], more: 0 });
    expect(december.categories.entries).toEqual([{ id: 'salud', count: 1 }]);
    expect(december.forms.entries).toEqual([{ id: 'afiliacion-sis', count: 2 }, { id: 'libro-reclamaciones', count: 1 }]);
  });

  it('gives this month and the last at a moment in Peru', () => {
    // 1 January 2027, 02:00 UTC: still 31 December in Lima.
    const { thisMonth, lastMonth } = summarizeUsage(days, new Date('2027-01-01T02:00:00Z'));
    expect([thisMonth.month, thisMonth.sessions, lastMonth.month, lastMonth.sessions]).toEqual(['2026-12', 4, '2026-11', 4]);
    expect(lastMonth.quechuaPercent).toBe(100);
    expect(summarizeUsage(days, new Date('2027-01-01T06:00:00Z')).thisMonth.sessions).toBe(1);
  });

  it('says there is nothing rather than a share of nothing', () => {
    const empty = summarizeMonth([day('2026-12-03', [])], '2026-12');
    expect(empty).toMatchObject({ daysCounted: 0, sessions: 0, quechuaPercent: undefined, formsSentTotal: 0 });
    expect(empty.guides).toEqual({ entries: [], more: 0 });
    expect(empty.sessionLength.map((l) => l.count)).toEqual([0, 0, 0, 0]);
  });

  it('rounds the share in Quechua to a whole percent', () => {
    const month = summarizeMonth([day('2026-12-02', [session(1, true), session(1), session(1)])], '2026-12');
    expect(month.quechuaPercent).toBe(33);
  });
});

describe('lists', () => {
  it('keeps the first few, most first, ties in the order of their ids, and counts the rest', () => {
    const events = [
      ...times(2, { kind: 'guide', id: 'pension-65' } as const),
      ...times(5, { kind: 'guide', id: 'sis' } as const),
      ...['e', 'd', 'c', 'b', 'a'].map((id) => ({ kind: 'guide', id: `guia-${id}` }) as const),
    ];
    const month = summarizeMonth([day('2026-12-05', events)], '2026-12', 4);
    expect(month.guides.entries).toEqual([
      { id: 'sis', count: 5 },
      { id: 'pension-65', count: 2 },
      { id: 'guia-a', count: 1 },
      { id: 'guia-b', count: 1 },
    ]);
    expect(month.guides.more).toBe(3);
  });

  it('adds the same key across days before ranking', () => {
    const month = summarizeMonth(
      [day('2026-12-01', times(3, { kind: 'guide', id: 'beca-18' })), day('2026-12-02', times(2, { kind: 'guide', id: 'sis' })), day('2026-12-03', times(2, { kind: 'guide', id: 'sis' }))],
      '2026-12',
    );
    expect(month.guides.entries).toEqual([{ id: 'sis', count: 4 }, { id: 'beca-18', count: 3 }]);
  });

  it('lists guides found not useful: more no than yes first, then most no, then fewest yes', () => {
    const votes = (id: string, yes: number, no: number): UsageEvent[] => [...times(yes, { kind: 'useful', id }), ...times(no, { kind: 'notUseful', id })];
    const month = summarizeMonth(
      [
        day('2026-12-01', [...votes('sis', 9, 3), ...votes('dni', 1, 2), ...votes('beca', 0, 1), ...votes('onp', 5, 0)]),
        day('2026-12-20', [...votes('juntos', 4, 3), ...votes('dni', 0, 1), ...votes('mype', 3, 3)]),
      ],
      '2026-12',
    );
    expect(month.notUseful.entries).toEqual([
      { id: 'dni', useful: 1, notUseful: 3 },
      { id: 'beca', useful: 0, notUseful: 1 },
      { id: 'mype', useful: 3, notUseful: 3 },
      { id: 'juntos', useful: 4, notUseful: 3 },
      { id: 'sis', useful: 9, notUseful: 3 },
    ]);
    // A guide nobody said no to is not on the list.
    expect(month.notUseful.more).toBe(0);
  });

  it('lists searches that found nothing, most first', () => {
    const month = summarizeMonth(
      [
        day('2026-12-01', [...times(2, { kind: 'unmetSearch', text: 'Licencia de conducir' }), { kind: 'unmetSearch', text: 'partida de bautizo' }]),
        day('2026-12-02', [{ kind: 'unmetSearch', text: 'licencia  de CONDUCIR' }, { kind: 'unmetSearch', text: 'DNI 45678912' }]),
      ],
      '2026-12',
    );
    expect(month.unmetSearches).toEqual({ entries: [{ id: 'licencia de conducir', count: 3 }, { id: 'partida de bautizo', count: 1 }], more: 0 });
  });
});
