// A kiosk's requests are reads: last_seen_at is written at most every 15 minutes, so a network of
// polling kiosks does not turn every poll into a row write (the `network` bench found those
// writes were two thirds of what PostgreSQL wrote). The "seen" counts stay right.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempPglite } from '../../test/server/support';
import type { Db } from './db';
import { KioskStore } from './kiosk-store';

let db: Db;
let dispose: () => Promise<void>;
let kiosks: KioskStore;

beforeAll(async () => {
  ({ db, dispose } = await tempPglite());
  kiosks = new KioskStore(db);
});
afterAll(async () => dispose());

/** The row's version: changes with every write to it, whatever the value written. */
const rowVersion = async (kioskId: string) => (await db.query<{ xmin: string }>('SELECT xmin::text AS xmin FROM kiosks WHERE id = $1', [kioskId]))[0]?.xmin;

describe('a kiosk seen by the server', () => {
  it('is marked seen on its first request and counted, then polls without a write', async () => {
    const code = await kiosks.createEnrollmentCode('Lamay');
    const { kioskId, token } = (await kiosks.enroll(code, 'Biblioteca de Lamay'))!;
    expect((await kiosks.seenCounts()).hour).toBe(0);

    expect(await kiosks.whoIs(token)).toEqual({ kioskId, library: 'Biblioteca de Lamay' });
    expect((await kiosks.seenCounts()).hour).toBe(1);
    const afterFirst = await rowVersion(kioskId);
    for (let i = 0; i < 5; i++) expect(await kiosks.authenticate(token)).toBe(kioskId);
    expect(await rowVersion(kioskId)).toBe(afterFirst);
  });

  it('is marked seen again once the mark is older than 15 minutes', async () => {
    const code = await kiosks.createEnrollmentCode('Pisac');
    const { kioskId, token } = (await kiosks.enroll(code, 'Biblioteca de Pisac'))!;
    await db.query("UPDATE kiosks SET last_seen_at = now() - interval '2 hours' WHERE id = $1", [kioskId]);
    const seenBefore = await kiosks.seenCounts();
    const stale = await rowVersion(kioskId);

    expect(await kiosks.authenticate(token)).toBe(kioskId);
    expect(await rowVersion(kioskId)).not.toBe(stale);
    expect((await kiosks.seenCounts()).hour).toBe(seenBefore.hour + 1);
    const listed = (await kiosks.listKiosks()).find((k) => k.id === kioskId)!;
    expect(Date.now() - Date.parse(listed.lastSeenAt!)).toBeLessThan(60_000);
  });

  it('is refused, and not marked, once revoked or with an unknown token', async () => {
    const code = await kiosks.createEnrollmentCode('Calca');
    const { kioskId, token } = (await kiosks.enroll(code, 'Biblioteca de Calca'))!;
    await kiosks.revokeKiosk(kioskId);
    expect(await kiosks.whoIs(token)).toBeNull();
    expect((await kiosks.listKiosks()).find((k) => k.id === kioskId)!.lastSeenAt).toBeNull();
    expect(await kiosks.whoIs('x'.repeat(43))).toBeNull();
  });
});
