// The guide screen's "Escuchar" buttons in real Chromium: only for parts whose recording is
// cached, in the patron's language or else in Spanish (said beside it), with a notice when the
// text changed since the recording; pressed, a real WAV plays through the browser's decoder.
import { render } from 'preact';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { type AudioRecord, partText } from '../../core/audio';
import type { Change } from '../../core/protocol';
import { fetchMissingAudio } from '../../data/audio-cache';
import { applyChangesPage } from '../../data/catalog-apply';
import { AUDIO_CACHE } from '../../data/storage-health';
import { setLang } from '../../i18n/i18n';
import { sampleAudio, sampleCategory, sampleGuide, sampleWav } from '../../../test/records';
import { forgetRecordings, freshKioskScreens } from '../../../test/kiosk-screens';
import { usageSessionTracker } from '../session/usage-session';
import { GuideScreen } from './GuideScreen';

const host = document.createElement('div');
document.body.append(host);
const sessions = usageSessionTracker({ now: () => Date.now(), online: () => true, lang: () => 'es', count: () => undefined, flush: () => undefined });
const put = (kind: Change['kind'], id: string, data: unknown): Change => ({ kind, id, version: 1, op: 'put', data });
const guide = { ...sampleGuide('dni', 'salud'), steps: [{ es: 'Vaya a la oficina.', qu: 'Kamachiq wasiman riy.' }, { es: 'Pague.', qu: 'Pagay.' }] };
const files = new Map<string, Uint8Array>();

/** A recording of `part` in `lang`, of the guide's text now unless `text` says otherwise. */
async function recorded(lang: string, part: string, ms: number, text = partText(guide, part, lang)!): Promise<AudioRecord> {
  const bytes = sampleWav(ms);
  const record = await sampleAudio('dni', lang, part, bytes, text);
  files.set(record.sha256, bytes);
  return record;
}

const buttons = () => [...host.querySelectorAll<HTMLButtonElement>('button.listen-button')];
const labels = () => buttons().map((b) => b.getAttribute('aria-label'));
const button = (label: string) => buttons().find((b) => b.getAttribute('aria-label') === label)!;

async function show() {
  render(<GuideScreen id="dni" visit={1} sessions={sessions} />, host);
  await expect.poll(() => host.querySelector('h1')?.textContent).toMatch(/ dni$/);
}

beforeAll(async () => {
  await freshKioskScreens();
  await caches.delete(AUDIO_CACHE);
  const records = [
    await recorded('es', 'summary', 400),
    await recorded('qu', 'summary', 401),
    await recorded('es', 'step-2', 402),
    // Recorded before the text changed.
    await recorded('es', 'where', 403, 'Oficina antigua'),
    // Published, but its bytes never arrived: no button.
    await recorded('es', 'audience', 404),
  ];
  const audienceSha = records[4]!.sha256;
  files.delete(audienceSha);
  await applyChangesPage({ changes: [put('category', 'salud', sampleCategory('salud')), put('guide', 'dni', guide), ...records.map((r) => put('audio', r.id, r))], cursor: 'c1', more: false }, undefined);
  const fetch = (async (url: string) => {
    const bytes = files.get(url.split('/').pop()!);
    return bytes ? new Response(bytes as Uint8Array<ArrayBuffer>) : new Response('', { status: 404 });
  }) as unknown as typeof globalThis.fetch;
  expect(await fetchMissingAudio('http://kiosk.test', { fetch })).toMatchObject({ kept: 4 });
});

beforeEach(() => setLang('es'));
afterAll(forgetRecordings);

afterEach(() => {
  render(null, host);
  vi.restoreAllMocks();
});

describe('listening to a guide', () => {
  it('offers a button for the whole guide and for each part whose recording is cached, nothing else', async () => {
    await show();
    await expect.poll(labels).toEqual(['Escuchar toda la guía', 'Escuchar: Resumen', 'Escuchar: Paso 2', 'Escuchar: Dónde']);
    expect(buttons().every((b) => b.getAttribute('aria-pressed') === 'false')).toBe(true);
    // The recording of "where" is older than the text: said beside its button and the large one.
    const where = button('Escuchar: Dónde').closest('.listen')!;
    expect(where.textContent).toContain('La grabación es de una versión anterior de esta guía');
    expect(button('Escuchar: Resumen').closest('.listen')!.textContent).not.toContain('anterior');
    expect(host.querySelector('.listen-large')!.textContent).toContain('anterior');
  });

  it('in Quechua, plays the Quechua recording where there is one and says when it is Spanish', async () => {
    await setLang('qu');
    await show();
    await expect.poll(labels).toEqual(['Llapan pusaq qillqata uyariy', 'Uyariy: Pisiyachisqa', 'Uyariy: 2 kaq rurana', 'Uyariy: Maypi']);
    expect(button('Uyariy: Pisiyachisqa').closest('.listen')!.textContent).not.toContain('kastilla simipi');
    expect(button('Uyariy: 2 kaq rurana').closest('.listen')!.textContent).toContain('(kastilla simipi)');
    expect(host.querySelector('.listen-large')!.textContent).not.toContain('kastilla simipi');
  });

  it('shows no button on a guide without recordings', async () => {
    await applyChangesPage({ changes: [put('guide', 'sin-audio', sampleGuide('sin-audio', 'salud'))], cursor: 'c2', more: false }, 'c1');
    render(<GuideScreen id="sin-audio" visit={1} sessions={sessions} />, host);
    await expect.poll(() => host.querySelector('h1')?.textContent).toBe('Guía sin-audio');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(buttons()).toEqual([]);
  });

  it('plays a part, pressed while it plays, one recording at a time, and stops', async () => {
    const played: HTMLMediaElement[] = [];
    const realPlay = HTMLMediaElement.prototype.play;
    vi.spyOn(HTMLMediaElement.prototype, 'play').mockImplementation(function (this: HTMLMediaElement) {
      played.push(this);
      return realPlay.call(this);
    });
    await show();
    await expect.poll(labels).toContain('Escuchar: Paso 2');
    await userEvent.click(button('Escuchar: Paso 2'));
    await expect.poll(() => button('Detener: Paso 2')?.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => played.length).toBe(1);
    const step = played[0]!;
    expect(step.src).toMatch(/^blob:/);
    await expect.poll(() => step.currentTime > 0 || step.ended).toBe(true);
    expect(step.error).toBeNull();

    // Another part stops the first: never two voices at once.
    await userEvent.click(button('Escuchar toda la guía'));
    await expect.poll(() => played.length).toBe(2);
    expect(step.paused).toBe(true);
    expect(button('Escuchar: Paso 2').getAttribute('aria-pressed')).toBe('false');
    expect(button('Detener').getAttribute('aria-pressed')).toBe('true');
    await userEvent.click(button('Detener'));
    await expect.poll(() => played[1]!.paused).toBe(true);
    expect(button('Escuchar toda la guía').getAttribute('aria-pressed')).toBe('false');
  });

  it('plays the whole guide part after part, and lets go when it ends', async () => {
    const played: string[] = [];
    const realPlay = HTMLMediaElement.prototype.play;
    vi.spyOn(HTMLMediaElement.prototype, 'play').mockImplementation(function (this: HTMLMediaElement) {
      played.push(this.src);
      return realPlay.call(this);
    });
    await show();
    await expect.poll(labels).toContain('Escuchar toda la guía');
    await userEvent.click(button('Escuchar toda la guía'));
    // Three parts of ~0.4 s each, then the button is released.
    await expect.poll(() => played.length, { timeout: 5000 }).toBe(3);
    await expect.poll(() => button('Escuchar toda la guía')?.getAttribute('aria-pressed'), { timeout: 5000 }).toBe('false');
    expect(new Set(played).size).toBe(3);
    expect(host.querySelector('.listen-failed')).toBeNull();
  });
});
