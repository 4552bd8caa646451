// What the copy's check rests on: PGlite and PostgreSQL 15 print a row as the same JSON text
// (so a hash taken on each side means the same thing), and a row printed, put back through
// json_populate_recordset and printed again is the same text, for every kind of value Chaski
// stores: jsonb with accents and numbers as typed, timestamps to the microsecond, dates, bytes
// including zeros, text with quotes, newlines and emoji, and nulls.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PostgresCluster, startPostgres } from '../../test/server/support';
import { type Db, openPglite, openPostgres } from './db';
import { fixSessionFormat, readRows, RowWriter } from './table-copy';

const COLUMNS = `id integer PRIMARY KEY, body jsonb, at timestamptz, day date, bytes bytea, words text, uid uuid, flag boolean`;
const ROWS = `
  (1, '{"answers": {"nombre": "Ñusta Quispe Mamani", "monto": 1.50, "grande": 12345678901234567890, "lista": ["a", "\\"b\\""]}}', '2026-12-02 09:15:30.123456-05', '2026-02-28', '\\x00ff00deadbeef', E'dice "sí"\\nsegunda línea \\\\ 🎧', '01937a3e-5f7c-7cc1-8f3a-000000000001', true),
  (2, NULL, NULL, NULL, '\\x', '', NULL, false),
  (3, '[]', '1999-12-31 23:59:59+00', '2000-01-01', NULL, NULL, NULL, NULL)`;

/** The rows as the copy reads them, after writing them back into a twin table and reading again. */
async function printTwice(db: Db): Promise<{ first: string[]; again: string[] }> {
  return db.transaction(async (tx) => {
    await fixSessionFormat(tx);
    await tx.query(`CREATE TEMP TABLE print_check (${COLUMNS}) ON COMMIT DROP`);
    await tx.query(`CREATE TEMP TABLE print_again (${COLUMNS}) ON COMMIT DROP`);
    await tx.query(`INSERT INTO print_check VALUES ${ROWS}`);
    const first: string[] = [];
    for await (const rows of readRows(tx, { name: 'print_check', order: 't.id' })) first.push(...rows);
    const writer = new RowWriter(tx, 'print_again');
    await writer.add(first);
    await writer.flush();
    const again: string[] = [];
    for await (const rows of readRows(tx, { name: 'print_again', order: 't.id' })) again.push(...rows);
    return { first, again };
  });
}

let cluster: PostgresCluster;
beforeAll(async () => {
  cluster = await startPostgres();
}, 60_000);
afterAll(() => cluster?.stop());

describe('rows as the copy prints them', () => {
  it('are the same text on PGlite and PostgreSQL, and survive being written back', async () => {
    // Neither needs Chaski's schema or a disk: the values are the point.
    const lite = await openPglite('memory://');
    const pg = await openPostgres(cluster.url);
    try {
      const onLite = await printTwice(lite);
      const onPg = await printTwice(pg);
      expect(onLite.first).toEqual(onPg.first);
      expect(onLite.again).toEqual(onLite.first);
      expect(onPg.again).toEqual(onPg.first);
      expect(onPg.first[0]).toContain('"at":"2026-12-02T14:15:30.123456+00:00"');
      expect(onPg.first[0]).toContain('"bytes":"\\\\x00ff00deadbeef"');
      expect(onPg.first[0]).toContain('"monto": 1.50');
    } finally {
      await lite.close();
      await pg.close();
    }
  });
});
