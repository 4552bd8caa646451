// Adding kiosk-days up into cells: the right areas, the right numbers, kiosk-days counted once,
// and nothing published that must not be (a bad id, a search with a DNI in it).
import { describe, expect, it } from 'vitest';
import { kioskDay, kioskDays } from '../../../test/server/usage-rows';
import { loadUbigeo } from '../ubigeo-data';
import { aggregate, areasOf, type Cell } from './aggregate';

const places = loadUbigeo();
const find = (cells: Cell[], area: string, indicator: string, key = '') => cells.find((c) => c.area === area && c.indicator === indicator && c.key === key);

describe('areasOf', () => {
  it('places a district in its department and province, never lower', () => {
    expect(areasOf('080101', places)).toEqual(['red', '08', '0801']);
  });

  it('counts a kiosk without a known district in the network only, as its "no district" part', () => {
    expect(areasOf(null, places)).toEqual(['red', 'sin_distrito']);
    expect(areasOf('990101', places)).toEqual(['red', 'sin_distrito']);
    expect(areasOf('08', places)).toEqual(['red', 'sin_distrito']);
  });
});

describe('aggregate', () => {
  it('adds values and counts the kiosk-days that contributed to each cell', () => {
    const rows = [
      ...kioskDays(3, 'cusco-', '2025-03-04', '080101', { sessions: 2, quechuaSessions: 1, guidesOpened: { 'dni-duplicado': 3 } }),
      kioskDay('cusco-1', '2025-03-05', '080101', { sessions: 1, guidesOpened: { 'pension-65': 1 } }),
      kioskDay('lima-1', '2025-03-05', '150101', { sessions: 4, sessionLength: { under1: 3, over15: 1 } }),
      kioskDay('nowhere-1', '2025-03-06', null, { sessions: 5, offlineSessions: 5 }),
    ];
    const cells = aggregate(rows, places);
    expect(find(cells, 'red', 'sesiones')).toMatchObject({ month: '2025-03', value: 16, kioskDays: 6 });
    expect(find(cells, '08', 'sesiones')).toMatchObject({ value: 7, kioskDays: 4 });
    expect(find(cells, '0801', 'sesiones_quechua')).toMatchObject({ value: 3, kioskDays: 3 });
    expect(find(cells, '0801', 'guias_abiertas')).toMatchObject({ value: 10, kioskDays: 4 });
    expect(find(cells, '0801', 'guias_abiertas', 'dni-duplicado')).toMatchObject({ value: 9, kioskDays: 3 });
    expect(find(cells, 'red', 'sesiones_duracion', 'menos_de_1_min')).toMatchObject({ value: 3, kioskDays: 1 });
    expect(find(cells, 'red', 'sesiones_duracion', '15_min_o_mas')).toMatchObject({ value: 1, kioskDays: 1 });
    expect(find(cells, 'sin_distrito', 'sesiones_sin_conexion')).toMatchObject({ value: 5, kioskDays: 1 });
    // The departments and the "no district" part add up to the network.
    const children = cells.filter((c) => c.indicator === 'sesiones' && ['08', '15', 'sin_distrito'].includes(c.area));
    expect(children.reduce((sum, c) => sum + c.value, 0)).toBe(16);
    expect(cells.every((c) => c.area.length !== 6)).toBe(true);
  });

  it('makes no cell for what nobody counted, and no total for searches', () => {
    const cells = aggregate([kioskDay('k', '2025-03-01', '080101', { sessions: 0, unmetSearches: { 'partida de nacimiento': 2 } })], places);
    expect(find(cells, 'red', 'sesiones')).toBeUndefined();
    expect(find(cells, 'red', 'busquedas_sin_resultado', 'partida de nacimiento')).toMatchObject({ value: 2, kioskDays: 1 });
    expect(find(cells, 'red', 'busquedas_sin_resultado')).toBeUndefined();
  });

  it('counts a kiosk-day once even if the source repeats it', () => {
    const row = kioskDay('k', '2025-03-01', '080101', { sessions: 3 });
    expect(find(aggregate([row, { ...row }], places), 'red', 'sesiones')).toMatchObject({ value: 3, kioskDays: 1 });
  });

  it('keeps months apart', () => {
    const cells = aggregate([kioskDay('k', '2025-02-28', null, { sessions: 1 }), kioskDay('k', '2025-03-01', null, { sessions: 2 })], places);
    expect(cells.filter((c) => c.area === 'red' && c.indicator === 'sesiones').map((c) => [c.month, c.value])).toEqual([
      ['2025-02', 1],
      ['2025-03', 2],
    ]);
  });

  it('never publishes a search holding 4 digits in a row, or a key that is not an id, even if the store had one', () => {
    const cells = aggregate(
      [kioskDay('k', '2025-03-01', null, { guidesOpened: { 'dni-duplicado': 1, 'Not An Id': 4 }, unmetSearches: { 'dni 4567 8912': 1, 'dni 45678912': 1, beca: 1 } })],
      places,
    );
    expect(cells.filter((c) => c.area === 'red').map((c) => `${c.indicator}:${c.key}`).sort()).toEqual([
      'busquedas_sin_resultado:beca',
      'guias_abiertas:',
      'guias_abiertas:dni-duplicado',
    ]);
    expect(find(cells, 'red', 'guias_abiertas')!.value).toBe(1);
  });
});
