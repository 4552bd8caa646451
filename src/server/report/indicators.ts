// The report's indicators: stable Spanish snake_case names (they are column values of the open
// data, so renaming one breaks every harvester), which kiosk counter each one reads, and which
// cells add up to which (the groups complementary suppression protects).
import type { KeyedCounter, PlainCounter, SessionLength } from '../../core/usage';

export const INDICATORS = [
  'sesiones',
  'sesiones_duracion',
  'sesiones_quechua',
  'sesiones_sin_conexion',
  'guias_abiertas',
  'categorias_abiertas',
  'formularios_enviados',
  'guias_impresas',
  'qr_mostrados',
  'guia_util_si',
  'guia_util_no',
  'busquedas_sin_resultado',
] as const;
export type Indicator = (typeof INDICATORS)[number];

export type IndicatorSource =
  | { kind: 'plain'; counter: PlainCounter }
  /** Counts by key, each with a total row (key '') of the same indicator. */
  | { kind: 'keyed'; counter: KeyedCounter }
  /** Session lengths: the keys add up to `sesiones`, which is their total. */
  | { kind: 'lengths'; counter: 'sessionLength' }
  /** Unmet searches: by text, no total, a text published only when 5 kiosk-days saw it. */
  | { kind: 'searches'; counter: 'unmetSearches' };

export const INDICATOR_SOURCES: Record<Indicator, IndicatorSource> = {
  sesiones: { kind: 'plain', counter: 'sessions' },
  sesiones_duracion: { kind: 'lengths', counter: 'sessionLength' },
  sesiones_quechua: { kind: 'plain', counter: 'quechuaSessions' },
  sesiones_sin_conexion: { kind: 'plain', counter: 'offlineSessions' },
  guias_abiertas: { kind: 'keyed', counter: 'guidesOpened' },
  categorias_abiertas: { kind: 'keyed', counter: 'categoriesOpened' },
  formularios_enviados: { kind: 'keyed', counter: 'formsSent' },
  guias_impresas: { kind: 'keyed', counter: 'guidesPrinted' },
  qr_mostrados: { kind: 'keyed', counter: 'qrShown' },
  guia_util_si: { kind: 'keyed', counter: 'guideUseful' },
  guia_util_no: { kind: 'keyed', counter: 'guideNotUseful' },
  busquedas_sin_resultado: { kind: 'searches', counter: 'unmetSearches' },
};

/** The cell whose value the keys of an indicator add up to, in the same area and month. */
export function keyTotalOf(indicator: Indicator): { indicator: Indicator; key: '' } | null {
  const source = INDICATOR_SOURCES[indicator];
  if (source.kind === 'keyed') return { indicator, key: '' };
  if (source.kind === 'lengths') return { indicator: 'sesiones', key: '' };
  return null;
}

/** Session length buckets under stable Spanish keys, in the order a reader expects. */
export const LENGTH_KEYS: Record<SessionLength, string> = {
  under1: 'menos_de_1_min',
  from1to5: 'de_1_a_5_min',
  from5to15: 'de_5_a_15_min',
  over15: '15_min_o_mas',
};
export const LENGTH_KEY_ORDER = Object.values(LENGTH_KEYS);

/** The data dictionary: what each indicator counts, in Spanish (the open data's language). */
export const INDICATOR_DESCRIPTIONS: Record<Indicator, string> = {
  sesiones: 'Sesiones de uso del kiosco que terminaron en el mes (al pulsar «Salir», por tiempo sin uso o al llegar otra persona).',
  sesiones_duracion: `Sesiones según cuánto duraron; clave: ${LENGTH_KEY_ORDER.join(', ')}. Suman el indicador sesiones.`,
  sesiones_quechua: 'Sesiones en las que el quechua estuvo en pantalla en algún momento.',
  sesiones_sin_conexion: 'Sesiones que empezaron con el kiosco sin conexión a internet.',
  guias_abiertas: 'Veces que se abrió una guía de trámite; clave: identificador de la guía (vacía: total).',
  categorias_abiertas: 'Veces que se abrió un tema del catálogo; clave: identificador del tema (vacía: total).',
  formularios_enviados: 'Formularios enviados desde el kiosco; clave: identificador del formulario (vacía: total).',
  guias_impresas: 'Veces que se imprimió la lista de lo que hay que llevar; clave: identificador de la guía (vacía: total).',
  qr_mostrados: 'Veces que se mostró el código QR de una página oficial; clave: identificador de la guía (vacía: total).',
  guia_util_si: 'Respuestas «sí» a «¿Le sirvió esta guía?»; clave: identificador de la guía (vacía: total).',
  guia_util_no: 'Respuestas «no» a «¿Le sirvió esta guía?»; clave: identificador de la guía (vacía: total).',
  busquedas_sin_resultado:
    'Búsquedas que no encontraron ninguna guía; clave: el texto buscado en palabras normalizadas (minúsculas, sin tildes). Solo textos vistos en al menos 5 días de kiosco; sin total.',
};
