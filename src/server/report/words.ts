// The public report's words, in Spanish and Southern Quechua (docs/quechua.md: three vowels,
// the project's glossary; "kiosk-day" is *antañiqiq punchaw*, "report" *willakuy*). The server
// shares no i18n code with the kiosk, so the page keeps its own two dictionaries; words.test.ts
// holds them to the same rules as locales/ (same keys, no Spanish left in Quechua, a i u only).
import type { Indicator } from './indicators';

/** The public report's languages: its words are written here, in Spanish and Quechua only (a
 * registry language without them gets the Spanish report, see routes/report.ts). */
export type ReportLang = 'es' | 'qu';
export const isReportLang = (value: unknown): value is ReportLang => value === 'es' || value === 'qu';
type Lang = ReportLang;

const es = {
  title: 'Uso de los kioscos Chaski en la red de bibliotecas',
  lede: 'Cifras anónimas: cada kiosco cuenta por día cuántas veces pasó cada cosa, y nunca guarda quién la hizo. Cada cifra publicada reúne al menos 5 días de kiosco (un kiosco en un día).',
  language: 'Idioma',
  month: 'Mes',
  show: 'Ver',
  previous: '← Mes anterior',
  next: 'Mes siguiente →',
  noMonths: 'Todavía no hay meses terminados que publicar.',
  noData: 'No hay cifras para este mes.',
  badMonth: 'Elija un mes de la lista, de {{first}} a {{last}}.',
  badLang: 'Idioma desconocido: escriba lang=qu para runasimi, o nada para castellano.',
  network: 'Toda la red',
  indicator: 'Qué se cuenta',
  figure: 'Cifra',
  kioskDays: 'Días de kiosco',
  quechuaShare: 'Parte en quechua',
  lengths: 'Cuánto duraron las sesiones',
  byDepartment: 'Por departamento',
  byProvince: 'Por provincia',
  department: 'Departamento',
  province: 'Provincia',
  noDistrict: 'Sin distrito registrado',
  topGuides: 'Guías más abiertas',
  topCategories: 'Temas más abiertos',
  formsByForm: 'Formularios enviados, por formulario',
  guide: 'Guía',
  category: 'Tema',
  form: 'Formulario',
  times: 'Veces',
  needs: 'Lo que se buscó y no se encontró',
  needsIntro: 'Palabras que se buscaron sin encontrar ninguna guía: necesidades que el catálogo aún no cubre. Solo se publican las vistas en al menos 5 días de kiosco.',
  needsNone: 'Este mes ninguna búsqueda sin resultado llega al mínimo para publicarse.',
  searched: 'Texto buscado',
  searches: 'Búsquedas',
  toFix: 'Guías para mejorar',
  toFixIntro: 'Guías de las que más personas dijeron que no les sirvieron, empezando por la de mayor parte de «no».',
  toFixNone: 'Este mes ninguna guía tiene respuestas «no» suficientes para publicarse.',
  yes: 'Sí',
  no: 'No',
  noShare: 'Parte de «no»',
  suppressed: 'cifra no publicada',
  legend: '— : cifra no publicada, para proteger la privacidad: reúne menos de 5 días de kiosco, o podría deducirse restando otras cifras de un total.',
  method: 'Cómo se cuenta',
  methodText: 'Cada kiosco suma por día lo que pasó en él y nunca guarda quién lo hizo, ni la hora, ni lo que se escribió en un formulario. Una búsqueda con 4 números seguidos (un DNI, un teléfono) no se guarda. Nada se publica por debajo de la provincia, y un mes se publica solo cuando terminó.',
  openData: 'Datos abiertos',
  openDataText: 'Las mismas cifras, de todos los meses publicados, para descargar y reutilizar con la licencia CC BY 4.0:',
  csv: 'Datos en CSV',
  json: 'Datos en JSON',
  package: 'Descripción de los datos (datapackage.json)',
  license: 'Licencia CC BY 4.0',
  cite: 'Cómo citar estos datos:',
} as const;

export type Words = { readonly [K in keyof typeof es]: string };

const qu: Words = {
  title: "P'anqa wasikunapa huñunakuyninpi Chaski antañiqiqkunata llamk'achisqankumanta willakuy",
  lede: "Mana pipa sutinpas kanchu: sapa antañiqiqmi sapa punchaw yupan hayk'a kutita imapas karqan, manataq hayk'appas waqaychanchu pi rurasqanta. Sapa rikuchisqa yupaypiqa pisimantapas 5 antañiqiq punchawmi huñusqa (huk antañiqiq huk punchawpi).",
  language: 'Simi',
  month: 'Killa',
  show: 'Qhaway',
  previous: '← Ñawpaq killa',
  next: 'Qatiq killa →',
  noMonths: 'Manaraqmi rikuchinapaq tukusqa killakuna kanchu.',
  noData: 'Kay killapaqqa manam yupaykuna kanchu.',
  badMonth: 'Rikuchisqa killakunamanta hukta akllay, {{first}}manta {{last}}kama.',
  badLang: 'Mana riqsisqa simi: runasimipaqqa lang=qu qillqay; kastilla simipaqqa ama imatapas qillqaychu.',
  network: 'Llapan huñunakuy',
  indicator: 'Ima yupasqa',
  figure: 'Yupay',
  kioskDays: 'Antañiqiq punchawkuna',
  quechuaShare: 'Runasimipi kaq rakin',
  lengths: "Hayk'a unarqan sapa llamk'achiy",
  byDepartment: 'Sapa dipartamintupi',
  byProvince: 'Sapa pruwinsyapi',
  department: 'Dipartamintu',
  province: 'Pruwinsya',
  noDistrict: 'Mana distritu qillqachisqa',
  topGuides: 'Aswan kichasqa pusaq qillqakuna',
  topCategories: "Aswan kichasqa t'aqakuna",
  formsByForm: 'Apachisqa hunt\'ana qillqakuna, sapa hunt\'ana qillqamanta',
  guide: 'Pusaq qillqa',
  category: "T'aqa",
  form: "Hunt'ana qillqa",
  times: 'Kutikuna',
  needs: 'Maskasqa, mana tarisqa',
  needsIntro: 'Kay simikunatam maskarqanku, manataq ima pusaq qillqatapas tarirqankuchu: pusaq qillqakunapi manaraq kaq munasqakuna. Pisimantapas 5 antañiqiq punchawpi rikusqallatam rikuchiyku.',
  needsNone: 'Kay killapaqqa manam rikuchinapaq hina mana tarisqa maskaykuna kanchu.',
  searched: 'Maskasqa simikuna',
  searches: 'Maskaykuna',
  toFix: 'Allinchanapaq pusaq qillqakuna',
  toFixIntro: "Achka runakunam «manam yanapawarqanchu» nirqanku kay pusaq qillqakunamanta; aswan achka «manam» niqniyuqmanta qallarispa.",
  toFixNone: 'Kay killapaqqa manam rikuchinapaq hina «manam» kutichiykuna kanchu.',
  yes: 'Arí',
  no: 'Manam',
  noShare: '«Manam» niqkunapa rakin',
  suppressed: 'mana rikuchisqa yupay',
  legend: "— : mana rikuchisqa yupay, runakunapa willakuyninkunata amachanapaq: 5 antañiqiq punchawmanta aswan pisitam huñun, utaq huk hunt'asqa yupaymanta wakin yupaykunata qichuspa yachakunman.",
  method: 'Imaynatam yupakun',
  methodText: "Sapa antañiqiqmi sapa punchaw imapas kasqanta yupan, manataq waqaychanchu pi rurasqanta, nitaq ura, nitaq hunt'ana qillqapi qillqasqa. 4 yupay qatinakuqniyuq maskayqa (DNI, waqyana yupay) manam waqaychakunchu. Manam pruwinsyamanta aswan huch'uy llaqtakunapaq imatapas rikuchiykuchu, sapa killatataq tukusqanmanta qhipallam rikuchiyku.",
  openData: 'Kichasqa willakuykuna',
  openDataText: "Kikin yupaykuna, llapan rikuchisqa killakunamanta, urayachinapaq, CC BY 4.0 nisqa kamachikuykunawan kaqmanta llamk'achinapaqpas:",
  csv: 'CSV nisqapi willakuykuna',
  json: 'JSON nisqapi willakuykuna',
  package: 'Willakuykunapa sut\'ichaynin (datapackage.json)',
  license: 'CC BY 4.0 nisqa kamachikuykuna',
  cite: 'Kay willakuykunata llamk\'achispaqa kayhina sutichay:',
};

export const WORDS: Record<Lang, Words> = { es, qu };

/** What each indicator is called on the page. */
export const INDICATOR_WORDS: Record<Lang, Record<Indicator, string>> = {
  es: {
    sesiones: 'Sesiones',
    sesiones_duracion: 'Sesiones por duración',
    sesiones_quechua: 'Sesiones en quechua',
    sesiones_sin_conexion: 'Sesiones sin conexión',
    guias_abiertas: 'Guías abiertas',
    categorias_abiertas: 'Temas abiertos',
    formularios_enviados: 'Formularios enviados',
    guias_impresas: 'Listas de lo que hay que llevar, impresas',
    qr_mostrados: 'Códigos QR mostrados',
    guia_util_si: '«¿Le sirvió esta guía?»: sí',
    guia_util_no: '«¿Le sirvió esta guía?»: no',
    busquedas_sin_resultado: 'Búsquedas sin resultado',
  },
  qu: {
    sesiones: "Llamk'achiy kutikuna",
    sesiones_duracion: "Llamk'achiy kutikuna, hayk'a unasqanmanta",
    sesiones_quechua: "Runasimipi llamk'achiy kutikuna",
    sesiones_sin_conexion: "Mana t'inkisqa llamk'achiy kutikuna",
    guias_abiertas: 'Kichasqa pusaq qillqakuna',
    categorias_abiertas: "Kichasqa t'aqakuna",
    formularios_enviados: "Apachisqa hunt'ana qillqakuna",
    guias_impresas: 'Imprimichisqa apanakuna',
    qr_mostrados: 'Rikuchisqa QR chimpukuna',
    guia_util_si: '«¿Kay pusaq qillqa yanaparqasunkichu?»: arí',
    guia_util_no: '«¿Kay pusaq qillqa yanaparqasunkichu?»: manam',
    busquedas_sin_resultado: 'Mana tarisqa maskaykuna',
  },
};

/** Session length buckets (indicators.ts LENGTH_KEYS) in words. */
export const LENGTH_WORDS: Record<Lang, Record<string, string>> = {
  es: { menos_de_1_min: 'Menos de 1 minuto', de_1_a_5_min: 'De 1 a 5 minutos', de_5_a_15_min: 'De 5 a 15 minutos', '15_min_o_mas': '15 minutos o más' },
  qu: { menos_de_1_min: '1 minutumanta aswan pisi', de_1_a_5_min: '1manta 5 minutukama', de_5_a_15_min: '5manta 15 minutukama', '15_min_o_mas': '15 minutu utaq aswan' },
};

// Quechua month names are the Spanish loans in Quechua spelling (docs/quechua.md: marsu,
// agustu, disimbri); Spanish ones as Peru writes them (setiembre).
const QU_MONTHS = ['Iniru', 'Fibriru', 'Marsu', 'Abril', 'Mayu', 'Hunyu', 'Hulyu', 'Agustu', 'Sitimbri', 'Uktubri', 'Nuwimbri', 'Disimbri'];
const ES_MONTHS = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'setiembre', 'octubre', 'noviembre', 'diciembre'];

/** "marzo de 2025" / "Marsu 2025". */
export function monthName(month: string, lang: Lang): string {
  const [year, m] = month.split('-') as [string, string];
  const index = Number(m) - 1;
  return lang === 'qu' ? `${QU_MONTHS[index]} ${year}` : `${ES_MONTHS[index]} de ${year}`;
}

export function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}
