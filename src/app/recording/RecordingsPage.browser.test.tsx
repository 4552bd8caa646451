// Runs in real Chromium over real IndexedDB: the panel's recorder as a librarian uses it with a
// recording made on a phone (the microphone itself is exercised end to end in
// e2e/recordings.spec.ts, with Chromium's fake device). Picking a guide and the language shows
// each part with the words to read; a file becomes a draft to hear back; a file that is not
// audio is refused in words; sending moves the drafts to the list; axe in both languages.
import axe from 'axe-core';
import { render } from 'preact';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import '../styles.css';
import type { Change } from '../../core/protocol';
import { applyChangesPage } from '../../data/catalog-apply';
import { saveKioskIdentity } from '../../data/kiosk-identity';
import { patronDatabase } from '../../data/patron-db';
import { allRecordings } from '../../data/recordings';
import { setLang } from '../../i18n/i18n';
import { sampleCategory, sampleGuide, sampleWav } from '../../../test/records';
import { freshKioskScreens } from '../../../test/kiosk-screens';
import { RecordingsPage } from './RecordingsPage';

const host = document.createElement('main');
document.body.append(host);
const put = <T extends { id: string }>(kind: Change['kind'], data: T): Change => ({ kind, id: data.id, version: 1, op: 'put', data });

/** Half a second of a phone's recording, as a WAV file. */
const wavFile = (name = 'paso-1.wav') => new File([sampleWav(500)], name, { type: 'audio/wav' });

beforeAll(async () => {
  await freshKioskScreens();
  const guide = { ...sampleGuide('dni', 'identidad'), title: { es: 'Duplicado del DNI', qu: 'DNI kaqninta urquy' }, steps: [{ es: 'Vaya a la agencia.', qu: 'Agenciaman riy.' }, { es: 'Pague la tasa.' }] };
  await applyChangesPage({ changes: [put('category', sampleCategory('identidad')), put('guide', guide)], cursor: 'c1', more: false }, undefined);
});

beforeEach(async () => {
  await setLang('es');
  await Promise.all([patronDatabase().recordings.clear(), patronDatabase().kiosk.clear()]);
  await saveKioskIdentity({ kioskId: 'k1', token: 't1', library: 'Biblioteca de Nauta' });
});

afterEach(() => render(null, host));

const byLabel = (text: string) => {
  const label = [...host.querySelectorAll('label')].find((l) => l.textContent === text);
  if (!label) throw new Error(`no field "${text}"`);
  return host.querySelector<HTMLInputElement & HTMLSelectElement>(`#${label.htmlFor}`)!;
};
const button = (text: string) => [...host.querySelectorAll('button')].find((b) => b.textContent === text);
const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
  if (!check()) throw new Error(`never: ${what}`);
};
const parts = () => [...host.querySelectorAll('.part-recorder h3')].map((h) => h.textContent);

async function openGuide(lang: 'es' | 'qu') {
  render(<RecordingsPage visit={1} onBack={() => undefined} />, host);
  await until(() => host.querySelectorAll('#recording-guide option').length > 1, 'guides listed');
  await userEvent.selectOptions(byLabel('Guía'), 'dni');
  await userEvent.selectOptions(byLabel('Idioma en que lee'), lang);
  await until(() => parts().length > 0, 'parts shown');
}

describe('the panel recorder', () => {
  it('shows every part with its words, in the language chosen; a part with no text there is left out', async () => {
    await openGuide('es');
    expect(parts()).toEqual(['Resumen', '¿Para quién es?', 'Qué llevar', 'Paso 1', 'Paso 2', 'Costo', 'Dónde ir']);
    expect(host.querySelector('.part-recorder[data-part="step-2"] .read-aloud')!.textContent).toBe('Pague la tasa.');
    await userEvent.selectOptions(byLabel('Idioma en que lee'), 'qu');
    await until(() => !parts().includes('Paso 2'), 'step 2 has no Quechua text');
    expect(host.querySelector('.part-recorder[data-part="step-1"] .read-aloud')!.textContent).toBe('Agenciaman riy.');
  });

  it('a phone recording becomes a draft to hear back; sending lists it as waiting', async () => {
    await openGuide('qu');
    await userEvent.fill(byLabel('Quién lee'), 'Rosa Quispe');
    const input = host.querySelector<HTMLInputElement>('#part-step-1-file')!;
    await userEvent.upload(input, wavFile());
    await until(() => host.querySelector('[data-testid="draft-step-1"]') !== null, 'draft shown');
    const player = host.querySelector<HTMLAudioElement>('[data-testid="draft-step-1"]')!;
    await until(() => player.readyState >= 1, 'draft playable');
    expect(player.error).toBeNull();
    expect(Math.round(player.duration * 10)).toBe(5);

    await userEvent.click(button('Enviar 1 grabación')!);
    await until(() => host.querySelector('[data-testid="recording-list"]') !== null, 'listed as sent');
    expect(host.querySelector('[data-testid="recording-list"]')!.textContent).toContain('Por subir');
    expect(await allRecordings()).toMatchObject([{ status: 'waiting', part: 'step-1', lang: 'qu', recordedBy: 'Rosa Quispe', type: 'audio/wav', durationMs: 500 }]);
  });

  it('asks who reads before keeping anything, and refuses a file that is not audio, in words', async () => {
    await openGuide('es');
    const input = host.querySelector<HTMLInputElement>('#part-summary-file')!;
    await userEvent.upload(input, wavFile());
    await until(() => host.querySelector('[role="alert"]')!.textContent !== '', 'problem said');
    expect(host.querySelector('[role="alert"]')!.textContent).toBe('Escriba primero quién lee.');
    await userEvent.fill(byLabel('Quién lee'), 'Rosa Quispe');
    await userEvent.upload(input, new File(['no soy audio'], 'nota.txt', { type: 'text/plain' }));
    await until(() => host.querySelector('[role="alert"]')!.textContent!.includes('archivo'), 'refusal said');
    expect(host.querySelector('[role="alert"]')!.textContent).toBe('No se pudo leer ese archivo de audio.');
    expect(await allRecordings()).toEqual([]);
  });

  it('passes axe in Spanish and in Quechua', async () => {
    await openGuide('es');
    await userEvent.fill(byLabel('Quién lee'), 'Rosa Quispe');
    await userEvent.upload(host.querySelector<HTMLInputElement>('#part-summary-file')!, wavFile());
    await until(() => host.querySelector('[data-testid="draft-summary"]') !== null, 'draft shown');
    for (const lang of ['es', 'qu'] as const) {
      await setLang(lang);
      const results = await axe.run(host);
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    }
  });
});
