// Valid records for tests, small enough to read at a glance.
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
