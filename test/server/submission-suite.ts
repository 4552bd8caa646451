// Receiving a batch of submissions, run against every database Chaski supports:
// submission-store.test.ts (PGlite on disk) and submission-store.pg.test.ts (PostgreSQL 15).
// The batch is checked with one query and stored with one INSERT, so what matters here is that
// exactly-once still holds item by item: repeats inside a batch, ids in either case, and two
// kiosks (or a retry and its original) sending the same submission at the same moment.
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import type { Submission } from '../../src/core/protocol';
import { CatalogStore } from '../../src/server/catalog-store';
import type { Db } from '../../src/server/db';
import { KioskStore } from '../../src/server/kiosk-store';
import { SubmissionStore } from '../../src/server/submission-store';
import { sampleForm } from '../records';

const FORM = sampleForm([{ id: 'nombre', type: 'text', required: true, maxLength: 40, label: { es: 'Nombre', qu: 'Suti' } }]);

const submission = (nombre: string, id = uuidv7()): Submission => ({ id, formId: 'pedido', formVersion: 1, createdAt: '2026-11-24T10:00:00.000Z', payload: { answers: { nombre } } });

export function submissionSuite(name: string, freshDb: () => Promise<Db>) {
  describe(`receiving submissions on ${name}`, () => {
    async function setup() {
      const db = await freshDb();
      await new CatalogStore(db).publish([{ kind: 'form', id: FORM.id, data: FORM }]);
      const kiosks = new KioskStore(db);
      const code = await kiosks.createEnrollmentCode('tests');
      const { kioskId } = (await kiosks.enroll(code, 'Biblioteca de prueba'))!;
      return { store: new SubmissionStore(db), kioskId };
    }

    it('answers each item of a batch in order, storing each submission once', async () => {
      const { store, kioskId } = await setup();
      const rosa = submission('Rosa');
      const held = submission('Juan');
      await store.receive(kioskId, [held]);
      const results = await store.receive(kioskId, [
        rosa,
        { ...rosa }, // the same submission twice in one batch
        { ...submission('Otra', rosa.id) }, // its id again with other answers
        held, // already held
        { ...held, id: held.id.toUpperCase() }, // the same id written in capitals
        submission(''), // invalid answers
        { id: 'not-a-uuid' }, // not a submission
      ]);
      expect(results.map((r) => (r.status === 'rejected' ? r.code : r.status))).toEqual(['accepted', 'duplicate', 'conflict', 'duplicate', 'duplicate', 'invalid_answers', 'invalid_submission']);
      expect((await store.list()).map((s) => s.payload.answers.nombre).sort()).toEqual(['Juan', 'Rosa']);
    });

    it('stores a submission sent by two pushes at the same moment once: one accepted, one duplicate', async () => {
      const { store, kioskId } = await setup();
      const batch = Array.from({ length: 20 }, (_, i) => submission(`Persona ${i}`));
      const [first, second] = await Promise.all([store.receive(kioskId, batch), store.receive(kioskId, [...batch].reverse())]);
      const statuses = batch.map((s) => [first, second].map((results) => results.find((r) => r.id === s.id)!.status).sort().join('+'));
      expect(new Set(statuses)).toEqual(new Set(['accepted+duplicate']));
      expect(await store.list()).toHaveLength(20);
    });

    it('never fails two pushes of the same batch in opposite orders: rows are locked in one order, so they cannot deadlock', async () => {
      const { store, kioskId } = await setup();
      // Two transactions inserting the same ids in opposite orders each wait for the other's
      // row: PostgreSQL aborts one (deadlock_detected) and the kiosk would be told 500.
      for (let round = 0; round < 8; round++) {
        const batch = Array.from({ length: 300 }, (_, i) => submission(`Persona ${i}`));
        const pushes = await Promise.allSettled([store.receive(kioskId, batch), store.receive(kioskId, [...batch].reverse())]);
        expect(pushes.map((p) => (p.status === 'rejected' ? String(p.reason) : 'ok'))).toEqual(['ok', 'ok']);
      }
      expect(await store.list()).toHaveLength(8 * 300);
    });
  });
}
