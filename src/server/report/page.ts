// The public report page, /informe: one month of the network's figures, in Spanish or Quechua,
// as plain HTML with one stylesheet (no script: the Content Security Policy forbids inline code,
// and a report needs none). The month picker is a GET form, so every view has its own address.
import type { ReportLang as Lang } from './words';
import type { UbigeoData } from '../../core/ubigeo';
import { esc } from './html';
import { MonthCells } from './month-cells';
import { citation, NETWORK_NAME } from './open-data';
import { REPORT_PATHS } from './paths';
import { departmentsSection, keysSection, lengthsSection, needsSection, provincesSection, summarySection, toFixSection, type ReportTitles, type View } from './page-sections';
import type { ReportCell } from './suppress';
import { fill, monthName, WORDS } from './words';

export interface PageInput {
  lang: Lang;
  /** The months that may be shown, oldest first. */
  months: readonly string[];
  /** The month shown; null when there is none to show yet. */
  month: string | null;
  cells: readonly ReportCell[];
  places: Pick<UbigeoData, 'd' | 'p'>;
  titles?: ReportTitles;
  /** A problem with what was asked, shown above the picker (the page answers 400). */
  problem?: string;
  /** Who publishes the data and the report's full address, for the suggested citation. */
  citeAs?: { publisher: string; url: string };
}

const pageUrl = (month: string | null, lang: Lang) => {
  const query = [month ? `mes=${month}` : '', lang === 'qu' ? 'lang=qu' : ''].filter(Boolean).join('&amp;');
  return `${REPORT_PATHS.page}${query ? `?${query}` : ''}`;
};

function head(lang: Lang, title: string, month: string | null): string {
  const other: Lang = lang === 'es' ? 'qu' : 'es';
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<link rel="stylesheet" href="${REPORT_PATHS.css}">
<link rel="alternate" hreflang="${other}" href="${pageUrl(month, other)}">
<link rel="alternate" type="text/csv" href="${REPORT_PATHS.csv}">
<link rel="alternate" type="application/json" href="${REPORT_PATHS.json}">
<link rel="describedby" type="application/json" href="${REPORT_PATHS.dataPackage}">
</head>`;
}

function picker(input: PageInput): string {
  const { lang, months, month } = input;
  const words = WORDS[lang];
  if (months.length === 0) return `<p>${esc(words.noMonths)}</p>`;
  const options = [...months].reverse().map((m) => `<option value="${m}"${m === month ? ' selected' : ''}>${esc(monthName(m, lang))}</option>`).join('');
  const at = month ? months.indexOf(month) : -1;
  const previous = at > 0 ? `<a href="${pageUrl(months[at - 1]!, lang)}" rel="prev">${esc(words.previous)}</a>` : '';
  const next = at >= 0 && at < months.length - 1 ? `<a href="${pageUrl(months[at + 1]!, lang)}" rel="next">${esc(words.next)}</a>` : '';
  return `<form class="picker" method="get" action="${REPORT_PATHS.page}">
<label for="mes">${esc(words.month)}</label>
<select id="mes" name="mes">${options}</select>
${lang === 'qu' ? '<input type="hidden" name="lang" value="qu">' : ''}<button type="submit">${esc(words.show)}</button>
</form>
<p class="steps">${[previous, next].filter(Boolean).join(' ')}</p>`;
}

function languageLink(input: PageInput): string {
  return input.lang === 'es'
    ? `<a href="${pageUrl(input.month, 'qu')}" lang="qu" hreflang="qu">Runasimi</a>`
    : `<a href="${pageUrl(input.month, 'es')}" lang="es" hreflang="es">Español</a>`;
}

function openData(lang: Lang, citeAs: { publisher: string; url: string }): string {
  const words = WORDS[lang];
  const link = (href: string, text: string) => `<li><a href="${href}">${esc(text)}</a></li>`;
  return `<section aria-labelledby="datos">
<h2 id="datos">${esc(words.openData)}</h2>
<p>${esc(words.openDataText)}</p>
<ul>
${link(REPORT_PATHS.csv, words.csv)}
${link(REPORT_PATHS.json, words.json)}
${link(REPORT_PATHS.dataPackage, words.package)}
<li><a href="https://creativecommons.org/licenses/by/4.0/deed.es" rel="license">${esc(words.license)}</a></li>
</ul>
<p>${esc(words.cite)} <cite lang="es">${esc(citation(citeAs.publisher, citeAs.url))}</cite></p>
</section>`;
}

export function reportPage(input: PageInput): string {
  const { lang, month } = input;
  const words = WORDS[lang];
  const title = month ? `${words.title}: ${monthName(month, lang)}` : words.title;
  const cells = new MonthCells(input.cells);
  const view: View = { lang, words, cells, places: input.places, titles: input.titles ?? {} };
  const figures = !month
    ? ''
    : cells.empty
      ? `<p>${esc(words.noData)}</p>`
      : [summarySection(view), lengthsSection(view), departmentsSection(view), provincesSection(view), keysSection(view, 'guides'), keysSection(view, 'categories'), keysSection(view, 'forms'), needsSection(view), toFixSection(view)].join('\n');
  return `${head(lang, title, month)}
<body>
<header>
<nav aria-label="${esc(words.language)}">${languageLink(input)}</nav>
<h1>${esc(title)}</h1>
<p class="lede">${esc(words.lede)}</p>
${input.problem ? `<p class="problem" role="alert">${esc(input.problem)}</p>` : ''}
${picker(input)}
</header>
<main>
${figures}
<section aria-labelledby="metodo">
<h2 id="metodo">${esc(words.method)}</h2>
<p>${esc(words.methodText)}</p>
<p class="legend">${esc(words.legend)}</p>
</section>
${openData(lang, input.citeAs ?? { publisher: NETWORK_NAME, url: REPORT_PATHS.page })}
</main>
</body>
</html>
`;
}

/** The words for a month that cannot be shown, in the page's language. */
export function badMonthMessage(lang: Lang, months: readonly string[]): string {
  const words = WORDS[lang];
  if (months.length === 0) return words.noMonths;
  return fill(words.badMonth, { first: monthName(months[0]!, lang), last: monthName(months[months.length - 1]!, lang) });
}
