// Suppression: hand-made cases with known numbers, then properties over random kiosk-days. The
// properties check the output against an oracle written here from the rules alone (not from
// suppress.ts's own grouping): every published figure is exact and has 5 kiosk-days, and no
// total that is published leaves exactly one hidden part to recover by subtraction.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SESSION_LENGTHS, type UsageReportRow } from '../../core/usage';
import { kioskDay, kioskDays } from '../../../test/server/usage-rows';
import { loadUbigeo } from '../ubigeo-data';
import { aggregate } from './aggregate';
import { suppress, type ReportCell } from './suppress';

const places = loadUbigeo();
const report = (rows: UsageReportRow[]) => suppress(aggregate(rows, places));
const find = (cells: ReportCell[], area: string, indicator: string, key = '') => cells.find((c) => c.area === area && c.indicator === indicator && c.key === key);
const shown = (cell: ReportCell | undefined) => (cell === undefined ? 'absent' : cell.suppressed ? 'suppressed' : cell.value);

describe('suppress, by hand', () => {
  it('hides a province under 5 kiosk-days, and the smallest other province so the department cannot give it away', () => {
    const cells = report([
      ...kioskDays(6, 'a', '2025-03-03', '080101', { sessions: 2 }), // Cusco: 12 in 6 kiosk-days
      ...kioskDays(2, 'b', '2025-03-03', '080201', { sessions: 1 }), // Acomayo: 2 in 2
      ...kioskDays(5, 'c', '2025-03-03', '080301', { sessions: 3 }), // Anta: 15 in 5
      ...kioskDays(5, 'd', '2025-03-03', '150101', { sessions: 1 }),
    ]);
    expect(shown(find(cells, '0802', 'sesiones'))).toBe('suppressed');
    expect(shown(find(cells, '0801', 'sesiones'))).toBe('suppressed'); // 12 < 15: the smaller one
    expect(shown(find(cells, '0803', 'sesiones'))).toBe(15);
    expect(shown(find(cells, '08', 'sesiones'))).toBe(29);
    expect(shown(find(cells, 'red', 'sesiones'))).toBe(34);
  });

  it('hides a second guide when only one guide of a published total is hidden', () => {
    const cells = report([
      ...kioskDays(6, 'a', '2025-03-03', null, { guidesOpened: { 'dni-duplicado': 1 } }),
      ...kioskDays(1, 'b', '2025-03-03', null, { guidesOpened: { 'pension-65': 7 } }),
      ...kioskDays(5, 'c', '2025-03-03', null, { guidesOpened: { 'beca-18': 2 } }),
    ]);
    expect(shown(find(cells, 'red', 'guias_abiertas'))).toBe(23);
    expect(shown(find(cells, 'red', 'guias_abiertas', 'pension-65'))).toBe('suppressed');
    expect(shown(find(cells, 'red', 'guias_abiertas', 'dni-duplicado'))).toBe('suppressed'); // 6 < 10
    expect(shown(find(cells, 'red', 'guias_abiertas', 'beca-18'))).toBe(10);
  });

  it('hides a total when its only part is hidden, and a lone province when its department is hidden', () => {
    const cells = report([
      // Cusco (one province): 5 kiosk-days, every session under a minute.
      ...kioskDays(5, 'a', '2025-03-03', '080101', { sessions: 1, sessionLength: { under1: 1 } }),
      // Lima: 5 long sessions in 5 kiosk-days, and 1 short one on 1 kiosk-day.
      ...kioskDays(5, 'b', '2025-03-03', '150101', { sessions: 1, sessionLength: { over15: 1 } }),
      kioskDay('c', '2025-03-03', '150101', { sessions: 1, sessionLength: { under1: 1 } }),
    ]);
    // Lima's one short session is hidden, so Cusco's short sessions are hidden (the network's
    // would give them away); Cusco's sessions, which equal its short ones, are hidden; so is the
    // province of Cusco, which would tell what its department hides; then Lima's sessions (the
    // network total would give them away), and so on until every equation has 0 or 2 unknowns.
    expect(shown(find(cells, '15', 'sesiones_duracion', 'menos_de_1_min'))).toBe('suppressed');
    expect(shown(find(cells, '08', 'sesiones_duracion', 'menos_de_1_min'))).toBe('suppressed');
    expect(shown(find(cells, '08', 'sesiones'))).toBe('suppressed');
    expect(shown(find(cells, '0801', 'sesiones'))).toBe('suppressed');
    expect(shown(find(cells, '15', 'sesiones'))).toBe('suppressed');
    expect(shown(find(cells, '1501', 'sesiones'))).toBe('suppressed');
    expect(shown(find(cells, 'red', 'sesiones'))).toBe(11);
    expect(cells.filter((c) => !c.suppressed).map((c) => `${c.area} ${c.indicator}`)).toEqual(['red sesiones']);
  });

  it('publishes a search seen on 5 kiosk-days and leaves out, words and all, one seen on fewer', () => {
    const cells = report([
      ...kioskDays(5, 'a', '2025-03-03', null, { unmetSearches: { 'partida de matrimonio': 1 } }),
      ...kioskDays(4, 'b', '2025-03-03', null, { unmetSearches: { 'juan perez quispe': 9 } }),
    ]);
    expect(shown(find(cells, 'red', 'busquedas_sin_resultado', 'partida de matrimonio'))).toBe(5);
    expect(cells.some((c) => c.key.includes('juan'))).toBe(false);
  });

  it('leaves out a search in the one department whose count the network total would give away', () => {
    const cells = report([
      ...kioskDays(5, 'a', '2025-03-03', '080101', { unmetSearches: { 'agua potable': 1 } }),
      kioskDay('b', '2025-03-03', '150101', { unmetSearches: { 'agua potable': 1 } }),
    ]);
    expect(shown(find(cells, 'red', 'busquedas_sin_resultado', 'agua potable'))).toBe(6);
    expect(shown(find(cells, '08', 'busquedas_sin_resultado', 'agua potable'))).toBe('absent');
    expect(shown(find(cells, '15', 'busquedas_sin_resultado', 'agua potable'))).toBe('absent');
  });
});

// ---------------------------------------------------------------------------------------------
// Properties over random kiosk-days.

const DISTRICTS = [null, '080101', '080108', '080201', '150101', '150102', '211101', '990101'];
const GUIDES = ['dni-duplicado', 'pension-65', 'beca-18'];
const SEARCHES = ['agua potable', 'partida', 'beca'];
const small = fc.integer({ min: 0, max: 3 });
const byKey = (keys: readonly string[]) => fc.dictionary(fc.constantFrom(...keys), fc.integer({ min: 1, max: 3 }), { maxKeys: keys.length });

const rowArb = fc.record({
  kiosk: fc.integer({ min: 1, max: 12 }),
  day: fc.integer({ min: 1, max: 4 }),
  district: fc.constantFrom(...DISTRICTS),
  sessions: small,
  quechua: small,
  lengths: byKey(SESSION_LENGTHS),
  guides: byKey(GUIDES),
  useful: byKey(GUIDES),
  searches: byKey(SEARCHES),
});
// Several kiosks share a district, so many cells sit right around the 5 kiosk-days line.
const rowsArb = fc.array(rowArb, { maxLength: 80 }).map((list) =>
  list.map((r) =>
    kioskDay(`k${r.kiosk}`, `2025-03-0${r.day}`, DISTRICTS[r.kiosk % DISTRICTS.length] ?? r.district, {
      sessions: r.sessions,
      quechuaSessions: r.quechua,
      sessionLength: r.lengths,
      guidesOpened: r.guides,
      guideUseful: r.useful,
      unmetSearches: r.searches,
    }),
  ),
);

type Truth = Map<string, { value: number; days: Set<string> }>;

/** The figures the rules say, computed the plain way: every (area, indicator, key). */
function oracle(rows: UsageReportRow[]): Truth {
  const truth: Truth = new Map();
  const seen = new Set<string>();
  const lengthKey = { under1: 'menos_de_1_min', from1to5: 'de_1_a_5_min', from5to15: 'de_5_a_15_min', over15: '15_min_o_mas' };
  for (const row of rows) {
    const kioskDay = `${row.kioskId}/${row.day}`;
    if (seen.has(kioskDay)) continue;
    seen.add(kioskDay);
    const known = row.district && row.district !== '990101';
    const areas = known ? ['red', row.district!.slice(0, 2), row.district!.slice(0, 4)] : ['red', 'sin_distrito'];
    const add = (indicator: string, key: string, n: number) => {
      if (n <= 0) return;
      for (const area of areas) {
        const id = `${area}|${indicator}|${key}`;
        const cell = truth.get(id) ?? { value: 0, days: new Set<string>() };
        cell.value += n;
        cell.days.add(kioskDay);
        truth.set(id, cell);
      }
    };
    const c = row.counts;
    add('sesiones', '', c.sessions);
    add('sesiones_quechua', '', c.quechuaSessions);
    for (const [k, n] of Object.entries(c.sessionLength)) add('sesiones_duracion', lengthKey[k as keyof typeof lengthKey], n);
    for (const [k, n] of Object.entries(c.guidesOpened)) add('guias_abiertas', k, n);
    add('guias_abiertas', '', Object.values(c.guidesOpened).reduce((a, b) => a + b, 0));
    for (const [k, n] of Object.entries(c.guideUseful)) add('guia_util_si', k, n);
    add('guia_util_si', '', Object.values(c.guideUseful).reduce((a, b) => a + b, 0));
    for (const [k, n] of Object.entries(c.unmetSearches)) add('busquedas_sin_resultado', k, n);
  }
  return truth;
}

const parentOf = (area: string) => (area === 'red' ? null : area.length === 4 ? area.slice(0, 2) : 'red');

describe('suppress, for any kiosk-days', () => {
  it('publishes only exact figures that 5 or more kiosk-days added to, and nothing below a province', () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const truth = oracle(rows);
        for (const cell of report(rows)) {
          expect(['red', 'sin_distrito'].includes(cell.area) || /^\d{2}(\d{2})?$/.test(cell.area)).toBe(true);
          const real = truth.get(`${cell.area}|${cell.indicator}|${cell.key}`);
          expect(real, `${cell.area} ${cell.indicator} ${cell.key}`).toBeDefined();
          expect(cell.kioskDays).toBe(real!.days.size);
          if (!cell.suppressed) {
            expect(cell.kioskDays).toBeGreaterThanOrEqual(5);
            expect(cell.value).toBe(real!.value);
          }
          if (cell.indicator === 'busquedas_sin_resultado') expect(cell.suppressed).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never leaves an additive group with exactly one unknown (total or part)', () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const truth = oracle(rows);
        const out = new Map(report(rows).map((c) => [`${c.area}|${c.indicator}|${c.key}`, c]));
        const published = (id: string) => out.get(id)?.suppressed === false;
        // Groups from the truth: every part that is really nonzero, whether or not it was printed.
        const groups = new Map<string, string[]>();
        const join = (total: string, part: string) => groups.set(total, [...(groups.get(total) ?? []), part]);
        for (const id of truth.keys()) {
          const [area, indicator, key] = id.split('|') as [string, string, string];
          const parent = parentOf(area);
          if (parent) join(`areas>${parent}|${indicator}|${key}`, id);
          if (indicator === 'sesiones_duracion') join(`keys>${area}|sesiones|`, id);
          else if (key !== '' && indicator !== 'busquedas_sin_resultado') join(`keys>${area}|${indicator}|`, id);
        }
        for (const [name, parts] of groups) {
          const total = name.slice(name.indexOf('>') + 1);
          if (!truth.has(total)) continue;
          // The brief's rule: under a published total, 0 or at least 2 hidden parts.
          const hidden = parts.filter((id) => !published(id)).length;
          if (published(total)) expect(hidden === 0 || hidden >= 2, `${name}: ${hidden} hidden of ${parts.length}`).toBe(true);
          // And the equation as a whole: a hidden total is not left as its parts' sum either.
          const unknowns = hidden + (published(total) ? 0 : 1);
          expect(unknowns === 0 || unknowns >= 2, `${name}: ${unknowns} unknowns`).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same answer whatever order the kiosk-days come in', () => {
    fc.assert(
      fc.property(rowsArb, fc.integer(), (rows, seed) => {
        const shuffled = [...rows].sort((a, b) => ((a.kioskId + a.day + seed).length % 3) - ((b.kioskId + b.day + seed).length % 3));
        const key = (cells: ReportCell[]) => cells.map((c) => `${c.area}|${c.indicator}|${c.key}|${c.suppressed}`).sort();
        // Kiosk-days are distinct in a real store; duplicates would keep whichever came first.
        const unique = [...new Map(rows.map((r) => [`${r.kioskId}/${r.day}`, r])).values()];
        const uniqueShuffled = shuffled.filter((r) => unique.includes(r));
        expect(key(report(uniqueShuffled))).toEqual(key(report(unique)));
      }),
      { numRuns: 100 },
    );
  });
});
