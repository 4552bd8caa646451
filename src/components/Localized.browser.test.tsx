// Runs in real Chromium: what a patron reading Quechua sees when a text has no Quechua version.
import { render } from 'preact';
import { beforeAll, describe, expect, it } from 'vitest';
import { initI18n, setLang } from '../i18n/i18n';
import { Localized } from './Localized';

beforeAll(async () => {
  await initI18n();
});

describe('Localized', () => {
  it('shows the Quechua text when there is one', async () => {
    await setLang('qu');
    const host = document.createElement('div');
    render(<Localized as="p" text={{ es: 'Lleve su DNI.', qu: 'DNIykita apay.' }} />, host);
    expect(host.textContent).toBe('DNIykita apay.');
    expect(host.querySelector('p')!.hasAttribute('lang')).toBe(false);
  });

  it('falls back to Spanish, marked as Spanish, with a notice in Quechua', async () => {
    await setLang('qu');
    const host = document.createElement('div');
    render(<Localized as="p" text={{ es: 'Lleve su DNI.' }} />, host);
    const p = host.querySelector('p')!;
    expect(p.getAttribute('lang')).toBe('es-PE');
    expect(p.textContent).toContain('Lleve su DNI.');
    const notice = p.querySelector('small')!;
    expect(notice.getAttribute('lang')).toBe('qu');
    expect(notice.textContent).toContain('manaraqmi runasimipi kanchu');
  });

  it('shows no notice in Spanish', async () => {
    await setLang('es');
    const host = document.createElement('div');
    render(<Localized as="p" text={{ es: 'Lleve su DNI.' }} />, host);
    expect(host.textContent).toBe('Lleve su DNI.');
  });

  it('shows a Quechua variant’s reader the Southern Quechua text, marked as such, without the Spanish notice', async () => {
    await setLang('quz');
    const host = document.createElement('div');
    render(<Localized as="p" text={{ es: 'Lleve su DNI.', qu: 'DNIykita apay.' }} />, host);
    const p = host.querySelector('p')!;
    expect(p.textContent).toBe('DNIykita apay.');
    expect(p.getAttribute('lang')).toBe('qu');
  });

  it('tells an Aymara reader in Spanish while Aymara has no notice of its own', async () => {
    await setLang('ay');
    const host = document.createElement('div');
    render(<Localized as="p" text={{ es: 'Lleve su DNI.', qu: 'DNIykita apay.' }} />, host);
    const notice = host.querySelector('small')!;
    expect(host.querySelector('p')!.getAttribute('lang')).toBe('es-PE');
    expect(notice.getAttribute('lang')).toBe('es-PE');
    expect(notice.textContent).toContain('todavía no está en su idioma');
    await setLang('es');
  });
});
