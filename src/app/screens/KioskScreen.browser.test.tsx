// Runs in real Chromium: the librarian enrolling the kiosk names the library's district with the
// department → province → district lists, typed and picked as a person would; the request the
// server gets carries it, and the kiosk keeps it for the next enrolment. Only the network is
// the test's (the enrolment route answers here).
import axe from 'axe-core';
import { render } from 'preact';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { getKioskIdentity } from '../../data/kiosk-identity';
import { patronDatabase } from '../../data/patron-db';
import { initI18n, loadScreenStrings, setLang } from '../../i18n/i18n';
import { panelUnlocked } from '../session/librarian-lock';
import { KioskScreen } from './KioskScreen';
import { syncRunning } from '../../sync/sync-status';
import '../styles.css';

const host = document.createElement('div');
document.body.append(host);
let enrolments: unknown[] = [];

beforeAll(async () => {
  await initI18n();
  await loadScreenStrings();
});

beforeEach(async () => {
  await setLang('es');
  await patronDatabase().kiosk.clear();
  enrolments = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (url, init) => {
    if (new URL(String(url), location.href).pathname === '/api/v1/kiosks/enroll') {
      enrolments.push(JSON.parse(String(init?.body)));
      return new Response(JSON.stringify({ kioskId: '0193a0b4-1111-7000-8000-000000000001', token: 'secret-token', library: 'Biblioteca Municipal de Urcos' }), { status: 201 });
    }
    // The sync that follows an enrolment: no server behind it here.
    throw new TypeError('Failed to fetch');
  });
});

afterEach(async () => {
  render(null, host);
  // The sync a Send or an enrolment started ends on the test's network, never on a real one.
  await expect.poll(() => syncRunning.get()).toBe(false);
  vi.restoreAllMocks();
  panelUnlocked.set(false);
});

const field = (label: string | RegExp) => {
  const element = [...host.querySelectorAll('label')].find((l) => (typeof label === 'string' ? l.textContent === label : label.test(l.textContent ?? '')));
  return host.querySelector<HTMLInputElement & HTMLSelectElement>(`#${element!.htmlFor}`)!;
};

async function fillEnrolment() {
  await userEvent.fill(field('Código de registro'), 'ABCDE-FGHJK');
  await userEvent.fill(field('Nombre de la biblioteca'), 'Biblioteca Municipal de Urcos');
  await userEvent.fill(field(/^PIN del bibliotecario/), '2580');
  await userEvent.fill(field('Repita el PIN'), '2580');
}

describe('the library\'s district at enrolment', () => {
  it('is asked, with why, and sent with the enrolment when chosen', async () => {
    render(<KioskScreen visit={0} />, host);
    await expect.poll(() => host.querySelector('#kiosk-district-department')).not.toBeNull();
    const group = host.querySelector('fieldset')!;
    expect(group.querySelector('legend')!.textContent).toBe('Distrito de la biblioteca');
    expect(host.querySelector(`#${group.getAttribute('aria-describedby')}`)!.textContent).toContain('mostrar su provincia');
    await fillEnrolment();
    await userEvent.selectOptions(field('Departamento'), 'Cusco');
    await userEvent.selectOptions(field('Provincia'), 'Quispicanchi');
    await userEvent.selectOptions(field('Distrito'), 'Urcos');
    expect((await axe.run(host)).violations).toEqual([]);
    await userEvent.click([...host.querySelectorAll('button')].find((b) => b.textContent === 'Registrar')!);
    await expect.poll(() => enrolments).toEqual([{ code: 'ABCDE-FGHJK', library: 'Biblioteca Municipal de Urcos', district: '081201' }]);
    await expect.poll(getKioskIdentity).toMatchObject({ library: 'Biblioteca Municipal de Urcos', district: '081201' });
  });

  it('may be left out: the enrolment goes without it', async () => {
    render(<KioskScreen visit={0} />, host);
    await expect.poll(() => host.querySelector('#kiosk-district-department')).not.toBeNull();
    await fillEnrolment();
    // A department alone names no district.
    await userEvent.selectOptions(field('Departamento'), 'Cusco');
    await userEvent.click([...host.querySelectorAll('button')].find((b) => b.textContent === 'Registrar')!);
    await expect.poll(() => enrolments).toEqual([{ code: 'ABCDE-FGHJK', library: 'Biblioteca Municipal de Urcos' }]);
    await expect.poll(getKioskIdentity).toBeDefined();
    expect((await getKioskIdentity())!.district).toBeUndefined();
  });

  it('is said to be unknown, in words, when the server\'s list lacks it, and nothing is stored', async () => {
    vi.mocked(globalThis.fetch).mockImplementation(async () => new Response(JSON.stringify({ error: { code: 'unknown_district', message: 'district 081299 is not in the list' } }), { status: 422 }));
    render(<KioskScreen visit={0} />, host);
    await expect.poll(() => host.querySelector('#kiosk-district-department')).not.toBeNull();
    await fillEnrolment();
    await userEvent.selectOptions(field('Departamento'), 'Cusco');
    await userEvent.selectOptions(field('Provincia'), 'Quispicanchi');
    await userEvent.selectOptions(field('Distrito'), 'Urcos');
    await userEvent.click([...host.querySelectorAll('button')].find((b) => b.textContent === 'Registrar')!);
    await expect.poll(() => host.querySelector('[role="alert"]')?.textContent).toBe('El servidor no conoce ese distrito. Elija otro o déjelo sin elegir.');
    expect(await getKioskIdentity()).toBeUndefined();
  });

  it('is asked in Quechua too', async () => {
    await setLang('qu');
    render(<KioskScreen visit={0} />, host);
    await expect.poll(() => host.querySelector('#kiosk-district-department')).not.toBeNull();
    expect(host.querySelector('legend')!.textContent).toBe("P'anqa wasipa distritun");
    expect(host.textContent).toContain('pruwinsyaykita');
    expect(field('Dipartamintu').tagName).toBe('SELECT');
    expect((await axe.run(host)).violations).toEqual([]);
  });
});
