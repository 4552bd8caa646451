// The open data: one long table, the same rows as CSV and JSON, and a Frictionless Data Package
// (v1) that describes it with a Spanish data dictionary. Column names and indicator names are a
// promise to whoever harvests them: add, never rename (docs/impact-data.md).
import type { UbigeoData } from '../../core/ubigeo';
import { toCsv } from '../csv';
import { LEVELS, levelOf, type Level } from './aggregate';
import { INDICATOR_DESCRIPTIONS, INDICATORS, LENGTH_KEY_ORDER } from './indicators';
import { MIN_KIOSK_DAYS, type ReportCell } from './suppress';

export const COLUMNS = ['periodo', 'nivel', 'ubigeo', 'ambito', 'indicador', 'clave', 'valor', 'dias_kiosco', 'suprimido'] as const;

export interface OpenDataRow {
  periodo: string;
  nivel: Level;
  /** 2 digits (department) or 4 (province); null for the network and its "no district" part. */
  ubigeo: string | null;
  ambito: string;
  indicador: string;
  /** null for an indicator's total. */
  clave: string | null;
  /** null when suppressed. */
  valor: number | null;
  dias_kiosco: number | null;
  suprimido: boolean;
}

export const NETWORK_NAME = 'Red de bibliotecas';
export const NO_DISTRICT_NAME = 'Sin distrito registrado';

/** The Spanish name of an area, as the INEI list writes it. */
export function areaName(area: string, places: Pick<UbigeoData, 'd' | 'p'>): string {
  const level = levelOf(area);
  if (level === 'red') return NETWORK_NAME;
  if (level === 'sin_distrito') return NO_DISTRICT_NAME;
  return (level === 'departamento' ? places.d[area] : places.p[area]) ?? area;
}

const LEVEL_ORDER: Record<Level, number> = { red: 0, departamento: 1, sin_distrito: 2, provincia: 3 };
const INDICATOR_ORDER = new Map<string, number>(INDICATORS.map((name, i) => [name, i]));
const LENGTH_ORDER = new Map<string, number>(LENGTH_KEY_ORDER.map((key, i) => [key, i]));
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Month, then network, departments, no district, provinces; then indicator, total first. */
export function compareCells(a: ReportCell, b: ReportCell): number {
  return (
    compareText(a.month, b.month) ||
    LEVEL_ORDER[levelOf(a.area)] - LEVEL_ORDER[levelOf(b.area)] ||
    compareText(a.area, b.area) ||
    INDICATOR_ORDER.get(a.indicator)! - INDICATOR_ORDER.get(b.indicator)! ||
    (LENGTH_ORDER.get(a.key) ?? -1) - (LENGTH_ORDER.get(b.key) ?? -1) ||
    compareText(a.key, b.key)
  );
}

export function openDataRows(cells: readonly ReportCell[], places: Pick<UbigeoData, 'd' | 'p'>): OpenDataRow[] {
  return [...cells].sort(compareCells).map((cell) => {
    const nivel = levelOf(cell.area);
    return {
      periodo: cell.month,
      nivel,
      ubigeo: nivel === 'departamento' || nivel === 'provincia' ? cell.area : null,
      ambito: areaName(cell.area, places),
      indicador: cell.indicator,
      clave: cell.key === '' ? null : cell.key,
      valor: cell.suppressed ? null : cell.value,
      dias_kiosco: cell.suppressed ? null : cell.kioskDays,
      suprimido: cell.suppressed,
    };
  });
}

/** UTF-8 without a byte-order mark (what harvesters expect), CRLF lines, a header row. */
export function openDataCsv(rows: readonly OpenDataRow[]): string {
  return toCsv([...COLUMNS], rows.map((row) => COLUMNS.map((column) => (column === 'suprimido' ? String(row.suprimido) : row[column]))));
}

export const LICENSE = { name: 'CC-BY-4.0', path: 'https://creativecommons.org/licenses/by/4.0/', title: 'Creative Commons Atribución 4.0 Internacional' } as const;
export const DATASET_TITLE = 'Uso de los kioscos Chaski en la red de bibliotecas';

/** How to cite the data: who publishes it, the title, the licence, where it is. */
export function citation(publisher: string, url: string): string {
  return `${publisher}. «${DATASET_TITLE}» (datos mensuales). Licencia CC BY 4.0. ${url}`;
}

export function openDataJson(rows: readonly OpenDataRow[]): { licencia: string; datapackage: string; columnas: readonly string[]; filas: readonly OpenDataRow[] } {
  return { licencia: LICENSE.name, datapackage: 'datapackage.json', columnas: COLUMNS, filas: rows };
}

type Field = { name: (typeof COLUMNS)[number]; type: string; title: string; description: string; format?: string; constraints: Record<string, unknown>; trueValues?: string[]; falseValues?: string[] };

export const FIELDS: Field[] = [
  { name: 'periodo', type: 'yearmonth', title: 'Periodo', description: 'Mes de las cifras, AAAA-MM, en la hora de Perú. Solo meses terminados.', constraints: { required: true } },
  { name: 'nivel', type: 'string', title: 'Nivel', description: 'red: toda la red; departamento; provincia; sin_distrito: kioscos cuya biblioteca no registró su distrito (solo suman en la red). Nada se publica por debajo de la provincia.', constraints: { required: true, enum: [...LEVELS] } },
  { name: 'ubigeo', type: 'string', title: 'Ubigeo INEI', description: 'Código INEI del departamento (2 dígitos) o de la provincia (4 dígitos); vacío para la red y para sin_distrito.', constraints: { required: false, pattern: '[0-9]{2}([0-9]{2})?' } },
  { name: 'ambito', type: 'string', title: 'Ámbito', description: `Nombre del ámbito: «${NETWORK_NAME}», «${NO_DISTRICT_NAME}» o el nombre INEI del departamento o la provincia.`, constraints: { required: true } },
  { name: 'indicador', type: 'string', title: 'Indicador', description: `Qué se cuenta. ${INDICATORS.map((name) => `${name}: ${INDICATOR_DESCRIPTIONS[name]}`).join(' ')}`, constraints: { required: true, enum: [...INDICATORS] } },
  { name: 'clave', type: 'string', title: 'Clave', description: 'Desglose del indicador (guía, tema, formulario, duración o texto buscado); vacía en la fila del total del indicador.', constraints: { required: false, maxLength: 80 } },
  { name: 'valor', type: 'integer', title: 'Valor', description: 'La cifra: suma de lo contado en los kioscos del ámbito durante el mes. Vacía si la cifra está suprimida.', constraints: { required: false, minimum: 0 } },
  { name: 'dias_kiosco', type: 'integer', title: 'Días de kiosco', description: `Cuántos días de kiosco (un kiosco en un día) aportaron a la cifra. Toda cifra publicada reúne al menos ${MIN_KIOSK_DAYS}. Vacío si la cifra está suprimida.`, constraints: { required: false, minimum: MIN_KIOSK_DAYS } },
  { name: 'suprimido', type: 'boolean', title: 'Suprimido', description: `true si la cifra no se publica: reúne menos de ${MIN_KIOSK_DAYS} días de kiosco, o podría deducirse restando de un total (supresión complementaria).`, trueValues: ['true'], falseValues: ['false'], constraints: { required: true } },
];

/** The Frictionless Data Package descriptor. Paths are relative to where it is served
 * (/informe/datapackage.json), so it holds no host name a proxy could get wrong. */
export function dataPackage() {
  return {
    profile: 'tabular-data-package',
    name: 'chaski-uso-red-bibliotecas',
    title: DATASET_TITLE,
    description:
      'Cifras mensuales anónimas de uso de los kioscos Chaski de las bibliotecas públicas: sesiones, idioma, guías y temas consultados, formularios enviados, utilidad de las guías y búsquedas sin resultado, por red, departamento y provincia. ' +
      `Cada cifra publicada reúne al menos ${MIN_KIOSK_DAYS} días de kiosco; las demás se suprimen (también las que podrían deducirse restando). Las mismas filas en JSON: datos.json.`,
    licenses: [LICENSE],
    sources: [{ title: 'Contadores diarios de los kioscos Chaski, enviados a la red de bibliotecas (sin datos personales)' }],
    keywords: ['bibliotecas', 'gobierno digital', 'quechua', 'trámites', 'Perú'],
    resources: [
      {
        profile: 'tabular-data-resource',
        name: 'uso-mensual',
        path: 'datos.csv',
        title: `${DATASET_TITLE}, por mes y ámbito`,
        description: 'Una fila por mes, ámbito, indicador y clave. Las filas de una misma combinación no se repiten.',
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8',
        dialect: { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true, header: true },
        schema: { fields: FIELDS, missingValues: [''] },
      },
    ],
  };
}
