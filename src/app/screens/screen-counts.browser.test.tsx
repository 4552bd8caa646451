// Runs in real Chromium over a real catalogue in IndexedDB: what the screens count as a patron
// uses them. A guide or a topic once per visit (not at every re-render or catalogue update),
// the checklist printed, a QR code scrolled into view, a form once it is in the outbox.
import { render } from 'preact';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { Form } from '../../core/form-schema';
import type { Change } from '../../core/protocol';
import { applyChangesPage } from '../../data/catalog-apply';
import { patronDatabase } from '../../data/patron-db';
import { flushUsage, usageDays } from '../../data/usage';
import { setLang } from '../../i18n/i18n';
import { sampleCategory, sampleGuide } from '../../../test/records';
import { usageSessionTracker } from '../session/usage-session';
import { CategoryScreen } from './CategoryScreen';
import { FormScreen } from './FormScreen';
import { GuideScreen } from './GuideScreen';
import { syncRunning } from '../../sync/sync-status';
import '../styles.css';
import { freshKioskScreens } from '../../../test/kiosk-screens';

const host = document.createElement('div');
document.body.append(host);
const sessions = usageSessionTracker({ now: () => Date.now(), online: () => true, lang: () => 'es', count: () => undefined, flush: () => undefined });
const form: Form = {
  id: 'comentario-guia',
  agency: 'Red de bibliotecas',
  title: { es: '¿Qué le pareció esta guía?', qu: '¿Imaynataq kay pusaq qillqa rikch\'akusunki?' },
  description: { es: 'Ayúdenos a mejorar las guías.', qu: 'Yanapawayku.' },
  fields: [{ type: 'yesno', id: 'util', required: true, label: { es: '¿Le sirvió esta guía?', qu: '¿Kay pusaq qillqa yanaparqasunkichu?' } }],
};
const put = <T extends { id: string }>(kind: Change['kind'], data: T, version = 1): Change => ({ kind, id: data.id, version, op: 'put', data });

async function counts() {
  await flushUsage();
  const days = await usageDays('2000-01-01', '2999-12-31');
  const sum = (key: 'guidesOpened' | 'categoriesOpened' | 'guidesPrinted' | 'qrShown' | 'formsSent') => Object.assign({}, ...days.map((d) => d.counts[key])) as Record<string, number>;
  return { guides: sum('guidesOpened'), categories: sum('categoriesOpened'), printed: sum('guidesPrinted'), qr: sum('qrShown'), forms: sum('formsSent') };
}

beforeAll(async () => {
  await freshKioskScreens();
  await applyChangesPage({ changes: [put('category', sampleCategory('salud')), put('guide', sampleGuide('sis', 'salud')), put('form', form)], cursor: 'c1', more: false }, undefined);
});

beforeEach(async () => {
  await flushUsage();
  await Promise.all([patronDatabase().usage.clear(), patronDatabase().outbox.clear(), patronDatabase().receipts.clear()]);
  // The sync a Send asks for: no server here.
  vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('Failed to fetch'));
});

afterEach(async () => {
  render(null, host);
  // The sync a Send or an enrolment started ends on the test's network, never on a real one.
  await expect.poll(() => syncRunning.get()).toBe(false);
  vi.restoreAllMocks();
});

describe('what the screens count', () => {
  it('a guide once per visit, however often it re-renders or the catalogue changes under it', async () => {
    render(<GuideScreen id="sis" visit={1} sessions={sessions} />, host);
    await expect.poll(() => host.querySelector('h1')?.textContent).toBe('Guía sis');
    await setLang('qu');
    await applyChangesPage({ changes: [put('guide', { ...sampleGuide('sis', 'salud'), agency: 'SIS' }, 2)], cursor: 'c2', more: false }, 'c1');
    await expect.poll(() => host.textContent).toContain('SIS');
    await setLang('es');
    expect((await counts()).guides).toEqual({ sis: 1 });
    // The patron comes back to it: another visit.
    render(<GuideScreen id="sis" visit={2} sessions={sessions} />, host);
    await expect.poll(async () => (await counts()).guides).toEqual({ sis: 2 });
  });

  it('no guide for an address that names none', async () => {
    render(<GuideScreen id="no-existe" visit={1} sessions={sessions} />, host);
    await expect.poll(() => host.textContent).toContain('No encontramos esta guía.');
    expect((await counts()).guides).toEqual({});
  });

  it('the checklist printed, and a QR code once it is scrolled into view, once per visit', async () => {
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    render(<GuideScreen id="sis" visit={3} sessions={sessions} />, host);
    await expect.poll(() => host.querySelector('svg.qr')).not.toBeNull();
    // A tall page: the guide's QR code starts below the fold.
    host.style.paddingTop = '3000px';
    window.scrollTo(0, 0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await counts()).qr).toEqual({});
    host.querySelector('svg.qr')!.scrollIntoView();
    await expect.poll(async () => (await counts()).qr).toEqual({ sis: 1 });
    window.scrollTo(0, 0);
    host.querySelector('svg.qr')!.scrollIntoView();
    await userEvent.click([...host.querySelectorAll('button')].find((b) => b.textContent === 'Imprimir lo que debe llevar')!);
    expect(print).toHaveBeenCalledOnce();
    host.style.paddingTop = '';
    const counted = await counts();
    expect(counted.printed).toEqual({ sis: 1 });
    expect(counted.qr).toEqual({ sis: 1 });
  });

  it('a topic once per visit', async () => {
    render(<CategoryScreen id="salud" visit={1} />, host);
    await expect.poll(() => host.querySelector('h1')?.textContent).toBe('Tema salud');
    render(<CategoryScreen id="salud" visit={1} />, host);
    render(<CategoryScreen id="salud" visit={2} />, host);
    await expect.poll(async () => (await counts()).categories).toEqual({ salud: 2 });
  });

  it('a form once it is in the outbox, not when Send finds answers missing', async () => {
    render(<FormScreen id="comentario-guia" guideId="sis" visit={1} />, host);
    await expect.poll(() => host.querySelector('h1')?.textContent).toBe('¿Qué le pareció esta guía?');
    const send = () => userEvent.click([...host.querySelectorAll('button')].find((b) => b.textContent === 'Enviar')!);
    await send();
    await expect.poll(() => host.querySelector('.error-summary')).not.toBeNull();
    expect((await counts()).forms).toEqual({});
    await userEvent.click(host.querySelector<HTMLInputElement>('input[value="true"]')!);
    await send();
    await expect.poll(() => patronDatabase().outbox.count()).toBe(1);
    expect((await counts()).forms).toEqual({ 'comentario-guia': 1 });
  });
});
