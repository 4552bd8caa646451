// The network's public report and its open data, no login, GET only (docs/impact-data.md):
//   /informe[?mes=YYYY-MM][&lang=qu]      the page, one month, in Spanish or Quechua
//   /informe/informe.css                   its stylesheet (the CSP allows no inline style)
//   /informe/datos.csv[?mes=YYYY-MM]       every published month (or one), long format
//   /informe/datos.json[?mes=YYYY-MM]      the same rows as JSON
//   /informe/datapackage.json              the Frictionless Data Package describing datos.csv
// Every answer has an ETag and may be cached for a few minutes; the data files may be read from
// any origin, so harvesters and browser tools can take them.
import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { UbigeoData } from '../../core/ubigeo';
import { bodyEtag, etagMatches } from '../etag';
import { sendError } from '../http-errors';
import type { LimitHook } from '../rate-limits';
import { dataPackage, NETWORK_NAME, openDataCsv, openDataJson, openDataRows, type OpenDataRow } from '../report/open-data';
import { badMonthMessage, reportPage } from '../report/page';
import type { ReportTitles } from '../report/page-sections';
import { REPORT_PATHS } from '../report/paths';
import { ReportData, type ReportSource } from '../report/report-data';
import { isReportLang, type ReportLang, WORDS } from '../report/words';

export type { ReportSource, ReportTitles };

export interface ReportRouteOptions {
  source: ReportSource;
  /** Department and province names by INEI code (ubigeo-data.ts loadUbigeo()). */
  places: Pick<UbigeoData, 'd' | 'p'>;
  /** Guide, category and form titles in a language; ids are shown where a title is missing. */
  titles?: (lang: ReportLang) => ReportTitles | Promise<ReportTitles>;
  /** The first month published (YYYY-MM); by default the 36 months before the current one. */
  firstMonth?: string;
  now?: () => Date;
  /** For the suggested citation: the network's name (default "Red de bibliotecas") and the
   * server's public address (e.g. https://chaski.example.pe), which the server cannot know. */
  publisher?: string;
  publicUrl?: string;
  /** How long a month's figures are reused before the store is read again (default 10 min). */
  cacheMs?: number;
  throttle?: LimitHook;
}

const CSS = readFileSync(new URL('../report/report.css', import.meta.url), 'utf8');
const MAX_AGE_SECONDS = 600;

type Query = Record<string, string | string[] | undefined>;

/** Sends a body with an ETag, or 304 when the client already holds it. */
function sendCached(request: FastifyRequest, reply: FastifyReply, type: string, body: string, status = 200) {
  const etag = bodyEtag(body);
  // A refusal is not kept: the month asked for may be published tomorrow.
  reply.header('Cache-Control', status === 200 ? `public, max-age=${MAX_AGE_SECONDS}` : 'no-store').header('ETag', etag).type(type);
  if (status === 200 && etagMatches(request.headers['if-none-match'], etag)) return reply.code(304).send();
  return reply.code(status).send(body);
}

export function reportRoutes(app: FastifyInstance, options: ReportRouteOptions): void {
  const data = new ReportData({ source: options.source, places: options.places, firstMonth: options.firstMonth, now: options.now, ttlMs: options.cacheMs });
  const route = options.throttle ? { onRequest: options.throttle } : {};
  const citeAs = { publisher: options.publisher ?? NETWORK_NAME, url: `${(options.publicUrl ?? '').replace(/\/+$/, '')}${REPORT_PATHS.page}` };

  /** `mes` as asked: absent, or one of the published months; a string with the problem otherwise. */
  const askedMonth = (query: Query, months: string[]): { month?: string } | { problem: string } => {
    const mes = query.mes;
    if (mes === undefined || mes === '') return {};
    if (typeof mes === 'string' && months.includes(mes)) return { month: mes };
    const range = months.length === 0 ? 'no month has ended since the report began' : `from ${months[0]} to ${months[months.length - 1]}`;
    return { problem: `mes: must be one month that has ended, written YYYY-MM, ${range}` };
  };

  app.get<{ Querystring: Query }>(REPORT_PATHS.page, route, async (request, reply) => {
    const months = data.months();
    const latest = months[months.length - 1] ?? null;
    const lang = request.query.lang ?? 'es';
    if (!isReportLang(lang)) {
      const html = reportPage({ lang: 'es', months, month: null, cells: [], places: options.places, problem: `${WORDS.es.badLang} ${WORDS.qu.badLang}` });
      return sendCached(request, reply, 'text/html; charset=utf-8', html, 400);
    }
    const asked = askedMonth(request.query, months);
    const month = 'month' in asked ? asked.month! : latest;
    const [cells, titles] = await Promise.all([month ? data.cells(month) : [], options.titles?.(lang) ?? {}]);
    const problem = 'problem' in asked ? badMonthMessage(lang, months) : undefined;
    const html = reportPage({ lang, months, month, cells, places: options.places, titles, problem, citeAs });
    return sendCached(request, reply, 'text/html; charset=utf-8', html, problem ? 400 : 200);
  });

  app.get(REPORT_PATHS.css, route, async (request, reply) => sendCached(request, reply, 'text/css; charset=utf-8', CSS));

  /** The open data rows of one asked month, or of every published month, oldest first. */
  const rowsFor = async (request: FastifyRequest<{ Querystring: Query }>, reply: FastifyReply): Promise<{ rows: OpenDataRow[]; month?: string } | undefined> => {
    const months = data.months();
    const asked = askedMonth(request.query, months);
    if ('problem' in asked) {
      void sendError(reply, 400, 'bad_request', asked.problem);
      return undefined;
    }
    const rows: OpenDataRow[] = [];
    // One month after the other: the store is read (and memory used) a month at a time.
    for (const month of asked.month ? [asked.month] : months) rows.push(...openDataRows(await data.cells(month), options.places));
    return { rows, month: asked.month };
  };

  app.get<{ Querystring: Query }>(REPORT_PATHS.csv, route, async (request, reply) => {
    const result = await rowsFor(request, reply);
    if (!result) return reply;
    reply.header('Access-Control-Allow-Origin', '*').header('Content-Disposition', `inline; filename="chaski-uso${result.month ? `-${result.month}` : ''}.csv"`);
    return sendCached(request, reply, 'text/csv; charset=utf-8; header=present', openDataCsv(result.rows));
  });

  app.get<{ Querystring: Query }>(REPORT_PATHS.json, route, async (request, reply) => {
    const result = await rowsFor(request, reply);
    if (!result) return reply;
    reply.header('Access-Control-Allow-Origin', '*');
    return sendCached(request, reply, 'application/json; charset=utf-8', JSON.stringify(openDataJson(result.rows)));
  });

  const descriptor = JSON.stringify(dataPackage(), null, 2);
  app.get(REPORT_PATHS.dataPackage, route, async (request, reply) => {
    reply.header('Access-Control-Allow-Origin', '*');
    return sendCached(request, reply, 'application/json; charset=utf-8', descriptor);
  });
}

