import { describe, expect, it } from 'vitest';
import json from './ubigeo-inei.json';
import { checkUbigeo, departments, describeUbigeo, districts, provinces, type UbigeoData } from './ubigeo';

const data: UbigeoData = json;
const collator = new Intl.Collator('es');

describe('ubigeo data', () => {
  it('has the 25 departments (Callao included), 196 provinces and 1,891 districts INEI counts', () => {
    const counts = [data.d, data.p, data.t].map((record) => Object.keys(record).length);
    expect(counts).toEqual([25, 196, 1891]);
    expect(counts[2]).toBeGreaterThanOrEqual(1850);
    expect(counts[2]).toBeLessThanOrEqual(1950);
  });

  it('keys every level by codes of the right length, with no 00 header codes', () => {
    expect(Object.keys(data.d).every((c) => /^(0[1-9]|1\d|2[0-5])$/.test(c))).toBe(true);
    expect(Object.keys(data.p).every((c) => /^\d{2}(0[1-9]|[1-9]\d)$/.test(c) && c.slice(0, 2) in data.d)).toBe(true);
    expect(Object.keys(data.t).every((c) => /^\d{4}(0[1-9]|[1-9]\d)$/.test(c) && c.slice(0, 4) in data.p)).toBe(true);
  });

  it('gives every name trimmed, capitalised, with no leftover upstream errors', () => {
    const names = [data.d, data.p, data.t].flatMap((record) => Object.values(record));
    for (const name of names) {
      expect(name).toBe(name.trim());
      expect(name).toMatch(/^[\p{Lu}\d]/u);
    }
    expect(names.filter((n) => /\b(Huanuco|Jose|Maria|Rio|Union)\b/.test(n))).toEqual([]);
    expect(names.filter((n) => / de La /.test(n))).toEqual([]);
  });

  it('carries its version and source: permissively licensed packages, nothing GPL', () => {
    expect(data.version).toMatch(/^inei-\d{4}\+ubigeos@\d+\.\d+\.\d+$/);
    expect(data.source).toMatch(/ubigeos@[\d.]+ \(ISC\) and peruuse@[\d.]+ \(MIT\)/);
    expect(data.source).not.toMatch(/GPL/);
  });

  it("writes names as INEI does where other lists differ", () => {
    expect(data.t['131103']).toBe('Marmot'); // was Compin, the district's capital
    expect(data.t['151003']).toBe('Allauca'); // was Ayauca
    expect(data.t['120906']).toBe('San Juan de Iscos'); // was San Juan de Yscos
    expect(data.t['030602']).toBe('Anco Huallo'); // INEI's file: Anco_Huallo
  });
});

describe('departments, provinces, districts', () => {
  it('lists departments sorted in Spanish order', () => {
    const list = departments(data);
    expect(list).toHaveLength(25);
    expect(list[0]).toEqual({ code: '01', name: 'Amazonas' });
    expect(list.map((d) => d.name)).toContain('Áncash');
    expect(list.find((d) => d.code === '07')).toEqual({ code: '07', name: 'Callao' });
    // Áncash sorts with the A's, not after Z as a code-point sort would put it.
    expect(list.findIndex((d) => d.name === 'Áncash')).toBeLessThan(list.findIndex((d) => d.name === 'Apurímac'));
    for (let i = 1; i < list.length; i++) {
      expect(collator.compare(list[i - 1]!.name, list[i]!.name)).toBeLessThanOrEqual(0);
    }
  });

  it('lists the provinces of a department', () => {
    const lima = provinces(data, '15');
    expect(lima).toHaveLength(10);
    expect(lima.map((p) => p.name)).toEqual([
      'Barranca', 'Cajatambo', 'Canta', 'Cañete', 'Huaral', 'Huarochirí', 'Huaura', 'Lima', 'Oyón', 'Yauyos',
    ]);
    expect(provinces(data, '07')).toEqual([{ code: '0701', name: 'Callao' }]);
    expect(provinces(data, '01').map((p) => p.code).sort()).toEqual(['0101', '0102', '0103', '0104', '0105', '0106', '0107']);
    expect(provinces(data, '16').find((p) => p.code === '1608')?.name).toBe('Putumayo');
    expect(provinces(data, '22').find((p) => p.code === '2202')?.name).toBe('Bellavista');
  });

  it('lists the districts of a province, ñ sorted after n', () => {
    const callao = districts(data, '0701');
    expect(callao.map((d) => d.name)).toEqual([
      'Bellavista', 'Callao', 'Carmen de la Legua Reynoso', 'La Perla', 'La Punta', 'Mi Perú', 'Ventanilla',
    ]);
    expect(districts(data, '1501')).toHaveLength(43);
    const names = districts(data, '2102').map((d) => d.name); // Azángaro, Puno
    expect(names.indexOf('Muñani')).toBeGreaterThan(names.indexOf('José Domingo Choquehuanca'));
    const spanish = [...names].sort((a, b) => a.localeCompare(b, 'es'));
    expect(names).toEqual(spanish);
  });

  it('includes districts created after the upstream list', () => {
    expect(districts(data, '1301').map((d) => d.name)).toContain('Alto Trujillo');
    expect(districts(data, '0809').map((d) => d.code)).toEqual(
      expect.arrayContaining(['080915', '080916', '080917', '080918']),
    );
  });

  it('returns nothing for unknown or malformed parent codes', () => {
    for (const code of ['26', '00', '1', '150', '', 'ab']) expect(provinces(data, code)).toEqual([]);
    for (const code of ['1511', '0000', '15', '150101', 'abcd']) expect(districts(data, code)).toEqual([]);
  });
});

describe('describeUbigeo', () => {
  it.each([
    ['150101', 'Lima', 'Lima', 'Lima'],
    ['080101', 'Cusco', 'Cusco', 'Cusco'],
    ['050101', 'Ayacucho', 'Huamanga', 'Ayacucho'],
    ['070101', 'Callao', 'Callao', 'Callao'],
    ['010201', 'Amazonas', 'Bagua', 'Bagua'],
    ['100101', 'Huánuco', 'Huánuco', 'Huánuco'],
    ['150132', 'Lima', 'Lima', 'San Juan de Lurigancho'],
    ['040129', 'Arequipa', 'Arequipa', 'José Luis Bustamante y Rivero'],
    ['210101', 'Puno', 'Puno', 'Puno'],
    ['160801', 'Loreto', 'Putumayo', 'Putumayo'],
    ['130112', 'La Libertad', 'Trujillo', 'Alto Trujillo'],
    ['250101', 'Ucayali', 'Coronel Portillo', 'Callería'],
    ['131103', 'La Libertad', 'Gran Chimú', 'Marmot'],
    ['080914', 'Cusco', 'La Convención', 'Megantoni'],
  ])('%s is %s / %s / %s', (code, department, province, district) => {
    expect(describeUbigeo(data, code)).toEqual({ department, province, district });
  });

  it.each(['150100', '150000', '000000', '150199', '269999', '15010', '1501011', 'abcdef', ''])(
    'is null for %j',
    (code) => {
      expect(describeUbigeo(data, code)).toBeNull();
    },
  );
});

describe('checkUbigeo', () => {
  it.each([
    ['150101', '150101'],
    [' 080101 ', '080101'],
    ['050413', '050413'],
  ])('accepts %j', (input, value) => {
    expect(checkUbigeo(data, input)).toEqual({ ok: true, value });
  });

  it.each([
    ['150100', 'ubigeo_unknown'], // a province, not a district
    ['150000', 'ubigeo_unknown'], // a department
    ['150199', 'ubigeo_unknown'],
    ['270101', 'ubigeo_unknown'],
    ['000000', 'ubigeo_unknown'],
    ['100302', 'ubigeo_unknown'], // a code INEI retired
    ['15010', 'ubigeo_format'],
    ['1501011', 'ubigeo_format'],
    ['15 01 01', 'ubigeo_format'],
    ['15-01-01', 'ubigeo_format'],
    ['lima', 'ubigeo_format'],
    ['', 'ubigeo_format'],
  ])('rejects %j with %s', (input, code) => {
    expect(checkUbigeo(data, input)).toEqual({ ok: false, code });
  });
});
