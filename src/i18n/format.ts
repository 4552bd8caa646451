// Dates, times and money in the patron's language, as its registry entry says (`formats`,
// locales/languages.json): an Intl locale the browser has data for (es-PE; Aymara uses it too,
// docs/languages.md), or `quechua`: the CLDR data bundled in quechua-cldr.ts, since Chromium has
// none for qu. Intl formatters are made once per locale: the first one costs hundreds of
// milliseconds on a slow kiosk CPU (ICU data), so the status bar's clock time, shown on every
// screen from the first paint, is written by hand (es-PE writes 24-hour "09:05" exactly so).
import { type Lang, languageOf } from '../core/lang';
import { QU_CURRENCY_PREFIX, QU_DECIMAL, QU_GROUP, QU_MONTHS } from './quechua-cldr';

const pad = (n: number) => String(n).padStart(2, '0');
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const solesFormats = new Map<string, Intl.NumberFormat>();

/** The Intl locale for `lang`, or `quechua` for the bundled data. */
const formatsOf = (lang: Lang) => languageOf(lang).formats;

function cached<T>(cache: Map<string, T>, locale: string, make: () => T): T {
  let format = cache.get(locale);
  if (!format) cache.set(locale, (format = make()));
  return format;
}

/** "24 de noviembre de 2026" / "24 Noviembre 2026". `iso` may be a date (YYYY-MM-DD) or a time. */
export function formatDate(iso: string, lang: Lang): string {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  const date = new Date(dateOnly ? `${iso}T12:00:00` : iso);
  const locale = formatsOf(lang);
  if (locale === 'quechua') return `${date.getDate()} ${QU_MONTHS[date.getMonth()]} ${date.getFullYear()}`;
  return cached(dateFormats, locale, () => new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric' })).format(date);
}

const ES_MONTHS = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'setiembre', 'octubre', 'noviembre', 'diciembre'] as const;

/** A month's name (0 = January), as dates in this language write it. */
export function monthName(index: number, lang: Lang): string {
  const locale = formatsOf(lang);
  if (locale === 'quechua') return QU_MONTHS[index]!;
  // Peru writes "setiembre", which not every browser's es data does.
  if (locale === 'es-PE') return ES_MONTHS[index]!;
  return new Intl.DateTimeFormat(locale, { month: 'long' }).format(new Date(2026, index, 15));
}

/** "09:05": 24-hour clock time, written the same in both languages. */
export function formatTime(date: Date): string {
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** "S/ 1,234.50" in every language (Peru writes soles the same way in all). */
export function formatSoles(amount: number, lang: Lang): string {
  const locale = formatsOf(lang);
  if (locale !== 'quechua') return cached(solesFormats, locale, () => new Intl.NumberFormat(locale, { style: 'currency', currency: 'PEN' })).format(amount);
  const [whole, cents] = amount.toFixed(2).split('.') as [string, string];
  return `${QU_CURRENCY_PREFIX}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, QU_GROUP)}${QU_DECIMAL}${cents}`;
}

/** "12.3 MB": storage sizes for the librarian, the same in both languages. */
export function formatBytes(bytes: number): string {
  if (bytes < 1e6) return `${Math.round(bytes / 1e3)} kB`;
  if (bytes < 1e9) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${(bytes / 1e9).toFixed(1)} GB`;
}
