// Runs in real Chromium over real IndexedDB: the "En esta biblioteca" box on the guide screen,
// from notes saved the way the panel saves them (data/local-notes.ts). What a patron reads in
// Spanish and in Quechua, when the box is absent (no note, a note past its last day in Peru,
// a deleted one), that it shows on a sensitive guide too, that a note saved while the guide is
// open appears without a reload, and axe in both languages.
import axe from 'axe-core';
import { render } from 'preact';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import '../styles.css';
import type { Change } from '../../core/protocol';
import { applyChangesPage } from '../../data/catalog-apply';
import { deleteLocalNote, saveLocalNote } from '../../data/local-notes-edit';
import { patronDatabase } from '../../data/patron-db';
import { setLang } from '../../i18n/i18n';
import { sampleCategory, sampleGuide } from '../../../test/records';
import { freshKioskScreens } from '../../../test/kiosk-screens';
import { usageSessionTracker } from '../session/usage-session';
import { GuideScreen } from './GuideScreen';

const host = document.createElement('main');
document.body.append(host);
const sessions = usageSessionTracker({ now: () => Date.now(), online: () => true, lang: () => 'es', count: () => undefined, flush: () => undefined });
const put = <T extends { id: string }>(kind: Change['kind'], data: T): Change => ({ kind, id: data.id, version: 1, op: 'put', data });
// Written in November 2026, shown through the 31st of December (Peru).
const WRITTEN = new Date('2026-11-20T15:00:00Z');
const HOURS = 'La oficina de la ULE en Urcos atiende martes y jueves, de 8 a 1.';
const HOURS_QU = "Urcospi ULE nisqapa kamachikuy wasinqa martis, juywis punchawkunapi, 8 uramanta 1 urakama kichasqa.";
const WATER = 'La ULE pide una copia del recibo de agua.';

beforeAll(async () => {
  await freshKioskScreens();
  const violence = { ...sampleGuide('denuncia-violencia', 'salud'), sensitive: true as const };
  await applyChangesPage({ changes: [put('category', sampleCategory('salud')), put('guide', sampleGuide('dni', 'salud')), put('guide', violence)], cursor: 'c1', more: false }, undefined);
});

beforeEach(async () => {
  await setLang('es');
  await patronDatabase().localNotes.clear();
});

afterEach(() => {
  render(null, host);
  vi.useRealTimers();
});

let written = 0;
/** A note saved as the panel saves it; each one a minute after the last, so "newest" is clear. */
async function note(guideId: string, es: string, qu?: string) {
  const saved = await saveLocalNote({ guideId, es, qu, expires: '2026-12-31' }, new Date(WRITTEN.getTime() + ++written * 60_000));
  if (!saved.ok) throw new Error(saved.problem);
  return saved.note;
}

/** The guide on the kiosk's clock at `instant`, once its title is on screen. */
async function showAt(instant: string, id = 'dni') {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date(instant) });
  render(<GuideScreen id={id} visit={1} sessions={sessions} />, host);
  await expect.poll(() => host.querySelector('h1')?.textContent).toMatch(new RegExp(`^(Guía|Pusaq) ${id}$`));
}
const box = () => host.querySelector<HTMLElement>('section.local-notes');
const boxNotes = () => [...box()!.querySelectorAll('li')].map((li) => [...li.querySelectorAll('p')].map((p) => ({ text: p.textContent, lang: p.getAttribute('lang') })));

describe('the guide\'s "En esta biblioteca" box', () => {
  it('shows the library\'s notes in Spanish, newest first, each with its last day', async () => {
    await note('dni', HOURS, HOURS_QU);
    await note('dni', WATER);
    await showAt('2026-12-01T15:00:00Z');
    await expect.poll(box).toBeTruthy();
    // A region named by its heading, so a screen reader lists it among the guide's parts.
    expect(box()!.getAttribute('aria-labelledby')).toBe(box()!.querySelector('h2')!.id);
    expect(box()!.querySelector('h2')!.textContent).toBe('En esta biblioteca');
    expect(boxNotes()).toEqual([
      [{ text: WATER, lang: null }, { text: 'Vale hasta el 31 de diciembre de 2026', lang: null }],
      [{ text: HOURS, lang: null }, { text: 'Vale hasta el 31 de diciembre de 2026', lang: null }],
    ]);
  });

  it('shows them in Quechua, and a note with no Quechua in Spanish marked as Spanish', async () => {
    await note('dni', HOURS, HOURS_QU);
    await note('dni', WATER);
    await setLang('qu');
    await showAt('2026-12-01T15:00:00Z');
    await expect.poll(() => box()?.querySelector('h2')?.textContent).toBe("Kay p'anqa wasipi");
    expect(boxNotes()).toEqual([
      [{ text: WATER, lang: 'es-PE' }, { text: '31 Diciembre 2026 punchawkamam chiqaq', lang: null }],
      [{ text: HOURS_QU, lang: null }, { text: '31 Diciembre 2026 punchawkamam chiqaq', lang: null }],
    ]);
  });

  it('is not there when the guide has no note, nor when the only one is another guide\'s', async () => {
    await note('denuncia-violencia', WATER);
    await showAt('2026-12-01T15:00:00Z');
    // The guide's own sections are on screen: the box had its chance to appear.
    await expect.poll(() => host.querySelectorAll('section').length).toBeGreaterThan(3);
    expect(box()).toBeNull();
    expect(host.textContent).not.toContain('En esta biblioteca');
  });

  it('shows a note through its last day in Peru and not the day after', async () => {
    await note('dni', WATER);
    // 10 p.m. on the 31st in Peru, already the 1st in UTC: still the note's day.
    await showAt('2027-01-01T03:00:00Z');
    await expect.poll(() => box()?.textContent).toContain(WATER);
    render(null, host);
    // 1 a.m. on the 1st in Peru: the note has passed.
    await showAt('2027-01-01T06:00:00Z');
    await expect.poll(() => host.querySelectorAll('section').length).toBeGreaterThan(3);
    expect(box()).toBeNull();
  });

  it('appears when the librarian saves a note while the guide is open, and goes when it is deleted', async () => {
    await showAt('2026-12-01T15:00:00Z');
    await expect.poll(() => host.querySelectorAll('section').length).toBeGreaterThan(3);
    expect(box()).toBeNull();
    const saved = await note('dni', WATER);
    await expect.poll(() => box()?.textContent).toContain(WATER);
    await deleteLocalNote(saved.id);
    await expect.poll(box).toBeNull();
  });

  it('shows on a sensitive guide too', async () => {
    await note('denuncia-violencia', 'El Centro Emergencia Mujer de Urcos atiende las 24 horas.');
    await showAt('2026-12-01T15:00:00Z', 'denuncia-violencia');
    await expect.poll(() => box()?.textContent).toContain('El Centro Emergencia Mujer de Urcos atiende las 24 horas.');
  });

  it('passes axe in both languages, contrast included', async () => {
    await note('dni', HOURS, HOURS_QU);
    await note('dni', WATER);
    for (const lang of ['es', 'qu'] as const) {
      await setLang(lang);
      await showAt('2026-12-01T15:00:00Z');
      await expect.poll(box).toBeTruthy();
      const results = await axe.run(box()!, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      expect(results.passes.map((p) => p.id)).toEqual(expect.arrayContaining(['color-contrast']));
      render(null, host);
      vi.useRealTimers();
    }
  });
});
