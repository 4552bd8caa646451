// Valid records for tests, small enough to read at a glance.
import type { AudioRecord } from '../src/core/audio';
import { sha256Hex } from '../src/core/encoding';
import type { Category, Guide } from '../src/core/content-schema';
import type { Form, FormField } from '../src/core/form-schema';

export function sampleCategory(id: string, order = 1): Category {
  return { id, icon: 'health', order, name: { es: `Tema ${id}`, qu: `T'aqa ${id}` } };
}

export function sampleGuide(id: string, category: string): Guide {
  return {
    id,
    category,
    agency: 'RENIEC',
    title: { es: `Guía ${id}`, qu: `Pusaq ${id}` },
    summary: { es: 'Resumen.', qu: 'Pisiyachisqa.' },
    audience: { es: 'Para todos.', qu: 'Llapanpaq.' },
    requirements: [{ es: 'DNI', qu: 'DNI' }],
    steps: [{ es: 'Vaya a la oficina.', qu: 'Kamachiq wasiman riy.' }],
    cost: { free: true },
    where: { es: 'Oficina', qu: 'Kamachiq wasi' },
    duration: { es: 'Un día', qu: 'Huk punchaw' },
    source: 'https://www.gob.pe/reniec',
    reviewed: '2026-11-24',
  };
}

/** The feedback form every guide offers ("something is wrong or missing"), under `id`. */
export function sampleFeedbackForm(id: string): Form {
  return {
    id,
    agency: 'Red de bibliotecas',
    title: { es: '¿Qué le pareció esta guía?', qu: "¿Imaynataq kay pusaq qillqa rikch'akusunki?" },
    description: { es: 'Ayúdenos a mejorar las guías.', qu: 'Pusaq qillqakunata allinchanaykupaq yanapawayku.' },
    fields: [
      { id: 'util', type: 'yesno', required: true, label: { es: '¿Le sirvió?', qu: '¿Yanaparqasunkichu?' } },
      { id: 'problema', type: 'longtext', maxLength: 500, label: { es: '¿Algo equivocado?', qu: '¿Imapas pantasqachu?' } },
    ],
  };
}

/** A small valid form (id `pedido`) with the given fields; `extra` overrides the rest. */
export function sampleForm(fields: FormField[], extra: Partial<Form> = {}): Form {
  return { id: 'pedido', agency: 'MIDIS', title: { es: 'Pedido', qu: 'Mañakuy' }, description: { es: 'Un pedido.', qu: 'Huk mañakuy.' }, fields, ...extra };
}

/** A tiny valid WAV file: `ms` of silence, mono 8 kHz 8-bit, playable by any browser. */
/** A WAV file (RIFF, PCM, mono) around `pcm`, as any recorder writes one: the tests' audio, the
 * fake microphone's voice (test/fake-voice.ts). */
export function wavFile(pcm: Uint8Array, rate: number, bits: 8 | 16): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(44 + pcm.length);
  const view = new DataView(bytes.buffer);
  const text = (at: number, s: string) => [...s].forEach((c, i) => view.setUint8(at + i, c.charCodeAt(0)));
  text(0, 'RIFF');
  view.setUint32(4, 36 + pcm.length, true);
  text(8, 'WAVEfmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, rate, true);
  view.setUint32(28, (rate * bits) / 8, true);
  view.setUint16(32, bits / 8, true);
  view.setUint16(34, bits, true);
  text(36, 'data');
  view.setUint32(40, pcm.length, true);
  bytes.set(pcm, 44);
  return bytes;
}

/** `ms` of silence as an 8 kHz, 8-bit WAV file: something Chromium plays. */
export function sampleWav(ms = 300): Uint8Array<ArrayBuffer> {
  // Silence in unsigned 8-bit is 128.
  return wavFile(new Uint8Array(Math.round((8000 * ms) / 1000)).fill(128), 8000, 8);
}

/** A published recording of `part` of a guide read from `text` (partText of the guide now, for a
 * current one), whose bytes are `bytes`. */
export async function sampleAudio(guideId: string, lang: string, part: string, bytes: Uint8Array, text: string): Promise<AudioRecord> {
  return {
    id: `${guideId}.${lang}.${part}`,
    guideId,
    lang,
    part,
    sha256: await sha256Hex(bytes as Uint8Array<ArrayBuffer>),
    bytes: bytes.byteLength,
    durationMs: 300,
    type: 'audio/wav',
    recordedBy: 'Rosa Quispe',
    recordedAt: '2026-11-30T10:00:00.000Z',
    guideVersion: 1,
    textHash: await sha256Hex(text),
    approvedAt: '2026-12-01T10:00:00.000Z',
  };
}
