// Runs in real Chromium, with the real shell, router, session end and IndexedDB: "Salir rápido /
// Usqhaylla lluqsiy" on a guide marked sensitive. It is there only on such a guide, in both
// languages; a tap, Enter or Escape twice ends the session at once (no question, drafts erased,
// home with nothing behind Back or Forward, the language back to the kiosk's); and no usage
// count names the guide.
import { render } from 'preact';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { Guide } from '../../core/content-schema';
import type { Change } from '../../core/protocol';
import { applyChangesPage } from '../../data/catalog-apply';
import { saveDraft } from '../../data/drafts';
import { patronDatabase } from '../../data/patron-db';
import { flushUsage, usageDays } from '../../data/usage';
import { currentLang, setLang } from '../../i18n/i18n';
import { sampleCategory, sampleFeedbackForm, sampleGuide } from '../../../test/records';
import { App } from '../App';
import { historyDepth, navigate, paths } from '../router';
import { FormScreen } from '../screens/FormScreen';
import { GuideScreen } from '../screens/GuideScreen';
import { syncRunning } from '../../sync/sync-status';
import { sessionId } from './tab-session';
import { usageSessions } from './usage-session';
import { ESCAPE_WINDOW_MS } from './QuickExit';
import '../styles.css';
import { freshKioskScreens } from '../../../test/kiosk-screens';

const host = document.createElement('div');
document.body.append(host);
const testPage = location.href;

const safe: Guide = {
  ...sampleGuide('refugio', 'familia'),
  title: { es: 'Violencia en casa', qu: 'Wasipi maqay' },
  online: { url: 'https://www.gob.pe/mimp', text: { es: 'Página del MIMP.', qu: 'MIMPpa llika p\u2019anqan.' } },
  forms: ['pedido'],
  sensitive: true,
};
const put = <T extends { id: string }>(kind: Change['kind'], data: T): Change => ({ kind, id: data.id, version: 1, op: 'put', data });

const exitButton = () => page.getByRole('button', { name: /Salir rápido/ });
const exitShown = () => host.querySelector('.quick-exit button') !== null;

async function counts() {
  await flushUsage();
  const days = await usageDays('2000-01-01', '2999-12-31');
  const all = days.map((d) => d.counts);
  const merged = (key: 'guidesOpened' | 'guidesPrinted' | 'qrShown' | 'unmetSearches') => Object.assign({}, ...all.map((c) => c[key])) as Record<string, number>;
  return {
    sessions: all.reduce((sum, c) => sum + c.sessions, 0),
    guides: merged('guidesOpened'),
    printed: merged('guidesPrinted'),
    qr: merged('qrShown'),
    unmet: merged('unmetSearches'),
    everything: JSON.stringify(all),
  };
}

/** The shell on the guide, reached from home through a search, in `lang`; a draft is waiting. */
async function onTheGuide(lang: 'es' | 'qu') {
  history.replaceState(null, '', paths.home());
  render(<App />, host);
  // The shell listens for navigations once it has rendered.
  await expect.poll(() => host.querySelector('h1')?.textContent).toBe('¿Qué trámite necesita?');
  await new Promise((resolve) => setTimeout(resolve, 100));
  await setLang(lang);
  navigate(paths.search('violencia'));
  navigate(paths.guide('refugio'));
  await expect.poll(() => host.querySelector('h1')?.textContent).toBe(lang === 'es' ? 'Violencia en casa' : 'Wasipi maqay');
  await saveDraft({ formId: 'comentario-guia' }, { texto: 'mi esposo me pega' });
  expect(historyDepth()).toBe(2);
}

/** What the next person at the kiosk can find: nothing of the guide, of the draft, or of the
 * patron's language, on screen or behind Back. */
async function expectSessionGone(before: string) {
  await expect.poll(() => location.pathname).toBe('/');
  await expect.poll(() => historyDepth()).toBe(0);
  await expect.poll(() => host.querySelector('h1')?.textContent).toBe('¿Qué trámite necesita?');
  expect(host.textContent).not.toMatch(/Violencia en casa|Wasipi maqay/);
  expect(exitShown()).toBe(false);
  expect(host.querySelector<HTMLInputElement>('#search-input')!.value).toBe('');
  expect(document.title).not.toMatch(/violencia|maqay/i);
  expect(await patronDatabase().drafts.count()).toBe(0);
  expect(sessionId()).not.toBe(before);
  expect(currentLang()).toBe('es');
}

beforeAll(async () => {
  await freshKioskScreens();
  const changes = [put('category', sampleCategory('familia')), put('guide', sampleGuide('sis', 'familia')), put('guide', safe), put('form', sampleFeedbackForm('comentario-guia')), put('form', sampleFeedbackForm('pedido'))];
  await applyChangesPage({ changes, cursor: 'c1', more: false }, undefined);
});

beforeEach(async () => {
  await flushUsage();
  await Promise.all([patronDatabase().usage.clear(), patronDatabase().drafts.clear(), patronDatabase().outbox.clear(), patronDatabase().receipts.clear()]);
  // The sync a screen may ask for: no server here.
  vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('Failed to fetch'));
});

afterEach(async () => {
  render(null, host);
  usageSessions.end();
  await setLang('es');
  // The sync a Send started ends on the test's network, never on a real one.
  await expect.poll(() => syncRunning.get()).toBe(false);
  vi.restoreAllMocks();
});

afterAll(() => history.replaceState(null, '', testPage));

describe('Salir rápido', () => {
  it('is on a sensitive guide only, in both languages with the patron\'s first, at a fixed place', async () => {
    render(<GuideScreen id="sis" visit={1} sessions={usageSessions} />, host);
    await expect.poll(() => host.querySelector('h1')?.textContent).toBe('Guía sis');
    expect(exitShown()).toBe(false);

    render(<GuideScreen id="refugio" visit={2} sessions={usageSessions} />, host);
    await expect.element(page.getByRole('button', { name: 'Salir rápido / Usqhaylla lluqsiy', exact: true })).toBeVisible();
    expect(host.textContent).toContain('o pulse Esc dos veces');
    // Fixed: still in view at the bottom of the screen whatever the patron scrolled.
    const box = host.querySelector('.quick-exit')!;
    expect(getComputedStyle(box).position).toBe('fixed');
    host.style.paddingTop = '3000px';
    window.scrollTo(0, 2000);
    const rect = box.getBoundingClientRect();
    expect(rect.bottom).toBeLessThanOrEqual(window.innerHeight);
    expect(rect.top).toBeGreaterThanOrEqual(0);
    host.style.paddingTop = '';
    window.scrollTo(0, 0);

    await setLang('qu');
    await expect.element(page.getByRole('button', { name: 'Usqhaylla lluqsiy / Salir rápido', exact: true })).toBeVisible();
    expect(host.textContent).toContain("utaq Esc ñit'inata iskay kutita ñit'iy");
  });

  it('a tap ends the session at once, with no question: draft erased, home, nothing behind Back or Forward, the kiosk\'s language', async () => {
    await onTheGuide('qu');
    const before = sessionId();
    await userEvent.click(page.getByRole('button', { name: /Usqhaylla lluqsiy/ }));
    // No "erase what you wrote?" although a draft was waiting.
    expect(host.querySelector('[role="alertdialog"]')).toBeNull();
    await expectSessionGone(before);
    // Forward reaches the guide's entry, which belongs to the ended session: it shows home.
    history.forward();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(location.pathname).toBe('/');
    expect(host.textContent).not.toMatch(/Violencia en casa|Wasipi maqay/);
  });

  it('from the keyboard: Enter on the button, or Escape twice anywhere (once is not enough)', async () => {
    await onTheGuide('es');
    let before = sessionId();
    await userEvent.keyboard('{Escape}');
    await new Promise((resolve) => setTimeout(resolve, ESCAPE_WINDOW_MS + 200));
    // One Escape, then another after the window: still on the guide.
    await userEvent.keyboard('{Escape}');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(exitShown()).toBe(true);
    expect(historyDepth()).toBe(2);
    await userEvent.keyboard('{Escape}');
    await expectSessionGone(before);

    render(null, host);
    await onTheGuide('es');
    before = sessionId();
    (exitButton().element() as HTMLElement).focus();
    await userEvent.keyboard('{Enter}');
    await expectSessionGone(before);
  });

  it('no usage count names a sensitive guide, nor the session\'s searches that found nothing; the session itself is counted', async () => {
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    usageSessions.interaction();
    // The same screens count an ordinary guide: what follows could be counted.
    render(<GuideScreen id="sis" visit={1} sessions={usageSessions} />, host);
    await expect.poll(() => host.querySelector('h1')?.textContent).toBe('Guía sis');
    expect(host.textContent).toContain('¿Le sirvió esta guía?');
    await expect.poll(async () => (await counts()).guides).toEqual({ sis: 1 });

    render(<GuideScreen id="refugio" visit={2} sessions={usageSessions} />, host);
    await expect.poll(() => host.querySelector('h1')?.textContent).toBe('Violencia en casa');
    await expect.poll(() => host.querySelector('svg.qr')).not.toBeNull();
    host.querySelector('svg.qr')!.scrollIntoView();
    await userEvent.click(page.getByRole('button', { name: 'Imprimir lo que debe llevar' }));
    expect(print).toHaveBeenCalledOnce();
    // Nothing to answer or send that would name it.
    expect(host.textContent).not.toContain('¿Le sirvió esta guía?');
    expect(host.querySelector('a[href*="comentario-guia"]')).toBeNull();
    usageSessions.unmetSearch('mi esposo me golpea');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const before = sessionId();
    await userEvent.click(exitButton());
    // The session ended (this screen alone has no router to take it home).
    await expect.poll(() => sessionId()).not.toBe(before);

    const counted = await counts();
    expect(counted.guides).toEqual({ sis: 1 });
    expect(counted.printed).toEqual({});
    expect(counted.qr).toEqual({});
    expect(counted.unmet).toEqual({});
    expect(counted.everything).not.toMatch(/refugio|esposo|golpea/);
    expect(counted.sessions).toBe(1);

    // The next patron's searches count again.
    usageSessions.interaction();
    usageSessions.unmetSearch('pasaporte');
    usageSessions.end();
    expect((await counts()).unmet).toEqual({ pasaporte: 1 });
  });
  it('is on the forms of a sensitive guide too, and sending one is not counted', async () => {
    render(<FormScreen id="comentario-guia" guideId="sis" visit={1} />, host);
    await expect.poll(() => host.querySelector('h1')?.textContent).toBe('¿Qué le pareció esta guía?');
    expect(exitShown()).toBe(false);

    render(<FormScreen id="pedido" visit={2} />, host);
    await expect.element(page.getByRole('button', { name: 'Salir rápido / Usqhaylla lluqsiy', exact: true })).toBeVisible();
    await userEvent.click(host.querySelector<HTMLInputElement>('input[value="true"]')!);
    await userEvent.click(page.getByRole('button', { name: 'Enviar', exact: true }));
    await expect.poll(() => patronDatabase().outbox.count()).toBe(1);
    await flushUsage();
    const days = await usageDays('2000-01-01', '2999-12-31');
    expect(Object.assign({}, ...days.map((d) => d.counts.formsSent))).toEqual({});
  });
});
