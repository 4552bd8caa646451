// Runs in real Chromium over real IndexedDB: the librarian panel's page for this library's local
// notes, used as a librarian would (typing, picking, tapping). Adding a note in both languages,
// the problems said in words beside their fields, changing and deleting a note (with its
// question), the status of each note in words, the page opening from the unlocked panel only,
// and axe in both languages.
import axe from 'axe-core';
import { render } from 'preact';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import '../styles.css';
import { addDays, NOTE_MAX_DAYS_AHEAD } from '../../core/local-notes';
import { peruDay } from '../../core/peru-day';
import type { Change } from '../../core/protocol';
import { applyChangesPage } from '../../data/catalog-apply';
import { saveKioskIdentity } from '../../data/kiosk-identity';
import { setPin } from '../../data/librarian';
import { notesForPanel } from '../../data/local-notes';
import { saveLocalNote } from '../../data/local-notes-edit';
import { markNotesSent } from '../../data/local-notes-sync';
import { patronDatabase } from '../../data/patron-db';
import { formatDate } from '../../i18n/format';
import { setLang } from '../../i18n/i18n';
import { sampleCategory, sampleGuide } from '../../../test/records';
import { freshKioskScreens } from '../../../test/kiosk-screens';
import { panelUnlocked } from '../session/librarian-lock';
import { usageSessionTracker } from '../session/usage-session';
import { GuideScreen } from './GuideScreen';
import { LibrarianScreen } from './LibrarianScreen';
import { LocalNotesPage } from './LocalNotesPage';

const host = document.createElement('main');
document.body.append(host);
const put = <T extends { id: string }>(kind: Change['kind'], data: T): Change => ({ kind, id: data.id, version: 1, op: 'put', data });
const WATER = 'La ULE pide una copia del recibo de agua.';
const WATER_QU = 'ULE nisqaqa yaku pagasqa qillqapa kaqninta mañakun.';
const today = peruDay();

beforeAll(async () => {
  await freshKioskScreens();
  // One title with no Quechua yet: on a Quechua panel it is listed in Spanish, marked so.
  const guides = [{ ...sampleGuide('sis', 'salud'), title: { es: 'Afiliarse al SIS', qu: 'SIS nisqaman qillqachikuy' } }, { ...sampleGuide('dni', 'salud'), title: { es: 'Duplicado del DNI' } }];
  await applyChangesPage({ changes: [put('category', sampleCategory('salud')), ...guides.map((g) => put('guide', g))], cursor: 'c1', more: false }, undefined);
});

beforeEach(async () => {
  await setLang('es');
  await Promise.all([patronDatabase().localNotes.clear(), patronDatabase().kiosk.clear()]);
});

afterEach(() => {
  render(null, host);
  panelUnlocked.set(false);
});

const byLabel = (text: string) => {
  const label = [...host.querySelectorAll('label')].find((l) => l.textContent === text);
  if (!label) throw new Error(`no field "${text}"`);
  return host.querySelector<HTMLInputElement & HTMLTextAreaElement & HTMLSelectElement>(`#${label.htmlFor}`)!;
};
const button = (text: string) => [...host.querySelectorAll('button')].find((b) => b.textContent === text);
const items = () => [...host.querySelectorAll('[data-testid="note-item"]')].map((li) => [...li.querySelectorAll('h3, p')].map((p) => p.textContent));
/** The words tied to a field by aria-describedby that say what is wrong. */
const problemOf = (field: HTMLElement) =>
  (field.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id))
    .filter((el) => el?.classList.contains('field-error'))
    .map((el) => el!.textContent);

async function openPage() {
  render(<LocalNotesPage visit={0} onBack={() => undefined} />, host);
  await expect.poll(() => host.querySelector('#note-guide option[value="sis"]')).toBeTruthy();
}

async function saved(guideId: string, es: string, qu?: string, expires = addDays(today, 30)) {
  const result = await saveLocalNote({ guideId, es, qu, expires });
  if (!result.ok) throw new Error(result.problem);
  return result.note;
}

describe('the local notes page', () => {
  it('adds a note with both texts and a last day, listed as waiting to be sent', async () => {
    await openPage();
    expect(host.textContent).toContain('Todavía no hay notas.');
    // Guides by title, in order.
    expect([...byLabel('Guía').options].map((o) => o.textContent)).toEqual(['Elija una guía', 'Afiliarse al SIS', 'Duplicado del DNI']);
    // The last day starts three months ahead.
    expect(byLabel('Último día que se muestra').value > addDays(today, 88)).toBe(true);
    expect(byLabel('Último día que se muestra').value < addDays(today, 93)).toBe(true);

    await userEvent.selectOptions(byLabel('Guía'), 'Afiliarse al SIS');
    await userEvent.fill(byLabel('Texto en español'), WATER);
    await userEvent.fill(byLabel('Texto en quechua'), WATER_QU);
    await userEvent.fill(byLabel('Último día que se muestra'), '2027-12-31');
    await userEvent.click(button('Guardar la nota')!);

    await expect.poll(items).toEqual([['Afiliarse al SIS', `Español: ${WATER}`, `Runasimi: ${WATER_QU}`, `Último día: ${formatDate('2027-12-31', 'es')}`, 'Esperando envío']]);
    expect(host.querySelector('[role="status"]')!.textContent).toContain('Nota guardada.');
    // A fresh form for the next note, and the focus at its top, under the message.
    await expect.poll(() => document.activeElement?.id).toBe('note-editor-heading');
    expect(byLabel('Texto en español').value).toBe('');
    expect(byLabel('Guía').value).toBe('');
  });

  it('refuses a note with no Spanish text or a past last day, saying so beside each field', async () => {
    await openPage();
    await userEvent.fill(byLabel('Texto en quechua'), WATER_QU);
    await userEvent.fill(byLabel('Último día que se muestra'), addDays(today, -1));
    await userEvent.click(button('Guardar la nota')!);

    const guide = byLabel('Guía');
    const es = byLabel('Texto en español');
    const expires = byLabel('Último día que se muestra');
    await expect.poll(() => problemOf(es)).toEqual(['Escriba el texto en español.']);
    expect(es.getAttribute('aria-invalid')).toBe('true');
    expect(problemOf(guide)).toEqual(['Elija la guía de la nota.']);
    expect(problemOf(expires)).toEqual(['El último día debe ser hoy o más adelante.']);
    expect(expires.getAttribute('aria-invalid')).toBe('true');
    // The first field to fix has the focus; what was typed is still there.
    expect(document.activeElement).toBe(guide);
    expect(byLabel('Texto en quechua').value).toBe(WATER_QU);

    // Too far ahead is refused too, with the last day allowed.
    await userEvent.selectOptions(guide, 'Afiliarse al SIS');
    await userEvent.fill(es, WATER);
    await userEvent.fill(expires, addDays(today, NOTE_MAX_DAYS_AHEAD + 1));
    await userEvent.click(button('Guardar la nota')!);
    await expect.poll(() => problemOf(expires)).toEqual([`El último día puede ser como máximo el ${formatDate(addDays(today, NOTE_MAX_DAYS_AHEAD), 'es')}.`]);
    expect(problemOf(es)).toEqual([]);
    expect(es.getAttribute('aria-invalid')).toBeNull();
    expect(await notesForPanel()).toEqual([]);
    expect(host.textContent).toContain('Todavía no hay notas.');
  });

  it('changes a note in place: still one note, a new revision, waiting again', async () => {
    const first = await saved('sis', WATER);
    await markNotesSent([{ id: first.id, revision: 1, status: 'stored' }]);
    await openPage();
    await expect.poll(() => items()[0]?.at(-1)).toBe('Enviada');

    await userEvent.click(button('Cambiar')!);
    await expect.poll(() => host.querySelector('#note-editor-heading')?.textContent).toBe('Cambiar la nota');
    expect(document.activeElement).toBe(host.querySelector('#note-editor-heading'));
    expect(byLabel('Guía').value).toBe('sis');
    expect(byLabel('Texto en español').value).toBe(WATER);
    await userEvent.fill(byLabel('Texto en español'), 'La ULE pide una copia del recibo de luz o de agua.');
    await userEvent.fill(byLabel('Texto en quechua'), WATER_QU);
    await userEvent.click(button('Guardar la nota')!);

    await expect.poll(items).toEqual([
      ['Afiliarse al SIS', 'Español: La ULE pide una copia del recibo de luz o de agua.', `Runasimi: ${WATER_QU}`, `Último día: ${formatDate(first.expires, 'es')}`, 'Esperando envío'],
    ]);
    const notes = await notesForPanel();
    expect(notes.map((n) => [n.id, n.revision])).toEqual([[first.id, 2]]);
    expect(host.querySelector('#note-editor-heading')!.textContent).toBe('Escribir una nota nueva');
  });

  it('deletes a note only after asking, and it leaves the list and the guide', async () => {
    await saved('sis', WATER);
    await openPage();
    const guideHost = document.createElement('div');
    document.body.append(guideHost);
    const sessions = usageSessionTracker({ now: () => Date.now(), online: () => true, lang: () => 'es', count: () => undefined, flush: () => undefined });
    render(<GuideScreen id="sis" visit={1} sessions={sessions} />, guideHost);
    try {
      await expect.poll(() => guideHost.querySelector('.local-notes')?.textContent).toContain(WATER);
      await expect.poll(items).toHaveLength(1);

      await userEvent.click(button('Borrar')!);
      expect(host.textContent).toContain('¿Borrar esta nota? Dejará de verse en todos los equipos de esta biblioteca.');
      // The safe answer has the focus.
      await expect.poll(() => document.activeElement?.textContent).toBe('No, dejarla');
      await userEvent.click(button('No, dejarla')!);
      expect(host.textContent).not.toContain('¿Borrar esta nota?');
      expect(items()).toHaveLength(1);

      await userEvent.click(button('Borrar')!);
      await userEvent.click(button('Sí, borrar')!);
      await expect.poll(items).toEqual([]);
      expect(host.textContent).toContain('Nota borrada.');
      await expect.poll(() => document.activeElement?.id).toBe('note-editor-heading');
      expect(host.textContent).toContain('Todavía no hay notas.');
      await expect.poll(() => guideHost.querySelector('.local-notes')).toBeNull();
    } finally {
      render(null, guideHost);
      guideHost.remove();
    }
  });

  it('says where each note stands: sent, past its day, refused by the server and why', async () => {
    const sent = await saved('sis', 'Campaña del RENIEC el 15 de enero.');
    await markNotesSent([{ id: sent.id, revision: 1, status: 'stored' }]);
    const refused = await saved('dni', 'La oficina abre los lunes.');
    await markNotesSent([{ id: refused.id, revision: 1, status: 'rejected', code: 'too_many_notes' }]);
    // Written a month ago, shown through yesterday.
    const old = await saveLocalNote({ guideId: 'dni', es: 'El PIAS llega el 3 de este mes.', expires: addDays(today, -1) }, new Date(Date.now() - 30 * 86_400_000));
    expect(old.ok).toBe(true);
    await openPage();
    await expect.poll(() => items().map((item) => [item[1], item.at(-1)])).toEqual(
      expect.arrayContaining([
        ['Español: Campaña del RENIEC el 15 de enero.', 'Enviada'],
        ['Español: La oficina abre los lunes.', 'No aceptada: la biblioteca ya tiene demasiadas notas. Borre las que ya no sirven y guárdela otra vez.'],
        ['Español: El PIAS llega el 3 de este mes.', 'Vencida: ya no se muestra'],
      ]),
    );
    expect(items()).toHaveLength(3);
  });

  it('opens only from the unlocked panel, and goes back to it', async () => {
    await saveKioskIdentity({ kioskId: 'k1', token: 'secret-token', library: 'Biblioteca Municipal de Urcos' });
    await setPin('2468');
    render(<LibrarianScreen visit={0} />, host);
    await expect.poll(() => host.querySelector('#librarian-pin'), { timeout: 5000 }).toBeTruthy();
    expect(button('Ver y escribir notas')).toBeUndefined();
    host.querySelector<HTMLInputElement>('#librarian-pin')!.value = '2468';
    host.querySelector('form')!.requestSubmit();
    await expect.poll(() => button('Ver y escribir notas'), { timeout: 5000 }).toBeTruthy();
    await userEvent.click(button('Ver y escribir notas')!);
    await expect.poll(() => host.querySelector('h1')?.textContent, { timeout: 5000 }).toBe('Notas de esta biblioteca');
    // The page's heading takes focus, as after a navigation.
    await expect.poll(() => document.activeElement?.tagName).toBe('H1');
    await userEvent.click(button('Volver al panel')!);
    await expect.poll(() => button('Ver y escribir notas')).toBeTruthy();
    await userEvent.click(button('Ver y escribir notas')!);
    await expect.poll(() => host.querySelector('h1')?.textContent).toBe('Notas de esta biblioteca');
    panelUnlocked.set(false);
    await expect.poll(() => host.querySelector('#librarian-pin')).toBeTruthy();
    expect(host.querySelector('.local-notes-page')).toBeNull();
  });

  it('is written in Quechua on a Quechua panel, a title with no Quechua marked as Spanish', async () => {
    await saved('sis', WATER, WATER_QU);
    await setLang('qu');
    await openPage();
    expect(host.querySelector('h1')!.textContent).toBe("Kay p'anqa wasipa willakuyninkuna");
    const dni = host.querySelector<HTMLOptionElement>('#note-guide option[value="dni"]')!;
    expect([dni.textContent, dni.lang]).toEqual(['Duplicado del DNI', 'es-PE']);
    await expect.poll(() => items()[0]?.[0]).toBe('SIS nisqaman qillqachikuy');
    expect(items()[0]!.at(-1)).toBe('Apachinanpaq suyachkan');
    await userEvent.clear(byLabel('Runasimipi qillqa'));
    await userEvent.click(button('Willakuyta waqaychay')!);
    await expect.poll(() => problemOf(byLabel('Kastilla simipi qillqa'))).toEqual(['Kastilla simipi qillqay.']);
  });

  it('passes axe in both languages, with a note listed and a problem shown', async () => {
    await saved('sis', WATER, WATER_QU);
    await openPage();
    await expect.poll(items).toHaveLength(1);
    await userEvent.click(button('Guardar la nota')!);
    await expect.poll(() => host.querySelectorAll('.field-error').length).toBeGreaterThan(0);
    for (const lang of ['es', 'qu'] as const) {
      await setLang(lang);
      await expect.poll(() => document.documentElement.lang).toBe(lang === 'es' ? 'es-PE' : 'qu');
      const results = await axe.run(host, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      expect(results.passes.map((p) => p.id)).toEqual(expect.arrayContaining(['color-contrast', 'label', 'aria-valid-attr-value']));
    }
  });
});
