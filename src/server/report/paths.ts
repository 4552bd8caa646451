// Where the public report lives: outside /api/v1, because people read it, and harvesters take
// the same figures from its files. No login, GET only.
export const REPORT_PATHS = {
  page: '/informe',
  css: '/informe/informe.css',
  csv: '/informe/datos.csv',
  json: '/informe/datos.json',
  dataPackage: '/informe/datapackage.json',
} as const;
