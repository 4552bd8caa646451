// Runs in real Chromium: searches that found nothing, counted from the search screen over a
// real catalogue in IndexedDB, once the patron stops typing or leaves; never a DNI.
import { render } from 'preact';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Change } from '../../core/protocol';
import { applyChangesPage } from '../../data/catalog-apply';
import { database } from '../../data/db';
import { patronDatabase } from '../../data/patron-db';
import { flushUsage, usageDays } from '../../data/usage';
import { initI18n, setLang } from '../../i18n/i18n';
import { sampleCategory, sampleGuide } from '../../../test/records';
import { usageSessions } from '../session/usage-session';
import { SearchScreen, UNMET_SEARCH_PAUSE_MS } from './SearchScreen';

const put = <T extends { id: string }>(kind: 'category' | 'guide', data: T): Change => ({ kind, id: data.id, version: 1, op: 'put', data });
const host = document.createElement('div');
const show = (query: string) => render(<SearchScreen query={query} visit={0} />, host);
const pause = () => new Promise((resolve) => setTimeout(resolve, UNMET_SEARCH_PAUSE_MS + 300));
/** Waits until the screen shows the answer to `query`. */
const answered = (query: string) => expect.poll(() => host.querySelector('[data-query]')?.getAttribute('data-query')).toBe(query);

async function unmet(): Promise<Record<string, number>> {
  await flushUsage();
  const days = await usageDays('2000-01-01', '2999-12-31');
  return Object.assign({}, ...days.map((d) => d.counts.unmetSearches));
}

beforeAll(async () => {
  await initI18n();
  await setLang('es');
  const db = database();
  await db.transaction('rw', db.categories, db.guides, db.meta, async () => {
    await Promise.all([db.categories.clear(), db.guides.clear(), db.meta.clear()]);
  });
  await applyChangesPage({ changes: [put('category', sampleCategory('salud')), put('guide', { ...sampleGuide('sis', 'salud'), title: { es: 'Afiliarse al SIS', qu: 'SISman qillqachikuy' } })], cursor: 'c1', more: false }, undefined);
});

beforeEach(async () => {
  await flushUsage();
  await patronDatabase().usage.clear();
  usageSessions.interaction();
});

afterEach(() => {
  render(null, host);
  usageSessions.end();
});

describe('a search that found nothing', () => {
  it('counts once the patron stops typing, and once per session however often it is typed again', async () => {
    show('pasaporte');
    await answered('pasaporte');
    expect(host.textContent).toContain('No encontramos guías');
    await pause();
    expect(await unmet()).toEqual({ pasaporte: 1 });
    show('afiliarse');
    await answered('afiliarse');
    show('Pasaporte');
    await answered('Pasaporte');
    await pause();
    expect(await unmet()).toEqual({ pasaporte: 1 });
  });

  it('does not count the words on the way to a search that finds something', async () => {
    show('afiliarse sus');
    await answered('afiliarse sus');
    show('afiliarse sis');
    await answered('afiliarse sis');
    expect(host.textContent).toContain('1 guía encontrada');
    await pause();
    expect(await unmet()).toEqual({});
  });

  it('counts a search the patron leaves before the pause', async () => {
    show('licencia de conducir');
    await answered('licencia de conducir');
    render(null, host);
    expect(await unmet()).toEqual({ 'licencia de conducir': 1 });
  });

  it('never keeps a DNI or a phone typed into the search', async () => {
    for (const query of ['partida 45678912', '987 654 321']) {
      show(query);
      await answered(query);
      expect(host.textContent).toContain('No encontramos guías');
      await pause();
    }
    render(null, host);
    expect(await unmet()).toEqual({});
    expect(JSON.stringify(await patronDatabase().usage.toArray())).not.toMatch(/\d{4}|partida/);
  });
});

describe('the results on screen', () => {
  it('take in a catalogue page that lands while they are shown, without another keystroke', async () => {
    show('vacuna');
    await answered('vacuna');
    expect(host.textContent).toContain('No encontramos guías');
    await applyChangesPage({ changes: [put('guide', { ...sampleGuide('vacunas', 'salud'), title: { es: 'Vacunas para niños', qu: 'Wawakunapaq vacuna' } })], cursor: 'c2', more: false }, 'c1');
    await expect.poll(() => host.textContent, { timeout: 5000 }).toContain('Vacunas para niños');
    expect(host.textContent).toContain('1 guía encontrada');
  });

  it('answer the last words typed, however fast the keys come', async () => {
    for (const query of ['v', 'va', 'vac', 'vacu', 'vacun', 'vacuna', 'afiliarse']) show(query);
    await answered('afiliarse');
    expect(host.textContent).toContain('Afiliarse al SIS');
    // Earlier keystrokes' answers arriving late must not replace the last one.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(host.querySelector('[data-query]')?.getAttribute('data-query')).toBe('afiliarse');
    expect(host.textContent).not.toContain('Vacunas para niños');
  });
});
