import { describe, expect, it } from 'vitest';
import registryJson from '../../locales/languages.json';
import { checkLanguages, languageTexts } from './language-check';
import { parseLanguageRegistry } from './language-registry';
import { amaWithoutChu, numeralWithKuna, quechuaGrammarIssues, wordsWithEorO } from './quechua-check';

// The rules run through content:check's language check, for the app's registry.
const registry = parseLanguageRegistry(registryJson);
const checkQuechua = (record: unknown, allowList: typeof allow) => checkLanguages(record, registry, allowList);

const allow = { names: ['Banco de la Nación', 'Pensión 65', 'SIS Gratuito', 'Juntos'], same: ['EsSalud'] };

describe('Quechua content rules', () => {
  it('finds every text pair in a record, with its path, but not the search keywords', () => {
    const record = {
      title: { es: 'Título', qu: 'Suti' },
      steps: [{ es: 'Paso', qu: 'Ruray' }],
      fields: [{ options: [{ value: 'x', label: { es: 'Sí' } }] }],
      keywords: { es: ['dni'], qu: ['dni'] },
    };
    expect(languageTexts(record)).toEqual([
      { field: 'title', texts: { es: 'Título', qu: 'Suti' } },
      { field: 'steps.0', texts: { es: 'Paso', qu: 'Ruray' } },
      { field: 'fields.0.options.0.label', texts: { es: 'Sí' } },
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

  it('reports a plural -kuna right after a numeral, in digits or in words', () => {
    expect(numeralWithKuna('DNIykipi kaq 8 yupaykuna.', allow.names)).toEqual(['8 yupaykuna']);
    expect(numeralWithKuna('4manta 8kama yupaykunata churay.', allow.names)).toEqual(['8kama yupaykunata']);
    expect(numeralWithKuna('Kasarakuy iskay rikuqkunawan.', allow.names)).toEqual(['iskay rikuqkunawan']);
    expect(numeralWithKuna('CSEpa kimsa rakinkunamanta hukninmi.', allow.names)).toEqual(['kimsa rakinkunamanta']);
  });

  it('lets a numeral stand before a singular noun, and a number that names something keep -kuna', () => {
    expect(numeralWithKuna('DNIykipi kaq 8 yupay. 9 yupay, 9wan qallariq. Iskay rikuqwan.', allow.names)).toEqual([]);
    // kunan is "now"; huk is also "another", pusaq also "guide".
    expect(numeralWithKuna('8 kunan, huk runakuna, pusaq qillqakunata qhaway.', allow.names)).toEqual([]);
    // A number inside a name, after a name, or as a possessor is not a count.
    expect(numeralWithKuna('Pensión 65 yanapaykunata, Beca 18 rakinkuna, Beca 18pa kamachikuyninkuna.', allow.names)).toEqual([]);
    // Not every word after a number: only the one right after it.
    expect(numeralWithKuna('16 watayuq wawakunapa taytan.', allow.names)).toEqual([]);
  });

  it('reports ama with no -chu in its sentence, except "ama hina kaspa" and a negative purpose', () => {
    expect(amaWithoutChu('Sutillata qillqay, ama yupaykunata.')).toEqual(['Sutillata qillqay, ama yupaykunata']);
    expect(amaWithoutChu('Sut\'i qillqawan qillqay, ama pichaspa, DNIpi hina firmay.')).toEqual([
      "Sut'i qillqawan qillqay, ama pichaspa, DNIpi hina firmay",
    ]);
    // -chu in another sentence does not count.
    expect(amaWithoutChu('Ama qunqaspa mañakuy. Manam pagankichu.')).toEqual(['Ama qunqaspa mañakuy']);
  });

  it('accepts ama with -chu anywhere later in the sentence, the set phrase, and a purpose clause', () => {
    expect(amaWithoutChu('Sutillata qillqay, ama yupaykunatachu.')).toEqual([]);
    expect(amaWithoutChu('Ama pimanpas tarjitaykita, pakasqa yupayniykitapas quychu.')).toEqual([]);
    expect(amaWithoutChu('«Runasimipi rimapayaykuway, ama hina kaspa»')).toEqual([]);
    expect(amaWithoutChu('Willakuyniykikunata apay, ama pachata usuchinaykipaq.')).toEqual([]);
    // amachay ("protect") is another word.
    expect(amaWithoutChu('Hampikuy amachayniyki kachkan.')).toEqual([]);
  });

  it('reports the grammar rules with the field, beside the alphabet rules', () => {
    const record = {
      help: { es: 'Los 8 números.', qu: '8 yupaykuna.' },
      message: { es: 'Solo letras, no números.', qu: 'Sutillata qillqay, ama yupaykunata.' },
      ok: { es: 'Los 8 números.', qu: '8 yupay. Ama yupaykunatachu.' },
    };
    expect(checkQuechua(record, allow)).toEqual([
      { field: 'help', reason: expect.stringContaining('plural -kuna after a numeral') },
      { field: 'message', reason: expect.stringContaining('"ama" with no -chu') },
    ]);
    expect(quechuaGrammarIssues('8 yupay, ama llapan kaqllatachu.', allow.names)).toEqual([]);
  });
});
