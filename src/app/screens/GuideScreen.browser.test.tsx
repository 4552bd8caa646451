// Runs in real Chromium over a real catalogue in IndexedDB: a guide whose facts end, pulled like
// any other record, shown by the real guide screen on the kiosk's own clock. The day that counts
// is Peru's: at 10 p.m. on 31 December in Peru (03:00 UTC on 1 January) a fact that holds
// through the 31st is still stated.
import { render } from 'preact';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Change } from '../../core/protocol';
import { applyChangesPage } from '../../data/catalog-apply';
import { sampleCategory, sampleGuide } from '../../../test/records';
import { usageSessionTracker } from '../session/usage-session';
import { GuideScreen } from './GuideScreen';
import { freshKioskScreens } from '../../../test/kiosk-screens';

const host = document.createElement('div');
document.body.append(host);
const sessions = usageSessionTracker({ now: () => Date.now(), online: () => true, lang: () => 'es', count: () => undefined, flush: () => undefined });
const put = <T extends { id: string }>(kind: Change['kind'], data: T): Change => ({ kind, id: data.id, version: 1, op: 'put', data });
const guide = {
  ...sampleGuide('dni', 'salud'),
  cost: { soles: 30, checked: '2026-01-15', until: '2026-12-31' },
  steps: [
    { es: 'Pague en el banco.', qu: 'Bancopi pagay.' },
    { es: 'Hasta marzo, vaya a la campaña del colegio.', qu: 'Marsu killakama, yachay wasipi kampañaman riy.', until: '2027-03-31' },
  ],
};
const NOTICE = 'Este dato puede haber cambiado: pregunte en la biblioteca.';

beforeAll(async () => {
  await freshKioskScreens();
  const applied = await applyChangesPage({ changes: [put('category', sampleCategory('salud')), put('guide', guide)], cursor: 'c1', more: false }, undefined);
  // The kiosk reads a dated guide: none of it was skipped as unreadable.
  expect(applied).toMatchObject({ status: 'applied', skipped: [] });
});

afterEach(() => {
  render(null, host);
  vi.useRealTimers();
});

async function showAt(instant: string) {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date(instant) });
  render(<GuideScreen id="dni" visit={1} sessions={sessions} />, host);
  await expect.poll(() => host.querySelector('h1')?.textContent).toBe('Guía dni');
  const section = (name: string) => [...host.querySelectorAll('section')].find((s) => s.querySelector('h2')?.textContent === name);
  return {
    cost: [...section('Costo')!.querySelectorAll('p')].map((p) => p.textContent),
    steps: [...section('Pasos')!.querySelectorAll('li')].map((li) => li.textContent),
  };
}

describe('the guide screen and facts that end', () => {
  it("states a fact on its last day in Peru, though it is already the next day in UTC", async () => {
    const seen = await showAt('2027-01-01T03:00:00Z');
    expect(seen.cost).toEqual(['S/\u00a030.00', 'Monto revisado el 15 de enero de 2026', 'Vale hasta el 31 de diciembre de 2026']);
    expect(seen.steps).toEqual(['Pague en el banco.', 'Hasta marzo, vaya a la campaña del colegio.']);
  });

  it('shows the notice instead of the cost once the day has passed in Peru, and the dated step still due', async () => {
    const seen = await showAt('2027-01-01T06:00:00Z');
    expect(seen.cost).toEqual([NOTICE]);
    expect(seen.steps).toEqual(['Pague en el banco.', 'Hasta marzo, vaya a la campaña del colegio.']);
  });
});
