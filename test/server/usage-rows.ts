// Kiosk-days for the report's tests: what the usage store's reportRows() returns, built from a
// few counters so a test states only the numbers it is about.
import { emptyCounts, type UsageCounts, type UsageReportRow } from '../../src/core/usage';

export function kioskDay(kioskId: string, day: string, district: string | null, counts: Partial<UsageCounts>): UsageReportRow {
  return { kioskId, district, day, counts: { ...emptyCounts(), ...counts } };
}

/** `n` kiosks (ids `${prefix}1`…) each with the same counts on the same day. */
export function kioskDays(n: number, prefix: string, day: string, district: string | null, counts: Partial<UsageCounts>): UsageReportRow[] {
  return Array.from({ length: n }, (_, i) => kioskDay(`${prefix}${i + 1}`, day, district, structuredClone(counts)));
}

const days = (month: string, n: number) => Array.from({ length: n }, (_, i) => `${month}-${String(i + 3).padStart(2, '0')}`);
const many = (kiosks: number, prefix: string, dayList: string[], district: string | null, counts: Partial<UsageCounts>) =>
  dayList.flatMap((day) => kioskDays(kiosks, prefix, day, district, counts));

/** A small network for the report routes: February and March 2025 published, April the month in
 * progress. In March, Acomayo (0802) has 2 kiosk-days, so its figures are hidden; a search made on
 * one kiosk-day ("juan perez quispe") must never show. */
export function sampleNetworkRows(): UsageReportRow[] {
  return [
    ...many(6, 'cusco-', days('2025-03', 3), '080101', {
      sessions: 4,
      quechuaSessions: 2,
      offlineSessions: 1,
      sessionLength: { from1to5: 3, under1: 1 },
      guidesOpened: { 'dni-duplicado': 2, 'pension-65': 1 },
      categoriesOpened: { identidad: 2 },
      formsSent: { 'comentario-guia': 1 },
      guidesPrinted: { 'dni-duplicado': 1 },
      qrShown: { 'pension-65': 1 },
      guideUseful: { 'dni-duplicado': 1 },
      guideNotUseful: { 'pension-65': 1 },
      unmetSearches: { 'partida de matrimonio': 1 },
    }),
    ...many(5, 'anta-', days('2025-03', 1), '080301', { sessions: 2, sessionLength: { over15: 2 }, guidesOpened: { 'beca-18': 1 }, guideUseful: { 'beca-18': 1 }, guideNotUseful: { 'beca-18': 1 } }),
    ...many(1, 'acomayo-', days('2025-03', 2), '080201', { sessions: 111, sessionLength: { over15: 111 } }),
    ...many(5, 'lima-', days('2025-03', 2), '150101', { sessions: 3, sessionLength: { from5to15: 3 }, guidesOpened: { 'dni-duplicado': 1 } }),
    kioskDay('lima-1', '2025-03-20', '150101', { sessions: 1, sessionLength: { under1: 1 }, unmetSearches: { 'juan perez quispe': 1 } }),
    ...many(5, 'libre-', days('2025-03', 1), null, { sessions: 1, offlineSessions: 1, sessionLength: { under1: 1 } }),
    ...many(5, 'cusco-', days('2025-02', 1), '080101', { sessions: 3, sessionLength: { from1to5: 3 } }),
    ...many(10, 'cusco-', days('2025-04', 1), '080101', { sessions: 9, sessionLength: { from1to5: 9 } }),
  ];
}
