// The public report over HTTP, on a real port, with the server's security headers: only the
// routes of this part are registered, over a source that returns kiosk-days built here (the
// usage store's boundary); aggregation and suppression are the real ones.
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UsageReportRow } from '../../core/usage';
import { listenForTests } from '../../../test/server/support';
import { parseCsv, validateTable, type TableSchema } from '../../../test/server/table-schema';
import { sampleNetworkRows } from '../../../test/server/usage-rows';
import { registerSecurityHeaders } from '../security-headers';
import { loadUbigeo } from '../ubigeo-data';
import { reportRoutes } from './report';

let app: FastifyInstance;
let base: string;
const reads: string[] = [];
let failNext = false;
const rows = sampleNetworkRows();

beforeAll(async () => {
  app = Fastify();
  await registerSecurityHeaders(app);
  reportRoutes(app, {
    source: {
      async rows(from, to): Promise<UsageReportRow[]> {
        reads.push(`${from}..${to}`);
        if (failNext) {
          failNext = false;
          throw new Error('database unavailable');
        }
        return rows.filter((row) => row.day >= from && row.day <= to);
      },
    },
    places: loadUbigeo(),
    titles: (lang) => ({ guides: lang === 'es' ? { 'pension-65': 'Pensión 65: afiliación' } : { 'pension-65': 'Pensión 65: qillqachikuy' } }),
    firstMonth: '2025-01',
    publisher: 'Red de Bibliotecas Públicas del Cusco',
    publicUrl: 'https://chaski.example.pe/',
    // 10 April 2025 in Lima: March has ended, April has not.
    now: () => new Date('2025-04-10T15:00:00Z'),
  });
  base = await listenForTests(app);
});

afterAll(async () => {
  await app?.close();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers });
/** The text of a table row whose header cell is `name`, tags removed. */
const rowText = (html: string, name: string) => {
  const row = html.split('<tr>').map((r) => r.split('</tr>')[0]!).find((r) => r.includes(`<th scope="row">${name}</th>`));
  return row?.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
};

describe('GET /informe', () => {
  it('shows the last month that has ended, in Spanish, with the network, departments and provinces', async () => {
    const response = await get('/informe');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
    const html = await response.text();
    expect(html).toContain('<html lang="es">');
    expect(html).toContain('<h1>Uso de los kioscos Chaski en la red de bibliotecas: marzo de 2025</h1>');
    expect(rowText(html, 'Sesiones')).toBe('Sesiones 340 41');
    expect(rowText(html, 'Parte en quechua')).toBe('Parte en quechua 11%');
    expect(rowText(html, 'Acomayo')).toBe('Cusco Acomayo — cifra no publicada 0 0 0 0');
    expect(rowText(html, 'Lima')).toMatch(/^Lima — cifra no publicada/);
    expect(rowText(html, 'Sin distrito registrado')).toMatch(/^Sin distrito registrado — cifra no publicada 0 5 /);
    // Acomayo's 222 sessions are nowhere, nor the one-off search.
    expect(html).not.toMatch(/\b222\b/);
    expect(html).not.toContain('juan');
    expect(html).toContain('<th scope="row">partida de matrimonio</th>');
    expect(html).not.toContain('abril de 2025');
    expect([...html.matchAll(/<option value="([\d-]+)"/g)].map((m) => m[1])).toEqual(['2025-03', '2025-02', '2025-01']);
    expect(html).toContain('<cite lang="es">Red de Bibliotecas Públicas del Cusco. «Uso de los kioscos Chaski en la red de bibliotecas» (datos mensuales). Licencia CC BY 4.0. https://chaski.example.pe/informe</cite>');
  });

  it('lists guides to fix by their share of "no", with titles where the catalogue has them', async () => {
    const html = await (await get('/informe?mes=2025-03')).text();
    const fix = html.slice(html.indexOf('id="mejorar"'));
    expect(rowText(fix, 'Pensión 65: afiliación')).toBe('Pensión 65: afiliación 0 18 100%');
    expect(rowText(fix, 'beca-18')).toBe('beca-18 5 5 50%');
    expect(fix.indexOf('Pensión 65')).toBeLessThan(fix.indexOf('beca-18'));
  });

  it('speaks Quechua with lang=qu, and links back to Spanish for the same month', async () => {
    const html = await (await get('/informe?mes=2025-02&lang=qu')).text();
    expect(html).toContain('<html lang="qu">');
    expect(html).toContain("Chaski antañiqiqkunata llamk'achisqankumanta willakuy: Fibriru 2025</h1>");
    expect(html).toContain(`<th scope="row">Llamk'achiy kutikuna</th>`);
    expect(html).toContain('<a href="/informe?mes=2025-02" lang="es" hreflang="es">Español</a>');
    expect(html).toContain('<input type="hidden" name="lang" value="qu">');
    expect(html).not.toContain('Sesiones');
  });

  it('answers 400 with the months it can show for a month not ended, not real, or not a month', async () => {
    for (const mes of ['2025-04', '2024-12', '2025-13', 'marzo', '2025-03&mes=2025-02']) {
      const response = await get(`/informe?mes=${mes}`);
      expect(response.status, mes).toBe(400);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const html = await response.text();
      expect(html).toContain('Elija un mes de la lista, de enero de 2025 a marzo de 2025.');
    }
    const quechua = await (await get('/informe?mes=2030-01&lang=qu')).text();
    expect(quechua).toContain('Rikuchisqa killakunamanta hukta akllay, Iniru 2025manta Marsu 2025kama.');
  });

  it('answers 400 in both languages for a language it does not have', async () => {
    const response = await get('/informe?lang=en');
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('Idioma desconocido');
    expect(html).toContain('Mana riqsisqa simi');
  });

  it('answers 304 to a client that holds the same page', async () => {
    const first = await get('/informe?mes=2025-02');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await get('/informe?mes=2025-02', { 'if-none-match': etag });
    expect(again.status).toBe(304);
  });

  it('serves its stylesheet, since the policy allows no inline style', async () => {
    const response = await get('/informe/informe.css');
    expect(response.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await response.text()).toContain('.visually-hidden');
    const html = await (await get('/informe')).text();
    expect(html).not.toMatch(/<script|<style|\sstyle=|\son\w+=/i);
  });
});

describe('the open data', () => {
  it('gives every published month as CSV that its own datapackage.json validates', async () => {
    const pkgResponse = await get('/informe/datapackage.json');
    expect(pkgResponse.headers.get('access-control-allow-origin')).toBe('*');
    const pkg = (await pkgResponse.json()) as { licenses: Array<{ name: string }>; resources: Array<{ path: string; schema: TableSchema }> };
    expect(pkg.licenses[0]!.name).toBe('CC-BY-4.0');
    const response = await get(`/informe/${pkg.resources[0]!.path}`);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const csv = await response.text();
    expect(validateTable(csv, pkg.resources[0]!.schema)).toEqual([]);
    const records = parseCsv(csv).slice(1);
    expect([...new Set(records.map((r) => r[0]))]).toEqual(['2025-02', '2025-03']);
    expect(records.find((r) => r[0] === '2025-03' && r[2] === '0802' && r[4] === 'sesiones')).toEqual(['2025-03', 'provincia', '0802', 'Acomayo', 'sesiones', '', '', '', 'true']);
    expect(csv).not.toContain('juan');
  });

  it('gives one month with mes=, and the same rows as JSON', async () => {
    const csv = await (await get('/informe/datos.csv?mes=2025-02')).text();
    const json = (await (await get('/informe/datos.json?mes=2025-02')).json()) as { filas: Array<Record<string, unknown>> };
    const records = parseCsv(csv);
    expect(json.filas.map((row) => records[0]!.map((c) => (row[c] === null ? '' : String(row[c]))))).toEqual(records.slice(1));
    expect(json.filas[0]).toEqual({ periodo: '2025-02', nivel: 'red', ubigeo: null, ambito: 'Red de bibliotecas', indicador: 'sesiones', clave: null, valor: 15, dias_kiosco: 5, suprimido: false });
  });

  it('refuses a month not ended with a clear error, in the API shape', async () => {
    for (const path of ['/informe/datos.csv?mes=2025-04', '/informe/datos.json?mes=2025-4']) {
      const response = await get(path);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: { code: 'bad_request', message: 'mes: must be one month that has ended, written YYYY-MM, from 2025-01 to 2025-03' } });
    }
  });

  it('reads the store once per month however often it is asked, and again after a failed read', async () => {
    await get('/informe/datos.csv');
    const before = reads.length;
    await get('/informe/datos.csv');
    await get('/informe/datos.json');
    await get('/informe?mes=2025-01');
    expect(reads.length).toBe(before);
    // Nothing cached for a month whose read failed: the next request reads it.
    const fresh = Fastify();
    const freshReads: string[] = [];
    let fail = true;
    reportRoutes(fresh, {
      source: {
        async rows(from, to) {
          freshReads.push(from);
          if (fail) throw new Error('database unavailable');
          return rows.filter((row) => row.day >= from && row.day <= to);
        },
      },
      places: loadUbigeo(),
      firstMonth: '2025-03',
      now: () => new Date('2025-04-10T15:00:00Z'),
    });
    const url = await listenForTests(fresh);
    try {
      expect((await fetch(`${url}/informe`)).status).toBe(500);
      fail = false;
      expect((await fetch(`${url}/informe`)).status).toBe(200);
      expect(freshReads).toEqual(['2025-03-01', '2025-03-01']);
    } finally {
      await fresh.close();
    }
  });
});
