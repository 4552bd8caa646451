// Runs in real Chromium: a guide's dated facts. Past its `until` a fact is not stated: the
// patron reads, in their language, that it may have changed and to ask at the library; a fact
// whose date has not come is shown as always.
import { render } from 'preact';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Cost, DatedText } from '../core/content-schema';
import { initI18n, loadScreenStrings, setLang } from '../i18n/i18n';
import { GuideFacts } from './GuideFacts';

const TODAY = '2026-12-02';
const NOTICE = {
  es: 'Este dato puede haber cambiado: pregunte en la biblioteca.',
  qu: "Kay willakuyqa hukchakurqanchá: p'anqa wasipi tapukuy.",
};

const requirements: DatedText[] = [
  { es: 'Su DNI.', qu: 'DNIyki.' },
  { es: 'El cupón de la campaña de abril.', qu: 'Abril killapi kampañapa qillqan.', until: '2026-04-12' },
];
const steps: DatedText[] = [
  { es: 'Hasta fin de año, el primer DNI es gratis.', qu: 'Wata tukukunankama, ñawpaq DNIqa mana paganam.', until: '2026-12-31' },
  { es: 'Pague S/ 30 en el banco.', qu: 'Bancopi S/ 30 qullqita pagay.', until: '2026-12-01' },
];
const campaignPrice: Cost = { soles: 30, checked: '2026-01-15', until: '2026-04-12', note: { es: 'Precio de campaña.', qu: 'Kampañapa chanin.' } };
const freeUntilYearEnd: Cost = { free: true, until: '2026-12-31' };

function show(cost: Cost, today = TODAY) {
  const host = document.createElement('div');
  render(<GuideFacts requirements={requirements} steps={steps} cost={cost} today={today} />, host);
  const texts = (selector: string) => [...host.querySelectorAll(selector)].map((el) => el.textContent?.trim());
  return { host, requirements: texts('.checklist li'), steps: texts('.steps li'), cost: texts('section:last-of-type p') };
}

beforeAll(async () => {
  await initI18n();
  await loadScreenStrings();
});

describe('a guide with facts that end', () => {
  for (const lang of ['es', 'qu'] as const) {
    it(`shows the notice instead of a past fact, and a future one as it is (${lang})`, async () => {
      await setLang(lang);
      const seen = show(campaignPrice);
      expect(seen.requirements).toEqual([requirements[0]![lang], NOTICE[lang]]);
      expect(seen.steps).toEqual([steps[0]![lang], NOTICE[lang]]);
      // The campaign price, its note and its check date are all gone: only the notice is left.
      expect(seen.cost).toEqual([NOTICE[lang]]);
      expect(seen.host.textContent).not.toContain('30');
      // Nothing left to tick for a requirement that may no longer hold.
      expect(seen.host.querySelectorAll('.checklist input[type="checkbox"]')).toHaveLength(1);
    });
  }

  it('states a free period that has not ended, with its last day, and hides it the day after', async () => {
    await setLang('es');
    expect(show(freeUntilYearEnd).cost).toEqual(['Gratis', 'Vale hasta el 31 de diciembre de 2026']);
    expect(show(freeUntilYearEnd, '2026-12-31').cost).toEqual(['Gratis', 'Vale hasta el 31 de diciembre de 2026']);
    expect(show(freeUntilYearEnd, '2027-01-01').cost).toEqual([NOTICE.es]);
    await setLang('qu');
    expect(show(freeUntilYearEnd).cost).toEqual(['Mana pagana', 'Kaykamam chaniyuq: 31 Diciembre 2026']);
    expect(show(freeUntilYearEnd, '2027-01-01').cost).toEqual([NOTICE.qu]);
  });

  it('shows an undated cost as before, with the date it was checked', async () => {
    await setLang('es');
    const seen = show({ soles: 41, checked: '2026-01-15' });
    // Intl writes a no-break space after S/.
    expect(seen.cost).toEqual(['S/\u00a041.00', 'Monto revisado el 15 de enero de 2026']);
  });

  it('a cost each municipality sets says so, and what it depends on, with no figure of its own, in both languages', async () => {
    const varies: Cost = { varies: true, checked: '2026-12-02', note: { es: 'En muchos distritos cuesta menos.', qu: 'Achka distritukunapi aswan pisim.' } };
    await setLang('es');
    expect(show(varies).cost).toEqual(['Cada municipalidad u oficina fija el monto: pregunte antes de pagar', 'En muchos distritos cuesta menos.', 'Monto revisado el 2 de diciembre de 2026']);
    await setLang('qu');
    expect(show(varies).cost[0]).toBe('Sapa munisipalidadmi utaq kamachikuy wasim qullqinta churan: manaraq pagaspa tapukuy');
    expect(show(varies).cost).toContain('Achka distritukunapi aswan pisim.');
  });
});
