// Dates, times and money in the patron's language. Spanish uses the browser's Intl data for
// es-PE; Quechua uses the CLDR data bundled in quechua-cldr.ts. Intl formatters are made once:
// the first one costs hundreds of milliseconds on a slow kiosk CPU (ICU data), so the status
// bar's clock time, shown on every screen from the first paint, is written by hand (es-PE
// writes 24-hour "09:05" exactly so).
import type { Lang } from '../core/lang';
import { QU_CURRENCY_PREFIX, QU_DECIMAL, QU_GROUP, QU_MONTHS } from './quechua-cldr';

const pad = (n: number) => String(n).padStart(2, '0');
let spanishDate: Intl.DateTimeFormat | undefined;
let spanishSoles: Intl.NumberFormat | undefined;

/** "24 de noviembre de 2026" / "24 Noviembre 2026". `iso` may be a date (YYYY-MM-DD) or a time. */
export function formatDate(iso: string, lang: Lang): string {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  const date = new Date(dateOnly ? `${iso}T12:00:00` : iso);
  if (lang === 'es') return (spanishDate ??= new Intl.DateTimeFormat('es-PE', { day: 'numeric', month: 'long', year: 'numeric' })).format(date);
  return `${date.getDate()} ${QU_MONTHS[date.getMonth()]} ${date.getFullYear()}`;
}

const ES_MONTHS = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'setiembre', 'octubre', 'noviembre', 'diciembre'] as const;

/** A month's name (0 = January), as dates in this language write it. */
export function monthName(index: number, lang: Lang): string {
  return (lang === 'es' ? ES_MONTHS : QU_MONTHS)[index]!;
}

/** "09:05": 24-hour clock time, written the same in both languages. */
export function formatTime(date: Date): string {
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** "S/ 1,234.50" in both languages (Peru writes soles the same way in both). */
export function formatSoles(amount: number, lang: Lang): string {
  if (lang === 'es') return (spanishSoles ??= new Intl.NumberFormat('es-PE', { style: 'currency', currency: 'PEN' })).format(amount);
  const [whole, cents] = amount.toFixed(2).split('.') as [string, string];
  return `${QU_CURRENCY_PREFIX}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, QU_GROUP)}${QU_DECIMAL}${cents}`;
}

/** "12.3 MB": storage sizes for the librarian, the same in both languages. */
export function formatBytes(bytes: number): string {
  if (bytes < 1e6) return `${Math.round(bytes / 1e3)} kB`;
  if (bytes < 1e9) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${(bytes / 1e9).toFixed(1)} GB`;
}
