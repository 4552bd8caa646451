// Usage counters, run against every database Chaski supports: usage.test.ts (PGlite on disk)
// and usage.pg.test.ts (PostgreSQL 15). A kiosk-day counts once whatever arrives: a retry, a
// higher revision after more use, a late lower one, the same day twice in one list, and
// pushes of the same day racing each other (on PostgreSQL, truly at once on separate
// connections). Then what the report and the editors read back.
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { emptyCounts, type UsageCounts, type UsageDay } from '../../src/core/usage';
import { CatalogStore } from '../../src/server/catalog-store';
import type { Db } from '../../src/server/db';
import { KioskStore } from '../../src/server/kiosk-store';
import { SubmissionStore } from '../../src/server/submission-store';
import { FEEDBACK_FORM_ID, UsageStore } from '../../src/server/usage-store';
import { sampleFeedbackForm, sampleGuide } from '../records';

const FEEDBACK = sampleFeedbackForm(FEEDBACK_FORM_ID);


export const counts = (partial: Partial<UsageCounts> = {}): UsageCounts => ({ ...emptyCounts(), ...partial });
const day = (date: string, revision: number, partial: Partial<UsageCounts> = {}): UsageDay => ({ day: date, revision, counts: counts(partial) });

export function usageSuite(name: string, freshDb: () => Promise<Db>) {
  describe(`usage counters on ${name}`, () => {
    async function setup() {
      const db = await freshDb();
      const kiosks = new KioskStore(db);
      const enrol = async (district?: string) => (await kiosks.enroll(await kiosks.createEnrollmentCode('tests'), 'Biblioteca de prueba', district))!.kioskId;
      return { db, kiosks, usage: new UsageStore(db), enrol };
    }
    const held = async (usage: UsageStore, kioskId: string, date: string) => (await usage.reportRows(date, date)).find((row) => row.kioskId === kioskId);

    it('stores a day once: a retry is stale, a higher revision replaces it, a lower one changes nothing', async () => {
      const { usage, enrol } = await setup();
      const kioskId = await enrol();
      expect(await usage.upsert(kioskId, [day('2026-11-24', 3, { sessions: 5 })])).toEqual([{ day: '2026-11-24', revision: 3, status: 'stored' }]);
      expect(await usage.upsert(kioskId, [day('2026-11-24', 3, { sessions: 5 })])).toEqual([{ day: '2026-11-24', revision: 3, status: 'stale' }]);
      expect((await held(usage, kioskId, '2026-11-24'))!.counts.sessions).toBe(5);

      expect(await usage.upsert(kioskId, [day('2026-11-24', 4, { sessions: 7 })])).toEqual([{ day: '2026-11-24', revision: 4, status: 'stored' }]);
      expect(await usage.upsert(kioskId, [day('2026-11-24', 2, { sessions: 1 })])).toEqual([{ day: '2026-11-24', revision: 2, status: 'stale' }]);
      // The same revision with other counts never replaces what is held either.
      expect(await usage.upsert(kioskId, [day('2026-11-24', 4, { sessions: 99 })])).toEqual([{ day: '2026-11-24', revision: 4, status: 'stale' }]);
      expect(await usage.reportRows('2026-11-01', '2026-11-30')).toEqual([{ kioskId, district: null, day: '2026-11-24', counts: counts({ sessions: 7 }) }]);
    });

    it('answers each day of a list in order, the same day twice included, and keeps days of different kiosks apart', async () => {
      const { usage, enrol } = await setup();
      const [urcos, ocongate] = [await enrol(), await enrol()];
      await usage.upsert(urcos, [day('2026-11-23', 5, { sessions: 2 })]);
      const results = await usage.upsert(urcos, [
        day('2026-11-22', 1, { sessions: 1 }),
        day('2026-11-23', 5, { sessions: 2 }), // already held
        day('2026-11-24', 1, { sessions: 3 }),
        day('2026-11-24', 2, { sessions: 4 }), // the same day again, later in the list: it wins
        day('2026-11-24', 2, { sessions: 40 }), // an equal revision of it: the first one is kept
      ]);
      expect(results.map((r) => `${r.day}@${r.revision}:${r.status}`)).toEqual(['2026-11-22@1:stored', '2026-11-23@5:stale', '2026-11-24@1:stale', '2026-11-24@2:stored', '2026-11-24@2:stale']);
      expect(await usage.upsert(ocongate, [day('2026-11-24', 1, { sessions: 9 })])).toEqual([{ day: '2026-11-24', revision: 1, status: 'stored' }]);
      expect((await held(usage, urcos, '2026-11-24'))!.counts.sessions).toBe(4);
      expect((await held(usage, ocongate, '2026-11-24'))!.counts.sessions).toBe(9);
    });

    it('keeps the highest revision when pushes of the same day race, whatever order they land in', async () => {
      const { usage, enrol } = await setup();
      const kioskId = await enrol();
      for (const date of ['2026-11-20', '2026-11-21', '2026-11-22']) {
        // Twenty pushes at once, revisions shuffled; each also carries a day the others carry.
        const revisions = Array.from({ length: 20 }, (_, i) => i + 1).sort(() => Math.random() - 0.5);
        const answers = await Promise.all(revisions.map((revision) => usage.upsert(kioskId, [day(date, revision, { sessions: revision }), day('2026-11-19', 1, { sessions: 1 })])));
        const row = (await held(usage, kioskId, date))!;
        expect(row.counts.sessions).toBe(20);
        // The push with revision 20 was told its day is stored: the kiosk may mark it sent.
        expect(answers[revisions.indexOf(20)]![0]).toEqual({ day: date, revision: 20, status: 'stored' });
      }
      expect((await usage.reportRows('2026-11-19', '2026-11-19')).filter((r) => r.kioskId === kioskId)).toHaveLength(1);
    });

    it('never fails two pushes of the same days in opposite orders: rows are locked in one order, so they cannot deadlock', async () => {
      const { usage, enrol } = await setup();
      const kioskId = await enrol();
      const dates = Array.from({ length: 200 }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10));
      for (let revision = 1; revision <= 16; revision += 2) {
        const pushes = await Promise.allSettled([
          usage.upsert(kioskId, dates.map((date) => day(date, revision, { sessions: revision }))),
          usage.upsert(kioskId, [...dates].reverse().map((date) => day(date, revision + 1, { sessions: revision + 1 }))),
        ]);
        expect(pushes.map((p) => (p.status === 'rejected' ? String(p.reason) : 'ok'))).toEqual(['ok', 'ok']);
      }
      expect((await held(usage, kioskId, dates[0]!))!.counts.sessions).toBe(16);
    });

    it('gives the report every kiosk-day in the range with its kiosk district, revoked kiosks included', async () => {
      const { usage, kiosks, enrol } = await setup();
      const urcos = await enrol('081201');
      const unplaced = await enrol();
      await usage.upsert(urcos, [day('2026-10-31', 1, { sessions: 1 }), day('2026-11-01', 1, { sessions: 2 }), day('2026-11-30', 1, { sessions: 3 }), day('2026-12-01', 1, { sessions: 4 })]);
      await usage.upsert(unplaced, [day('2026-11-15', 1, { quechuaSessions: 1, sessions: 1, guidesOpened: { 'pension-65': 2 } })]);
      await kiosks.revokeKiosk(unplaced);
      const rows = await usage.reportRows('2026-11-01', '2026-11-30');
      expect(rows.map((r) => [r.day, r.district, r.counts.sessions])).toEqual([
        ['2026-11-01', '081201', 2],
        ['2026-11-15', null, 1],
        ['2026-11-30', '081201', 3],
      ]);
      expect(rows[1]!.counts.guidesOpened).toEqual({ 'pension-65': 2 });
      // A corrected district moves the kiosk's past days with it.
      expect(await kiosks.setDistrict(unplaced, '080101')).toBe(true);
      expect((await usage.reportRows('2026-11-15', '2026-11-15'))[0]!.district).toBe('080101');
      await expect(usage.reportRows('2026-11-31', '2026-12-01')).rejects.toThrow(RangeError);
    });

    it('lists guides for editors, least useful first, with feedback reports that name the guide', async () => {
      const { db, usage, enrol } = await setup();
      await new CatalogStore(db).publish([
        { kind: 'form', id: FEEDBACK.id, data: FEEDBACK },
        { kind: 'guide', id: 'pension-65', data: sampleGuide('pension-65', 'salud') },
        { kind: 'guide', id: 'beca-18', data: sampleGuide('beca-18', 'salud') },
        { kind: 'guide', id: 'sis', data: sampleGuide('sis', 'salud') },
      ]);
      const [a, b] = [await enrol(), await enrol()];
      // beca-18: 40 "no" out of 100 answers; pension-65: 1 "no" out of 1; sis: only praised.
      await usage.upsert(a, [day('2026-11-20', 1, { guidesOpened: { 'beca-18': 60, 'pension-65': 3, sis: 5 }, guideUseful: { 'beca-18': 30, sis: 4 }, guideNotUseful: { 'beca-18': 20, 'pension-65': 1 } })]);
      await usage.upsert(b, [day('2026-11-20', 1, { guidesOpened: { 'beca-18': 40, 'guia-retirada': 2 }, guideUseful: { 'beca-18': 28 }, guideNotUseful: { 'beca-18': 18 } })]);
      const feedback = (guideId: string, answers: Record<string, string | boolean>) => ({ id: uuidv7(), formId: FEEDBACK.id, formVersion: 1, createdAt: '2026-11-20T15:00:00.000Z', payload: { answers, context: { guideId } } });
      const results = await new SubmissionStore(db).receive(a, [
        feedback('beca-18', { util: false, problema: 'El costo es otro' }),
        feedback('beca-18', { util: false, problema: 'Falta un paso' }),
        feedback('sis', { util: true }),
      ]);
      expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);

      const listing = await usage.guideUsefulness();
      expect(listing.map((g) => g.guideId)).toEqual(['beca-18', 'pension-65', 'sis', 'guia-retirada']);
      expect(listing[0]).toMatchObject({ guideId: 'beca-18', opened: 100, useful: 58, notUseful: 38, feedback: 2, wrongReports: 2, complaintShare: 0.408 });
      expect(listing[1]).toMatchObject({ guideId: 'pension-65', opened: 3, useful: 0, notUseful: 1, complaintShare: 1 });
      expect(listing[2]).toMatchObject({ guideId: 'sis', useful: 4, feedback: 1, wrongReports: 0, complaintShare: 0, title: { es: expect.any(String) } });
      expect(listing[3]).toMatchObject({ guideId: 'guia-retirada', title: null, opened: 2, complaintShare: null, rank: 0 });
    });
  });
}
