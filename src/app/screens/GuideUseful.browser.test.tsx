// Runs in real Chromium: "Was this guide useful?" under a guide, answered with real clicks and
// keys, counted in the real IndexedDB once per guide in a session, in Spanish and in Quechua.
import axe from 'axe-core';
import { render } from 'preact';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { patronDatabase } from '../../data/patron-db';
import { countUsage, flushUsage, usageDays } from '../../data/usage';
import { initI18n, loadScreenStrings, setLang } from '../../i18n/i18n';
import { usageSessionTracker } from '../session/usage-session';
import { GuideUseful } from './GuideUseful';
// The kiosk's own styles: the sizes checked below are the ones patrons get.
import '../styles.css';

const host = document.createElement('div');
document.body.append(host);
const FEEDBACK = '/formulario/comentario-guia?guia=sis';

function sessions() {
  return usageSessionTracker({ now: () => Date.now(), online: () => true, lang: () => 'es', count: countUsage, flush: () => void flushUsage() });
}
const buttons = () => [...host.querySelectorAll('button')];
const button = (name: string) => buttons().find((b) => b.textContent === name)!;

async function answers(): Promise<{ useful: Record<string, number>; notUseful: Record<string, number> }> {
  await flushUsage();
  const days = await usageDays('2000-01-01', '2999-12-31');
  return { useful: Object.assign({}, ...days.map((d) => d.counts.guideUseful)), notUseful: Object.assign({}, ...days.map((d) => d.counts.guideNotUseful)) };
}

beforeAll(async () => {
  await initI18n();
  await loadScreenStrings();
});

beforeEach(async () => {
  await setLang('es');
  await flushUsage();
  await patronDatabase().usage.clear();
});

afterEach(() => render(null, host));

describe('was this guide useful?', () => {
  it('counts "Sí" once for the guide, even tapped twice, and thanks the patron', async () => {
    const tracker = sessions();
    render(<GuideUseful guideId="sis" feedbackHref={FEEDBACK} sessions={tracker} />, host);
    expect(host.querySelector('h2')!.textContent).toBe('¿Le sirvió esta guía?');
    const yes = button('Sí');
    // Two taps before the screen changes.
    yes.click();
    yes.click();
    await expect.poll(() => host.textContent).toContain('Gracias por responder.');
    expect(buttons()).toEqual([]);
    // The buttons went away with the answer: the thanks has the focus, not the page's top.
    await expect.poll(() => document.activeElement).toBe(host.querySelector('[role="status"]'));
    expect(host.querySelector('a')).toBeNull();
    expect(await answers()).toEqual({ useful: { sis: 1 }, notUseful: {} });
  });

  it('shows the thanks, not the question, when the patron comes back to the guide in the same session', async () => {
    const tracker = sessions();
    render(<GuideUseful key="first" guideId="sis" feedbackHref={FEEDBACK} sessions={tracker} />, host);
    button('No').click();
    render(null, host);
    render(<GuideUseful key="again" guideId="sis" feedbackHref={FEEDBACK} sessions={tracker} />, host);
    expect(buttons()).toEqual([]);
    expect(host.textContent).toContain('¿Hay algo equivocado o que falta');
    // Another guide asks again; the next patron too.
    render(<GuideUseful key="other" guideId="pension-65" feedbackHref={FEEDBACK} sessions={tracker} />, host);
    expect(buttons().map((b) => b.textContent)).toEqual(['Sí', 'No']);
    tracker.end();
    render(<GuideUseful key="next" guideId="sis" feedbackHref={FEEDBACK} sessions={tracker} />, host);
    expect(buttons().map((b) => b.textContent)).toEqual(['Sí', 'No']);
    expect(await answers()).toEqual({ useful: {}, notUseful: { sis: 1 } });
  });

  it('offers the feedback form after "No", in Quechua, answered from the keyboard', async () => {
    await setLang('qu');
    const tracker = sessions();
    render(<GuideUseful guideId="sis" feedbackHref={FEEDBACK} sessions={tracker} />, host);
    expect(host.querySelector('h2')!.textContent).toBe('¿Kay pusaq qillqa yanaparqasunkichu?');
    button('Manam').focus();
    await userEvent.keyboard('{Enter}');
    await expect.poll(() => host.querySelector('a')?.getAttribute('href')).toBe(FEEDBACK);
    expect(host.querySelector('a')!.textContent).toBe('Yuyayniykita qillqay');
    expect(host.textContent).toContain('¿Kay pusaq qillqapi imapas pantasqachu');
    expect(await answers()).toEqual({ useful: {}, notUseful: { sis: 1 } });
  });

  it('is accessible before and after an answer, with buttons a finger can hit', async () => {
    const tracker = sessions();
    render(<GuideUseful guideId="sis" feedbackHref={FEEDBACK} sessions={tracker} />, host);
    for (const b of buttons()) expect(b.getBoundingClientRect().height).toBeGreaterThanOrEqual(48);
    expect((await axe.run(host)).violations).toEqual([]);
    await userEvent.click(button('No'));
    await expect.poll(() => host.querySelector('a')).not.toBeNull();
    expect(host.querySelector('a')!.getBoundingClientRect().height).toBeGreaterThanOrEqual(48);
    expect((await axe.run(host)).violations).toEqual([]);
  });
});
