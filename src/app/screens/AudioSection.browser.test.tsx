// The panel's "Audio de las guías" in real Chromium: what was published, what is kept here and
// its size, the refused count, and the budget the librarian changes (a smaller one drops files).
import { render } from 'preact';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { Change } from '../../core/protocol';
import { cachedFiles, fetchMissingAudio } from '../../data/audio-cache';
import { applyChangesPage } from '../../data/catalog-apply';
import { patronDatabase } from '../../data/patron-db';
import { getAudioBudgetBytes } from '../../data/audio-budget';
import { AUDIO_CACHE } from '../../data/storage-health';
import { sampleAudio, sampleWav } from '../../../test/records';
import { forgetRecordings, freshKioskScreens } from '../../../test/kiosk-screens';
import { AudioSection } from './AudioSection';

const host = document.createElement('div');
document.body.append(host);
const put = (id: string, data: unknown): Change => ({ kind: 'audio', id, version: 1, op: 'put', data });
const text = (testId: string) => host.querySelector(`[data-testid="${testId}"]`)?.textContent;

beforeAll(async () => {
  await freshKioskScreens();
  await patronDatabase().kiosk.clear();
  await caches.delete(AUDIO_CACHE);
  // Two files of 1 MB (one of them doctored on the way) and one of 0.5 MB.
  const big = sampleWav(131_000);
  const small = sampleWav(65_500);
  const doctored = sampleWav(131_001);
  const records = [await sampleAudio('dni', 'qu', 'summary', big, 'x'), await sampleAudio('dni', 'es', 'summary', small, 'x'), await sampleAudio('dni', 'qu', 'where', doctored, 'x')];
  await applyChangesPage({ changes: records.map((r) => put(r.id, r)), cursor: 'a1', more: false }, undefined);
  const served = new Map([[records[0]!.sha256, big], [records[1]!.sha256, small], [records[2]!.sha256, doctored.slice(0, 1000)]]);
  const fetch = (async (url: string) => new Response(served.get(url.split('/').pop()!) as Uint8Array<ArrayBuffer>)) as unknown as typeof globalThis.fetch;
  expect(await fetchMissingAudio('http://kiosk.test', { fetch })).toMatchObject({ kept: 2, refused: 1 });
});

afterAll(async () => {
  render(null, host);
  vi.restoreAllMocks();
  await forgetRecordings();
});

describe('the audio section of the librarian panel', () => {
  it('states what is published, kept and refused, and keeps the budget the librarian chooses', async () => {
    // The run a new budget starts asks the kiosk's own server, which is not there in this test.
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => new Response('', { status: 404 }));
    render(<AudioSection />, host);
    await expect.poll(() => text('audio-published')).toBe('Grabaciones publicadas: 3');
    expect(text('audio-cached')).toBe('Guardadas en este equipo: 2 (1.5 MB)');
    expect(text('audio-refused')).toBe('Descartadas porque el archivo no era el publicado: 1');
    const select = host.querySelector<HTMLSelectElement>('#audio-budget')!;
    expect(select.value).toBe('60');
    expect([...select.options].map((o) => o.textContent)).toEqual(['30 MB', '60 MB', '120 MB', '250 MB']);

    await userEvent.selectOptions(select, '120');
    await expect.poll(() => host.querySelector('[role="status"]')?.textContent).toBe('Espacio para el audio guardado.');
    expect(await getAudioBudgetBytes()).toBe(120 * 1024 * 1024);
  });

  it('drops files until they fit a smaller budget, Spanish before Quechua', async () => {
    const nothing = (async () => new Response('', { status: 404 })) as unknown as typeof globalThis.fetch;
    // The run the panel started when the budget changed, joined and let finish.
    await fetchMissingAudio('http://kiosk.test', { fetch: nothing });
    await patronDatabase().kiosk.put({ key: 'audioBudgetMb', value: 1.2 });
    await fetchMissingAudio('http://kiosk.test', { fetch: nothing });
    expect((await cachedFiles()).size).toBe(1);
    await expect.poll(() => text('audio-cached')).toBe('Guardadas en este equipo: 1 (1.0 MB)');
  });
});
