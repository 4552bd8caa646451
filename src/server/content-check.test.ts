import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleCategory, sampleGuide } from '../../test/records';
import { checkContent } from './content-check';
import { tempDir, writeContent } from '../../test/server/support';

const guide = (id: string, category = 'salud') => ({
  ...sampleGuide(id, category),
  requirements: [{ es: 'Su DNI', qu: 'DNIyki' }],
  problems: { es: 'Pregunte en la oficina.', qu: 'Kamachikuy wasipi tapukuy.' },
});
const reasons = (issues: { file: string; field: string; reason: string }[]) => issues.map((i) => `${i.file} ${i.field}: ${i.reason}`);

describe('npm run content:check', () => {
  it('passes a complete bilingual catalogue', async () => {
    const dir = writeContent(tempDir(), { categories: [sampleCategory('salud')], guides: [guide('sis')] });
    expect(await checkContent(dir)).toEqual({ counts: { categories: 1, guides: 1, forms: 0, terms: 0 }, issues: [], warnings: [] });
  });

  it('fails on missing Quechua, Spanish copied into Quechua, and e/o outside the allow-list', async () => {
    const dir = writeContent(tempDir(), {
      categories: [sampleCategory('salud')],
      guides: [{ ...guide('sis'), summary: { es: 'Seguro gratuito.' }, where: { es: 'Posta', qu: 'Posta' }, duration: { es: 'Un día', qu: 'Huk semanapi' } }],
    });
    writeFileSync(join(dir, 'quechua-allow.yaml'), 'names: [Posta]\n');
    expect(reasons((await checkContent(dir)).issues)).toEqual([
      'guides/sis.yaml summary: has no Quechua (qu) text',
      'guides/sis.yaml where: Quechua text is the same as the Spanish one ("Posta")',
      'guides/sis.yaml duration: Quechua words with e or o that are not allow-listed names or loanwords: semanapi',
    ]);
  });

  it('accepts a name from the allow-list and an allowed identical text', async () => {
    const dir = writeContent(tempDir(), { categories: [sampleCategory('salud')], guides: [{ ...guide('sis'), title: { es: 'EsSalud', qu: 'EsSalud' }, where: { es: 'Oficina de EsSalud', qu: 'EsSaludpa kamachikuy wasin' } }] });
    writeFileSync(join(dir, 'quechua-allow.yaml'), 'names: [EsSalud]\nsame: [EsSalud]\n');
    expect((await checkContent(dir)).issues).toEqual([]);
  });

  it('fails on a guide linking a missing form, a cost without its check date, and a missing source or review date', async () => {
    const dir = writeContent(tempDir(), {
      categories: [sampleCategory('salud')],
      guides: [
        { ...guide('sis'), forms: ['no-existe'] },
        { ...guide('dni'), cost: { soles: 33 } } as never,
        { ...guide('cul'), source: undefined, reviewed: undefined } as never,
      ],
    });
    let found = reasons((await checkContent(dir)).issues).join('\n');
    expect(found).toMatch(/guides\/sis\.yaml forms\.0: no form "no-existe" exists/);
    expect(found).toMatch(/guides\/dni\.yaml cost: .*checked/);
    expect(found).toMatch(/guides\/cul\.yaml source: /);
    expect(found).toMatch(/guides\/cul\.yaml reviewed: /);

    const withoutProblems = writeContent(tempDir(), { categories: [sampleCategory('salud')], guides: [{ ...guide('sis'), problems: undefined }] });
    found = reasons((await checkContent(withoutProblems)).issues).join('\n');
    expect(found).toBe('guides/sis.yaml problems: must say what to do if something goes wrong');
  });

  it('fails on a category without an icon, an empty category, and dates in the future', async () => {
    const noIcon = { ...sampleCategory('trabajo', 2), icon: undefined } as never;
    let dir = writeContent(tempDir(), { categories: [sampleCategory('salud'), noIcon], guides: [guide('sis')] });
    expect(reasons((await checkContent(dir)).issues).join('\n')).toMatch(/categories\/trabajo\.yaml icon: /);

    dir = writeContent(tempDir(), {
      categories: [sampleCategory('salud'), sampleCategory('vacia', 2)],
      guides: [{ ...guide('sis'), reviewed: '2026-12-01', cost: { soles: 10.3, checked: '2026-12-02' } }],
    });
    expect(reasons((await checkContent(dir, new Date('2026-11-24T12:00:00Z'))).issues)).toEqual([
      'guides/sis.yaml reviewed: is in the future (2026-12-01)',
      'guides/sis.yaml cost.checked: is in the future (2026-12-02)',
      'categories/vacia.yaml : no guide is in this category (patrons would open an empty screen)',
    ]);
  });

  it('fails on a form that does not say what the patron must still do after sending', async () => {
    const form = { id: 'pedido', agency: 'MIDIS', title: { es: 'Pedido', qu: 'Mañakuy' }, description: { es: 'Un pedido.', qu: 'Huk mañakuy.' }, fields: [{ id: 'nombre', type: 'text', label: { es: 'Nombre', qu: 'Suti' } }] };
    const dir = writeContent(tempDir(), { categories: [sampleCategory('salud')], guides: [guide('sis')], forms: [form] });
    expect(reasons((await checkContent(dir)).issues)).toEqual(['forms/pedido.yaml afterSend: must say what the patron must still do after sending (shown on the receipt)']);
    writeContent(dir, { forms: [{ ...form, afterSend: { es: 'Vaya a la oficina con su DNI.', qu: 'DNIykiwan kamachikuy wasiman riy.' } }] });
    expect((await checkContent(dir)).issues).toEqual([]);
  });

  describe('facts with an end date (until)', () => {
    // The catalogue as it is on 2026-12-02: a campaign ending on 2026-12-31 is 29 days away.
    const today = new Date('2026-12-02T15:00:00Z');
    const dated = {
      ...guide('dni'),
      reviewed: '2026-10-01',
      cost: { free: true, until: '2026-12-31' },
      requirements: [{ es: 'Su DNI', qu: 'DNIyki' }, { es: 'El cupón de la campaña', qu: 'Kampañapa qillqan', until: '2027-06-30' }],
      steps: [{ es: 'Vaya a la oficina.', qu: 'Kamachikuy wasiman riy.', until: '2026-04-12' }],
    };

    it('fails on a fact past its date, warns 60 days before, and says nothing of a date further away', async () => {
      const dir = writeContent(tempDir(), { categories: [sampleCategory('salud')], guides: [dated] });
      const report = await checkContent(dir, today);
      expect(reasons(report.issues)).toEqual([
        'guides/dni.yaml steps.0.until: ended on 2026-04-12: update or remove this fact (kiosks show "may have changed" instead of it)',
      ]);
      expect(reasons(report.warnings)).toEqual([
        'guides/dni.yaml cost.until: ends on 2026-12-31: confirm it and move the date, or prepare what replaces it',
      ]);
    });

    it('counts the 60 days and the end date itself in Peru, where the fact still holds on its last day', async () => {
      const onlyCost = { ...dated, requirements: [{ es: 'Su DNI', qu: 'DNIyki' }], steps: [{ es: 'Vaya a la oficina.', qu: 'Kamachikuy wasiman riy.' }] };
      const dir = writeContent(tempDir(), { categories: [sampleCategory('salud')], guides: [onlyCost] });
      // 61 days before: nothing yet; 60 days before: a warning.
      expect(await checkContent(dir, new Date('2026-10-31T12:00:00Z'))).toMatchObject({ issues: [], warnings: [] });
      expect((await checkContent(dir, new Date('2026-11-01T12:00:00Z'))).warnings).toHaveLength(1);
      // 03:00 UTC on 1 January is still 31 December in Peru: the last day, a warning, not a failure.
      const lastDay = await checkContent(dir, new Date('2027-01-01T03:00:00Z'));
      expect(lastDay.issues).toEqual([]);
      expect(lastDay.warnings).toHaveLength(1);
      expect(reasons((await checkContent(dir, new Date('2027-01-01T06:00:00Z'))).issues)).toEqual([
        'guides/dni.yaml cost.until: ended on 2026-12-31: update or remove this fact (kiosks show "may have changed" instead of it)',
      ]);
    });

    it('still asks for the Quechua of a dated step, and refuses a date that is not one', async () => {
      const noQuechua = { ...dated, id: 'sis', steps: [{ es: 'Vaya a la oficina.', until: '2027-06-30' }] };
      const badDate = { ...dated, id: 'cul', steps: [{ es: 'Vaya a la oficina.', qu: 'Kamachikuy wasiman riy.', until: '31/12/2026' }] };
      let dir = writeContent(tempDir(), { categories: [sampleCategory('salud')], guides: [noQuechua] });
      expect(reasons((await checkContent(dir, today)).issues)).toEqual(['guides/sis.yaml steps.0: has no Quechua (qu) text']);
      dir = writeContent(tempDir(), { categories: [sampleCategory('salud')], guides: [badDate] });
      expect(reasons((await checkContent(dir, today)).issues).join('\n')).toMatch(/guides\/cul\.yaml steps\.0\.until: must be a date written YYYY-MM-DD/);
    });
  });

  it('refuses a malformed allow-list instead of ignoring it', async () => {
    const dir = writeContent(tempDir(), { categories: [sampleCategory('salud')], guides: [guide('sis')] });
    writeFileSync(join(dir, 'quechua-allow.yaml'), 'names: Posta\n');
    expect(reasons((await checkContent(dir)).issues)[0]).toMatch(/quechua-allow\.yaml : must hold lists/);
  });

  it('checks Quechua variants with the Quechua rules, without requiring them, and refuses a field that is no language', async () => {
    const dir = writeContent(tempDir(), {
      categories: [sampleCategory('salud')],
      guides: [{ ...guide('sis'), summary: { es: 'Seguro gratuito.', qu: 'Mana qullqiyuq hampikuy.', quz: 'Huk semanapi' }, steps: [{ es: 'Vaya.', qu: 'Riy.', quy: 'Riy.' }] }],
    });
    expect(reasons((await checkContent(dir)).issues)).toEqual(['guides/sis.yaml summary: Cusco-Collao Quechua words with e or o that are not allow-listed names or loanwords: semanapi']);

    writeContent(dir, { guides: [{ ...guide('sis'), where: { es: 'Posta', qu: 'Hampina wasi', qu_: 'Hampina wasi' } }] });
    expect(reasons((await checkContent(dir)).issues).join('\n')).toMatch(/guides\/sis\.yaml where: unknown or empty field "qu_"/);
  });
});
