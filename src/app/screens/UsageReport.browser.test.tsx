// Runs in real Chromium: the usage page of the librarian panel, from counts written the way the
// kiosk writes them (countUsage, flushUsage) into real IndexedDB, with the catalogue's titles,
// in Spanish and Quechua; what the librarian reads in its tables, what it says when there is
// nothing, its Print button, that it opens only from the unlocked panel, and axe.
import axe from 'axe-core';
import { render } from 'preact';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import '../styles.css';
import type { Form } from '../../core/form-schema';
import type { Change } from '../../core/protocol';
import { reportMonths } from '../../core/usage-summary';
import type { UsageEvent } from '../../core/usage-count';
import { applyChangesPage } from '../../data/catalog-apply';
import { database } from '../../data/db';
import { saveKioskIdentity } from '../../data/kiosk-identity';
import { setPin } from '../../data/librarian';
import { patronDatabase } from '../../data/patron-db';
import { countUsage, flushUsage } from '../../data/usage';
import { monthName } from '../../i18n/format';
import { initI18n, loadScreenStrings, setLang } from '../../i18n/i18n';
import { sampleCategory, sampleGuide } from '../../../test/records';
import { panelUnlocked } from '../session/librarian-lock';
import { LibrarianScreen } from './LibrarianScreen';
import { UsageReport } from './UsageReport';

const FORM: Form = {
  id: 'afiliacion-sis',
  agency: 'SIS',
  title: { es: 'Afiliación al SIS', qu: "SIS nisqaman qillqachikuy" },
  description: { es: 'Pedido de afiliación.', qu: 'Qillqachikuy mañakuy.' },
  fields: [{ id: 'nombre', type: 'text', required: true, maxLength: 40, label: { es: 'Nombre', qu: 'Suti' } }],
};

const put = (kind: Change['kind'], data: { id: string }): Change => ({ kind, id: data.id, version: 1, op: 'put', data }) as Change;

async function catalogue() {
  const sis = { ...sampleGuide('afiliacion-sis', 'salud'), title: { es: 'Afiliarse al SIS', qu: 'SIS nisqaman qillqachikuy' } };
  // No Quechua title yet: shown in Spanish, marked as Spanish.
  const dni = { ...sampleGuide('dni-duplicado', 'identidad'), title: { es: 'Duplicado del DNI' } };
  const categories = [{ ...sampleCategory('salud'), name: { es: 'Salud', qu: 'Qhali kay' } }, sampleCategory('identidad', 2)];
  await applyChangesPage({ changes: [...categories.map((c) => put('category', c)), put('guide', sis), put('guide', dni), put('form', FORM)], cursor: 'c1', more: false }, undefined);
}

function count(events: UsageEvent[], when: Date, times = 1) {
  for (let i = 0; i < times; i++) for (const event of events) countUsage(event, when);
}

const now = new Date();
const { thisMonth, lastMonth } = reportMonths(now);
// Noon in Lima, mid last month.
const inLastMonth = new Date(`${lastMonth}-15T17:00:00Z`);
const label = (month: string, lang: 'es' | 'qu') => {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return lang === 'es' ? `${monthName(number - 1, 'es')} de ${year}` : `${monthName(number - 1, 'qu')} ${year}`;
};

let host: HTMLElement;

beforeAll(async () => {
  await initI18n();
  await loadScreenStrings();
});

beforeEach(async () => {
  await setLang('es');
  await flushUsage();
  const db = database();
  await db.transaction('rw', db.categories, db.guides, db.forms, db.meta, async () => {
    await Promise.all([db.categories.clear(), db.guides.clear(), db.forms.clear(), db.meta.clear()]);
  });
  await Promise.all([patronDatabase().usage.clear(), patronDatabase().kiosk.clear()]);
  await saveKioskIdentity({ kioskId: 'k1', token: 'secret-token', library: 'Biblioteca Municipal de Urcos' });
  host = document.createElement('main');
  document.body.append(host);
});

afterEach(() => {
  render(null, host);
  host.remove();
  panelUnlocked.set(false);
});

/** The rows of a topic's table for one month (0 = this month, 1 = the last), cell by cell. */
function rows(topic: string, month: 0 | 1): string[][] {
  const section = [...host.querySelectorAll('section')].find((s) => s.querySelector('h2')?.textContent === topic);
  if (!section) throw new Error(`no section "${topic}"`);
  const block = section.querySelectorAll('.bar-block')[month]!;
  return [...block.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((cell) => cell.textContent ?? ''));
}
const emptyText = (topic: string, month: 0 | 1) =>
  [...host.querySelectorAll('section')].find((s) => s.querySelector('h2')?.textContent === topic)!.querySelectorAll('.bar-block')[month]!.querySelector('.empty')?.textContent;
const figures = () => [...host.querySelectorAll('.figures-table tbody tr')].map((tr) => [...tr.children].map((cell) => cell.textContent ?? ''));
const shown = () => expect.poll(() => host.querySelector('.figures-table, .usage-report > .empty'), { timeout: 5000 }).toBeTruthy();

async function aMonthOfUse() {
  await catalogue();
  count([{ kind: 'session', minutes: 2, quechua: true, offline: true }, { kind: 'session', minutes: 0.5, quechua: false, offline: false }, { kind: 'session', minutes: 20, quechua: true, offline: false }], now);
  count([{ kind: 'guide', id: 'afiliacion-sis' }], now, 4);
  count([{ kind: 'guide', id: 'dni-duplicado' }, { kind: 'notUseful', id: 'dni-duplicado' }], now, 2);
  count([{ kind: 'guide', id: 'guia-retirada' }, { kind: 'useful', id: 'dni-duplicado' }], now);
  count([{ kind: 'useful', id: 'afiliacion-sis' }], now, 3);
  count([{ kind: 'category', id: 'salud' }], now, 3);
  count([{ kind: 'form', id: 'afiliacion-sis' }], now, 2);
  count([{ kind: 'unmetSearch', text: 'Licencia de conducir' }], now, 2);
  count([{ kind: 'unmetSearch', text: 'DNI 45678912' }], now);
  count([{ kind: 'session', minutes: 6, quechua: false, offline: false }, { kind: 'guide', id: 'dni-duplicado' }], inLastMonth);
  await flushUsage();
}

describe('the usage page', () => {
  it('shows this month and the last, as counted, with the catalogue’s titles', async () => {
    await aMonthOfUse();
    render(<UsageReport visit={0} onBack={() => undefined} />, host);
    await shown();

    expect(host.querySelector('h1')!.textContent).toBe(`Biblioteca Municipal de Urcos: uso de este equipoEste mes: ${label(thisMonth, 'es')}. Mes pasado: ${label(lastMonth, 'es')}.`);
    expect(host.textContent).toContain('Cifras solo de este equipo.');
    expect([...host.querySelectorAll('.figures-table thead th')].map((th) => th.textContent)).toEqual(['Qué se contó', label(thisMonth, 'es'), label(lastMonth, 'es')]);
    expect(figures()).toEqual([
      ['Sesiones (una por persona atendida)', '3', '1'],
      ['Sesiones en quechua', '2 (67 %)', '0 (0 %)'],
      ['Sesiones sin conexión', '1', '0'],
      ['Formularios enviados', '2', '0'],
    ]);
    expect(rows('Cuánto duró cada sesión', 0)).toEqual([
      ['Menos de 1 minuto', '1'],
      ['De 1 a 5 minutos', '1'],
      ['De 5 a 15 minutos', '0'],
      ['Más de 15 minutos', '1'],
    ]);
    expect(rows('Guías más consultadas', 0)).toEqual([
      ['Afiliarse al SIS', '4'],
      ['Duplicado del DNI', '2'],
      // No longer in the catalogue: its id.
      ['guia-retirada', '1'],
    ]);
    expect(rows('Guías más consultadas', 1)).toEqual([['Duplicado del DNI', '1']]);
    expect(rows('Temas más consultados', 0)).toEqual([['Salud', '3']]);
    expect(rows('Cuántas veces se envió cada formulario', 0)).toEqual([['Afiliación al SIS', '2']]);
    expect(emptyText('Cuántas veces se envió cada formulario', 1)).toBe('Ninguno.');
    expect(rows('Guías que no ayudaron', 0)).toEqual([['Duplicado del DNI', '2', '1']]);
    expect(rows('Búsquedas sin resultado', 0)).toEqual([['licencia de conducir', '2']]);
    expect(host.textContent).not.toMatch(/4567/);
  });

  it('says the same in Quechua, marking a title that has no Quechua yet as Spanish', async () => {
    await aMonthOfUse();
    render(<UsageReport visit={0} onBack={() => undefined} />, host);
    await shown();
    await setLang('qu');
    await expect.poll(() => host.querySelector('h1')?.textContent).toContain("kay antañiqiqpa llamk'achiynin");

    expect(host.querySelector('h1')!.textContent).toContain(`Kay killa: ${label(thisMonth, 'qu')}. Qayna killa: ${label(lastMonth, 'qu')}.`);
    expect(figures()).toEqual([
      ["Llamk'achiykuna (sapa runapaq huk)", '3', '1'],
      ["Runasimipi llamk'achiykuna", '2 (sapa pachakmanta 67)', '0 (sapa pachakmanta 0)'],
      ["Mana t'inkisqa llamk'achiykuna", '1', '0'],
      ["Apachisqa hunt'ana qillqakuna", '2', '0'],
    ]);
    expect(rows('Aswan qhawasqa pusaq qillqakuna', 0)).toEqual([
      ['SIS nisqaman qillqachikuy', '4'],
      ['Duplicado del DNI', '2'],
      ['guia-retirada', '1'],
    ]);
    const spanishTitle = [...host.querySelectorAll('tbody th')].find((th) => th.textContent === 'Duplicado del DNI')!;
    expect(spanishTitle.getAttribute('lang')).toBe('es-PE');
    expect(rows('Aswan qhawasqa t\'aqakuna', 0)).toEqual([['Qhali kay', '3']]);
    expect(rows("Sapa llamk'achiy hayk'a unarqan", 0)[0]).toEqual(['1 minutumanta aswan pisi', '1']);
    expect(rows('Mana yanapaq pusaq qillqakuna', 0)).toEqual([['Duplicado del DNI', '2', '1']]);
    expect(emptyText("Sapa hunt'ana qillqa hayk'a kuti apachisqa", 1)).toBe('Manam kanchu.');
  });

  it('cuts each list to five and says how many more there are', async () => {
    for (const id of ['a', 'b', 'c', 'd', 'e', 'f', 'g']) count([{ kind: 'unmetSearch', text: `tramite ${id}` }], now);
    count([{ kind: 'unmetSearch', text: 'tramite g' }], now);
    await flushUsage();
    render(<UsageReport visit={0} onBack={() => undefined} />, host);
    await shown();
    expect(rows('Búsquedas sin resultado', 0).map(([text]) => text)).toEqual(['tramite g', 'tramite a', 'tramite b', 'tramite c', 'tramite d']);
    expect(host.querySelector('.more')!.textContent).toBe('Y 2 más.');
  });

  it('says when nothing was counted, in both languages', async () => {
    render(<UsageReport visit={0} onBack={() => undefined} />, host);
    await shown();
    expect(host.querySelector('.usage-report > .empty')!.textContent).toBe('Todavía no se contó nada, ni este mes ni el pasado. Las cifras aparecen cuando la gente usa el equipo.');
    expect(host.querySelector('table')).toBeNull();
    expect([...host.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['Volver al panel']);
    await setLang('qu');
    await expect.poll(() => host.querySelector('.usage-report > .empty')?.textContent).toBe(
      'Manaraqmi imapas yupasqachu, kay killapipas qayna killapipas. Runakuna antañiqiqta llamk\'achiptinkum yupaykuna rikhurinqa.',
    );
  });

  it('says a month with nothing counted apart from one with counts', async () => {
    count([{ kind: 'guide', id: 'sis' }], inLastMonth);
    await flushUsage();
    render(<UsageReport visit={0} onBack={() => undefined} />, host);
    await shown();
    expect(emptyText('Guías más consultadas', 0)).toBe('Todavía no se contó nada este mes.');
    expect(rows('Guías más consultadas', 1)).toEqual([['sis', '1']]);
    expect(figures()[0]).toEqual(['Sesiones (una por persona atendida)', '0', '0']);
    expect(figures()[1]).toEqual(['Sesiones en quechua', '0', '0']);
    await setLang('qu');
    await expect.poll(() => emptyText('Aswan qhawasqa pusaq qillqakuna', 0)).toBe('Kay killapiqa manaraqmi imapas yupasqachu.');
  });

  it('prints, and goes back to the panel', async () => {
    await aMonthOfUse();
    const onBack = vi.fn();
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    try {
      render(<UsageReport visit={0} onBack={onBack} />, host);
      await shown();
      [...host.querySelectorAll('button')].find((b) => b.textContent === 'Imprimir')!.click();
      expect(print).toHaveBeenCalledTimes(1);
      [...host.querySelectorAll('button')].find((b) => b.textContent === 'Volver al panel')!.click();
      expect(onBack).toHaveBeenCalledTimes(1);
    } finally {
      print.mockRestore();
    }
  });

  it('opens only from the unlocked panel, and goes when the panel locks', async () => {
    await setPin('2468');
    await aMonthOfUse();
    const button = (text: string) => [...host.querySelectorAll('button')].find((b) => b.textContent === text);
    render(<LibrarianScreen visit={0} />, host);
    await expect.poll(() => host.querySelector('#librarian-pin'), { timeout: 5000 }).toBeTruthy();
    expect(button('Ver el uso de este equipo')).toBeUndefined();

    host.querySelector<HTMLInputElement>('#librarian-pin')!.value = '2468';
    host.querySelector('form')!.requestSubmit();
    await expect.poll(() => button('Ver el uso de este equipo'), { timeout: 5000 }).toBeTruthy();
    button('Ver el uso de este equipo')!.click();
    await shown();
    // The page's heading takes focus, as after a navigation.
    await expect.poll(() => document.activeElement?.tagName).toBe('H1');
    expect(rows('Guías más consultadas', 0)[0]).toEqual(['Afiliarse al SIS', '4']);

    button('Volver al panel')!.click();
    await expect.poll(() => button('Ver el uso de este equipo')).toBeTruthy();
    button('Ver el uso de este equipo')!.click();
    await shown();
    // "Salir del panel", a link or Back all lock the panel: the page goes with it.
    panelUnlocked.set(false);
    await expect.poll(() => host.querySelector('#librarian-pin')).toBeTruthy();
    expect(host.querySelector('.usage-report')).toBeNull();
  });

  it('passes axe in both languages', async () => {
    await aMonthOfUse();
    render(<UsageReport visit={0} onBack={() => undefined} />, host);
    await shown();
    for (const lang of ['es', 'qu'] as const) {
      await setLang(lang);
      await expect.poll(() => document.documentElement.lang).toBe(lang === 'es' ? 'es-PE' : 'qu');
      const results = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      // It did look at the tables and the colours, with the kiosk's own styles.
      expect(results.passes.map((p) => p.id)).toEqual(expect.arrayContaining(['color-contrast', 'th-has-data-cells', 'scope-attr-valid']));
    }
  });
});
