// Calendar and number data for Quechua, bundled because Chromium ships no Intl data for `qu`
// (Intl.DateTimeFormat('qu') falls back to English). From CLDR's `qu` locale, whose month and
// day names are the Spanish loans used in Peru, and its Peruvian number format (S/ 1,234.50).
export const QU_MONTHS = [
  'Enero', 'Febrero', 'Marzo', 'Abril', 'Mayo', 'Junio',
  'Julio', 'Agosto', 'Setiembre', 'Octubre', 'Noviembre', 'Diciembre',
] as const;

export const QU_DAYS = ['Domingo', 'Lunes', 'Martes', 'Miércoles', 'Jueves', 'Viernes', 'Sábado'] as const;

export const QU_DECIMAL = '.';
export const QU_GROUP = ',';
export const QU_CURRENCY_PREFIX = 'S/\u00a0';
