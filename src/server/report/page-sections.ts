// The sections of the report page, each a heading and a table (or list) built from one month's
// cells. Only published figures are ever written or used to scale a bar; the order of rows never
// depends on a suppressed figure.
import type { ReportLang as Lang } from './words';
import type { UbigeoData } from '../../core/ubigeo';
import { NETWORK, NO_DISTRICT } from './aggregate';
import { LENGTH_KEY_ORDER, type Indicator } from './indicators';
import { barFigureHtml, esc, figureHtml, formatNumber, formatShare, largest, share, tableHtml, td, th } from './html';
import type { MonthCells } from './month-cells';
import { INDICATOR_WORDS, LENGTH_WORDS, type Words } from './words';

export interface ReportTitles {
  guides?: Readonly<Record<string, string>>;
  categories?: Readonly<Record<string, string>>;
  forms?: Readonly<Record<string, string>>;
}

export interface View {
  lang: Lang;
  words: Words;
  cells: MonthCells;
  places: Pick<UbigeoData, 'd' | 'p'>;
  titles: ReportTitles;
}

const section = (id: string, heading: string, body: string) => `<section aria-labelledby="${id}">\n<h2 id="${id}">${esc(heading)}</h2>\n${body}\n</section>`;

const SUMMARY: Indicator[] = ['sesiones', 'sesiones_quechua', 'sesiones_sin_conexion', 'guias_abiertas', 'categorias_abiertas', 'formularios_enviados', 'guias_impresas', 'qr_mostrados', 'guia_util_si', 'guia_util_no'];

export function summarySection(view: View): string {
  const { words, cells } = view;
  const names = INDICATOR_WORDS[view.lang];
  const rows = SUMMARY.map((indicator) => {
    const cell = cells.get(NETWORK, indicator);
    return [th(names[indicator]), td(figureHtml(cell, words)), td(cell && !cell.suppressed ? esc(formatNumber(cell.kioskDays)) : cell ? figureHtml(cell, words) : '0')];
  });
  rows.splice(2, 0, [th(words.quechuaShare), td(formatShare(share(cells.get(NETWORK, 'sesiones_quechua'), cells.get(NETWORK, 'sesiones')), words)), td('')]);
  return section('red', words.network, tableHtml(words.network, [words.indicator, words.figure, words.kioskDays], rows));
}

export function lengthsSection(view: View): string {
  const { words, cells } = view;
  const list = LENGTH_KEY_ORDER.map((key) => [key, cells.get(NETWORK, 'sesiones_duracion', key)] as const);
  const max = largest(list.map(([, cell]) => cell));
  const rows = list.map(([key, cell]) => [th(LENGTH_WORDS[view.lang][key]!), td(barFigureHtml(cell, max, words))]);
  return section('duracion', words.lengths, tableHtml(words.lengths, [words.lengths, INDICATOR_WORDS[view.lang].sesiones], rows, { bars: true }));
}

const AREA_COLUMNS: Indicator[] = ['sesiones', 'sesiones_quechua', 'sesiones_sin_conexion', 'formularios_enviados', 'guias_abiertas'];

function areaCells(view: View, area: string, max: number): string[] {
  return AREA_COLUMNS.map((indicator, i) => td(i === 0 ? barFigureHtml(view.cells.get(area, indicator), max, view.words) : figureHtml(view.cells.get(area, indicator), view.words)));
}

const byName = (view: View, name: (area: string) => string) => (a: string, b: string) => name(a).localeCompare(name(b), 'es') || (a < b ? -1 : 1);

export function departmentsSection(view: View): string {
  const { words, cells, places } = view;
  const name = (area: string) => places.d[area] ?? area;
  const areas = cells.departments().sort(byName(view, name));
  if (cells.hasNoDistrict()) areas.push(NO_DISTRICT);
  const max = largest(areas.map((area) => cells.get(area, 'sesiones')));
  const rows = areas.map((area) => [th(area === NO_DISTRICT ? words.noDistrict : name(area)), ...areaCells(view, area, max)]);
  const names = INDICATOR_WORDS[view.lang];
  return section('departamentos', words.byDepartment, tableHtml(words.byDepartment, [words.department, ...AREA_COLUMNS.map((i) => names[i])], rows, { bars: true }));
}

export function provincesSection(view: View): string {
  const { words, cells, places } = view;
  const department = (area: string) => places.d[area.slice(0, 2)] ?? area.slice(0, 2);
  const province = (area: string) => places.p[area] ?? area;
  const areas = cells.provinces().sort((a, b) => byName(view, department)(a.slice(0, 2), b.slice(0, 2)) || byName(view, province)(a, b));
  const max = largest(areas.map((area) => cells.get(area, 'sesiones')));
  const rows = areas.map((area) => [td(esc(department(area)), false), th(province(area)), ...areaCells(view, area, max)]);
  const names = INDICATOR_WORDS[view.lang];
  return section('provincias', words.byProvince, tableHtml(words.byProvince, [words.department, words.province, ...AREA_COLUMNS.map((i) => names[i])], rows, { bars: true, labelColumns: 2 }));
}

const TOP = 10;

/** The most opened guides or categories, or every form sent, with bars. */
export function keysSection(view: View, kind: 'guides' | 'categories' | 'forms'): string {
  const { words, cells } = view;
  const [indicator, heading, column, id]: [Indicator, string, string, string] =
    kind === 'guides' ? ['guias_abiertas', words.topGuides, words.guide, 'guias'] : kind === 'categories' ? ['categorias_abiertas', words.topCategories, words.category, 'temas'] : ['formularios_enviados', words.formsByForm, words.form, 'formularios'];
  const list = cells.keys(NETWORK, indicator).filter((cell) => !cell.suppressed).slice(0, TOP);
  const max = largest(list);
  const titles = view.titles[kind] ?? {};
  const rows = list.map((cell) => [th(titles[cell.key] ?? cell.key), td(barFigureHtml(cell, max, words))]);
  if (rows.length === 0) return section(id, heading, `<p>${esc(words.noData)}</p>`);
  return section(id, heading, tableHtml(heading, [column, words.times], rows, { bars: true }));
}

export function needsSection(view: View): string {
  const { words, cells } = view;
  const list = cells.keys(NETWORK, 'busquedas_sin_resultado').filter((cell) => !cell.suppressed);
  const body = list.length === 0
    ? `<p>${esc(words.needsNone)}</p>`
    : tableHtml(words.needs, [words.searched, words.searches, words.kioskDays], list.map((cell) => [th(cell.key), td(figureHtml(cell, words)), td(esc(formatNumber(cell.kioskDays)))]));
  return section('necesidades', words.needs, `<p>${esc(words.needsIntro)}</p>\n${body}`);
}

/** Guides people said did not help, largest share of "no" first (only where it is known). */
export function toFixSection(view: View): string {
  const { words, cells } = view;
  const titles = view.titles.guides ?? {};
  const list = cells
    .keys(NETWORK, 'guia_util_no')
    .filter((no) => !no.suppressed)
    .map((no) => {
      const yes = cells.get(NETWORK, 'guia_util_si', no.key);
      const whole = yes?.suppressed ? undefined : { ...no, value: no.value + (yes?.value ?? 0) };
      return { no, yes, share: share(no, whole) };
    })
    .sort((a, b) => (b.share ?? -1) - (a.share ?? -1) || b.no.value - a.no.value || (a.no.key < b.no.key ? -1 : 1))
    .slice(0, TOP);
  const body = list.length === 0
    ? `<p>${esc(words.toFixNone)}</p>`
    : tableHtml(words.toFix, [words.guide, words.yes, words.no, words.noShare], list.map(({ no, yes, share: s }) => [th(titles[no.key] ?? no.key), td(figureHtml(yes, words)), td(figureHtml(no, words)), td(formatShare(s, words))]));
  return section('mejorar', words.toFix, `<p>${esc(words.toFixIntro)}</p>\n${body}`);
}
