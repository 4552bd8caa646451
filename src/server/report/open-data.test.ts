// The open data against its own description: every CSV row is checked against the Table Schema
// in datapackage.json by test/server/table-schema.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kioskDay, kioskDays } from '../../../test/server/usage-rows';
import { parseCsv, validateTable } from '../../../test/server/table-schema';
import { loadUbigeo } from '../ubigeo-data';
import { aggregate } from './aggregate';
import { COLUMNS, dataPackage, openDataCsv, openDataJson, openDataRows } from './open-data';
import { suppress } from './suppress';

const places = loadUbigeo();

const resource = dataPackage().resources[0]!;
const validateCsv = (text: string) => validateTable(text, resource.schema);

describe('datapackage.json', () => {
  it('is a Frictionless tabular data package with a licence, a source and a Spanish dictionary of every column', () => {
    const pkg = dataPackage();
    expect(pkg).toMatchObject({ profile: 'tabular-data-package', name: expect.stringMatching(/^[a-z0-9._-]+$/), licenses: [{ name: 'CC-BY-4.0', path: expect.stringContaining('creativecommons.org/licenses/by/4.0') }] });
    expect(pkg.sources.length).toBeGreaterThan(0);
    expect(resource).toMatchObject({ path: 'datos.csv', format: 'csv', mediatype: 'text/csv', encoding: 'utf-8', schema: { missingValues: [''] } });
    expect(resource.schema.fields.map((f) => f.name)).toEqual([...COLUMNS]);
    for (const field of resource.schema.fields) expect(field.description.length, field.name).toBeGreaterThan(30);
  });

  it('describes every indicator in the dictionary', () => {
    const indicador = resource.schema.fields.find((f) => f.name === 'indicador')!;
    for (const name of indicador.constraints.enum as string[]) expect(indicador.description).toContain(`${name}:`);
  });
});

describe('datos.csv and datos.json', () => {
  const rows = [
    ...kioskDays(6, 'a', '2025-03-03', '080101', { sessions: 2, guidesOpened: { 'dni-duplicado': 1 }, unmetSearches: { 'partida de matrimonio': 1 } }),
    ...kioskDays(2, 'b', '2025-03-03', '080201', { sessions: 777 }),
    ...kioskDays(5, 'c', '2025-03-03', null, { sessions: 3, unmetSearches: { 'partida de matrimonio': 1 } }),
  ];
  const table = openDataRows(suppress(aggregate(rows, places)), places);
  const csv = openDataCsv(table);

  it('writes rows that the package schema accepts, suppressed ones blank and marked', () => {
    expect(validateCsv(csv)).toEqual([]);
    const records = parseCsv(csv).slice(1);
    const acomayo = records.find((r) => r[2] === '0802' && r[4] === 'sesiones');
    expect(acomayo).toEqual(['2025-03', 'provincia', '0802', 'Acomayo', 'sesiones', '', '', '', 'true']);
    expect(csv).not.toContain('777');
    expect(records.find((r) => r[1] === 'red' && r[4] === 'sesiones')).toEqual(['2025-03', 'red', '', 'Red de bibliotecas', 'sesiones', '', String(12 + 1554 + 15), '13', 'false']);
    expect(records.find((r) => r[4] === 'busquedas_sin_resultado' && r[1] === 'red')?.slice(5)).toEqual(['partida de matrimonio', '11', '11', 'false']);
  });

  it('gives the same rows in JSON, with null for what the CSV leaves blank', () => {
    const json = openDataJson(table);
    expect(json.licencia).toBe('CC-BY-4.0');
    const asCsv = json.filas.map((row) => COLUMNS.map((c) => (row[c] === null ? '' : String(row[c]))));
    expect(asCsv).toEqual(parseCsv(csv).slice(1));
  });

  it('stays valid for any kiosk-days', () => {
    const DISTRICTS = [null, '080101', '080201', '150101', '070101'];
    const arb = fc.array(
      fc.record({ kiosk: fc.nat(9), day: fc.integer({ min: 1, max: 28 }), month: fc.constantFrom('01', '02'), sessions: fc.nat(4), guide: fc.constantFrom('dni-duplicado', 'beca-18'), search: fc.constantFrom('agua', 'luz electrica') }),
      { maxLength: 60 },
    );
    fc.assert(
      fc.property(arb, (list) => {
        const input = list.map((r) =>
          kioskDay(`k${r.kiosk}`, `2025-${r.month}-${String(r.day).padStart(2, '0')}`, DISTRICTS[r.kiosk % 5]!, { sessions: r.sessions, sessionLength: r.sessions ? { from1to5: r.sessions } : {}, guidesOpened: { [r.guide]: 1 }, unmetSearches: { [r.search]: 1 } }),
        );
        const text = openDataCsv(openDataRows(suppress(aggregate(input, places)), places));
        expect(validateCsv(text)).toEqual([]);
        for (const record of parseCsv(text).slice(1)) expect(record[8] === 'true').toBe(record[6] === '' && record[7] === '');
      }),
      { numRuns: 100 },
    );
  });
});
