// The public report over the real usage store, on every database Chaski supports
// (src/server/routes/report-store.test.ts on PGlite, report-store.pg.test.ts on PostgreSQL 15):
// days pushed by enrolled kiosks, again after more use, and again as a stale retry, come out of
// /informe/datos.csv counted once each, placed by the kiosk's district, hidden where the rules
// say.
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { emptyCounts, type UsageCounts, type UsageDay } from '../../src/core/usage';
import type { Db } from '../../src/server/db';
import { KioskStore } from '../../src/server/kiosk-store';
import { reportRoutes } from '../../src/server/routes/report';
import { loadUbigeo } from '../../src/server/ubigeo-data';
import { UsageStore } from '../../src/server/usage-store';
import { listenForTests } from './support';
import { parseCsv } from './table-schema';

const day = (date: string, revision: number, counts: Partial<UsageCounts>): UsageDay => ({ day: date, revision, counts: { ...emptyCounts(), ...counts } });

export function reportSuite(name: string, freshDb: () => Promise<Db>) {
  describe(`the public report over the usage store on ${name}`, () => {
    it('counts each kiosk-day once however often it arrived, placed by its district', async () => {
      const db = await freshDb();
      const kiosks = new KioskStore(db);
      const usage = new UsageStore(db);
      const enrol = async (district?: string) => (await kiosks.enroll(await kiosks.createEnrollmentCode('report'), 'Biblioteca', district))!.kioskId;
      const push = async (kioskId: string, days: UsageDay[]) => usage.upsert(kioskId, days);

      // Cusco: 6 kiosks, each 2 days with 3 sessions, first sent with 1 (revision 1), then whole.
      for (let i = 0; i < 6; i++) {
        const kiosk = await enrol('080101');
        await push(kiosk, [day('2026-11-02', 1, { sessions: 1 }), day('2026-11-03', 1, { sessions: 1 })]);
        await push(kiosk, [day('2026-11-02', 2, { sessions: 3, guidesOpened: { 'dni-duplicado': 2 } }), day('2026-11-03', 2, { sessions: 3, guidesOpened: { 'dni-duplicado': 2 } })]);
        // The first USB file imported again, late: stale, changes nothing.
        await push(kiosk, [day('2026-11-02', 1, { sessions: 1 })]);
      }
      // Acomayo: 1 kiosk, 2 days: hidden.
      const acomayo = await enrol('080201');
      await push(acomayo, [day('2026-11-02', 1, { sessions: 50 }), day('2026-11-03', 1, { sessions: 50 })]);
      // A library that gave no district: 5 kiosks, 1 day each.
      for (let i = 0; i < 5; i++) await push(await enrol(), [day('2026-11-04', 1, { sessions: 2 })]);
      // December has not ended on 5 December: not published.
      await push(acomayo, [day('2026-12-01', 1, { sessions: 9 })]);

      const app = Fastify();
      reportRoutes(app, { source: { rows: (from, to) => usage.reportRows(from, to) }, places: loadUbigeo(), firstMonth: '2026-11', now: () => new Date('2026-12-05T12:00:00Z') });
      const base = await listenForTests(app);
      try {
        const records = parseCsv(await (await fetch(`${base}/informe/datos.csv`)).text()).slice(1);
        const cell = (nivel: string, ubigeo: string, indicador: string, clave = '') =>
          records.find((r) => r[1] === nivel && r[2] === ubigeo && r[4] === indicador && r[5] === clave)?.slice(6);
        expect(cell('red', '', 'sesiones')).toEqual([String(36 + 100 + 10), '19', 'false']);
        expect(cell('provincia', '0801', 'guias_abiertas', 'dni-duplicado')).toEqual(['24', '12', 'false']);
        // Acomayo is hidden, and so is Cusco province, or Cusco department minus it would tell.
        expect(cell('provincia', '0802', 'sesiones')).toEqual(['', '', 'true']);
        expect(cell('provincia', '0801', 'sesiones')).toEqual(['', '', 'true']);
        expect(cell('departamento', '08', 'sesiones')).toEqual(['136', '14', 'false']);
        // The network's other part, so Acomayo's is not the network minus the departments.
        expect(cell('sin_distrito', '', 'sesiones')).toEqual(['10', '5', 'false']);
        expect(new Set(records.map((r) => r[0]))).toEqual(new Set(['2026-11']));
      } finally {
        await app.close();
      }
    });
  });
}
