// Runs in real Chromium with the app's styles: the switch lists a registry's enabled languages by
// their own names, and with four of them it still fits a narrow kiosk header.
import { render } from 'preact';
import { beforeAll, describe, expect, it } from 'vitest';
import './styles.css';
import { parseLanguageRegistry, switchLanguages } from '../core/language-registry';
import { REGISTRY } from '../core/lang';
import { currentLang, initI18n, setLang } from '../i18n/i18n';
import { LanguageSwitch } from '../components/LanguageSwitch';

beforeAll(async () => {
  await initI18n();
});

/** The app's registry with a test-only fourth language, and Aymara enabled. */
const fourLanguages = switchLanguages(
  parseLanguageRegistry({
    languages: [
      ...REGISTRY.languages.map((l) => (l.code === 'ay' ? { ...l, enabled: true } : l)),
      { code: 'xx', name: 'Xxiyu', nameEs: 'xxiyu', nameEn: 'Xxiyu', tag: 'xx', fallback: ['es'], enabled: true, formats: 'es-PE', ui: 'partial', content: 'none' },
    ],
  }),
);

function renderInHeader(width: number) {
  const host = document.createElement('div');
  host.style.width = `${width}px`;
  document.body.append(host);
  render(
    <header class="top-bar">
      <LanguageSwitch languages={fourLanguages} />
    </header>,
    host,
  );
  return host;
}

describe('LanguageSwitch', () => {
  it('lists the enabled languages of the built-in registry by their own names', async () => {
    await setLang('es');
    const host = document.createElement('div');
    render(<LanguageSwitch />, host);
    expect([...host.querySelectorAll('button')].map((b) => [b.textContent, b.lang, b.getAttribute('aria-pressed')])).toEqual([
      ['Español', 'es-PE', 'true'],
      ['Runasimi', 'qu', 'false'],
    ]);
  });

  it('offers a language added as data; a partial one shows its own strings and Spanish for the rest', async () => {
    const host = renderInHeader(360);
    const buttons = [...host.querySelectorAll('button')];
    expect(buttons.map((b) => b.textContent)).toEqual(['Español', 'Runasimi', 'Aymar aru', 'Xxiyu']);
    expect(buttons.map((b) => b.lang)).toEqual(['es-PE', 'qu', 'ay', 'xx']);
    expect(host.querySelector('[role=group]')!.getAttribute('aria-label')).toBe('Idioma');
    buttons[2]!.click();
    await expect.poll(() => currentLang()).toBe('ay');
    expect(document.documentElement.lang).toBe('ay');
    await expect.poll(() => host.querySelector('[role=group]')!.getAttribute('aria-label')).toBe('Aru');
    expect(host.querySelector('[aria-pressed=true]')!.textContent).toBe('Aymar aru');
    await setLang('es');
    host.remove();
  });

  it('fits a 360 px header with four languages: it wraps, nothing overflows, every button stays 48 px', () => {
    const host = renderInHeader(360);
    const header = host.querySelector('header')!;
    expect(header.scrollWidth).toBeLessThanOrEqual(header.clientWidth);
    for (const button of host.querySelectorAll('button')) {
      const box = button.getBoundingClientRect();
      expect(box.height).toBeGreaterThanOrEqual(48);
      expect(box.right).toBeLessThanOrEqual(header.getBoundingClientRect().right);
    }
    host.remove();
  });
});
