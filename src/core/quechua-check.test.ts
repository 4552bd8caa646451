import { describe, expect, it } from 'vitest';
import { checkQuechua, localizedTexts, wordsWithEorO } from './quechua-check';

const allow = { names: ['Banco de la Nación', 'Pensión 65', 'SIS Gratuito', 'Juntos'], same: ['EsSalud'] };

describe('Quechua content rules', () => {
  it('finds every text pair in a record, with its path, but not the search keywords', () => {
    const record = {
      title: { es: 'Título', qu: 'Suti' },
      steps: [{ es: 'Paso', qu: 'Ruray' }],
      fields: [{ options: [{ value: 'x', label: { es: 'Sí' } }] }],
      keywords: { es: ['dni'], qu: ['dni'] },
    };
    expect(localizedTexts(record)).toEqual([
      { field: 'title', es: 'Título', qu: 'Suti' },
      { field: 'steps.0', es: 'Paso', qu: 'Ruray' },
      { field: 'fields.0.options.0.label', es: 'Sí', qu: undefined },
    ]);
  });

  it('lets names keep their spelling, with Quechua suffixes after them', () => {
    expect(wordsWithEorO('Banco de la Naciónpi Pensión 65ta chaskinki. RENIECpa, ONPman, CSEyki.', allow.names)).toEqual([]);
    expect(wordsWithEorO('SIS Gratuitopaq llika p\'anqapi: www.gob.pe/sis, chaski@biblioteca.pe', allow.names)).toEqual([]);
  });

  it('reports Spanish words, misspelt Quechua and suffixes with e/o after a name', () => {
    expect(wordsWithEorO('Oficinaman riy, documentota apay', allow.names)).toEqual(['Oficinaman', 'documentota']);
    expect(wordsWithEorO('Qhepaman kutimuy', allow.names)).toEqual(['Qhepaman']);
    expect(wordsWithEorO('RENIECpe riy', allow.names)).toEqual(['RENIECpe']);
    expect(wordsWithEorO('Juntosmente', allow.names)).toEqual(['Juntosmente']);
  });

  it('reports a missing Quechua text, a copy of the Spanish, and e/o words, with the field', () => {
    const record = {
      title: { es: 'Pensión 65' },
      summary: { es: 'Programa social', qu: 'programa social' },
      where: { es: 'En el banco', qu: 'Bancopi' },
      options: [{ es: 'EsSalud', qu: 'EsSalud' }],
      ok: { es: 'Gratis', qu: 'Mana pagana' },
    };
    expect(checkQuechua(record, allow)).toEqual([
      { field: 'title', reason: 'has no Quechua (qu) text' },
      { field: 'summary', reason: 'Quechua text is the same as the Spanish one ("programa social")' },
      { field: 'where', reason: 'Quechua words with e or o that are not allow-listed names or loanwords: Bancopi' },
    ]);
  });
});
