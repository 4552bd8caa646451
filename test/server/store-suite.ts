// The catalogue store's behaviour, run against every database Chaski supports:
// store.test.ts (PGlite on disk) and store.pg.test.ts (a real PostgreSQL 15).
import { describe, expect, it } from 'vitest';
import { sampleCategory, sampleGuide } from '../records';
import { CatalogStore, type PublishRecord } from '../../src/server/catalog-store';
import type { Db } from '../../src/server/db';
import { MIGRATIONS, migrate } from '../../src/server/migrations';

const cat = (id: string, order = 1): PublishRecord => ({ kind: 'category', id, data: sampleCategory(id, order) });
const guide = (id: string, category = 'salud', title?: string): PublishRecord => {
  const data = sampleGuide(id, category);
  if (title) data.title = { es: title, qu: title };
  return { kind: 'guide', id, data };
};

export function storeSuite(name: string, freshDb: () => Promise<Db>) {
  describe(`catalogue store on ${name}`, () => {
    it('publishes new records with increasing sequence numbers', async () => {
      const store = new CatalogStore(await freshDb());
      const summary = await store.publish([cat('salud'), guide('sis'), guide('essalud')]);
      expect(summary.added).toEqual(['category/salud', 'guide/sis', 'guide/essalud']);
      const { changes, more } = await store.changesSince(0, 10);
      expect(more).toBe(false);
      expect(changes.map((c) => `${c.op}:${c.id}:${c.version}`)).toEqual(['put:salud:1', 'put:sis:1', 'put:essalud:1']);
      expect(await store.head()).toBe(3);
    });

    it('leaves unchanged records alone, and re-stamps changed ones with a new version', async () => {
      const store = new CatalogStore(await freshDb());
      await store.publish([cat('salud'), guide('sis'), guide('essalud')]);
      const again = await store.publish([cat('salud'), guide('sis'), guide('essalud')]);
      expect(again).toEqual({ added: [], updated: [], removed: [], unchanged: 3 });
      expect(await store.head()).toBe(3);

      const edited = await store.publish([cat('salud'), guide('sis', 'salud', 'SIS Gratuito'), guide('essalud')]);
      expect(edited.updated).toEqual(['guide/sis']);
      const { changes } = await store.changesSince(3, 10);
      expect(changes).toHaveLength(1);
      expect(changes[0]).toMatchObject({ id: 'sis', version: 2, op: 'put', data: { title: { es: 'SIS Gratuito' } } });
    });

    it('turns a record that is no longer listed into a tombstone, and revives it when it returns', async () => {
      const store = new CatalogStore(await freshDb());
      await store.publish([cat('salud'), guide('sis'), guide('essalud')]);
      const removed = await store.publish([cat('salud'), guide('sis')]);
      expect(removed.removed).toEqual(['guide/essalud']);
      const { changes } = await store.changesSince(3, 10);
      expect(changes).toEqual([{ kind: 'guide', id: 'essalud', version: 2, op: 'delete' }]);
      expect((await store.counts()).guide).toBe(1);

      const back = await store.publish([cat('salud'), guide('sis'), guide('essalud')]);
      expect(back.added).toEqual(['guide/essalud']);
      expect((await store.changesSince(4, 10)).changes[0]).toMatchObject({ id: 'essalud', version: 3, op: 'put' });
    });

    it('pages through the feed with a cursor, never repeating or skipping a change', async () => {
      const store = new CatalogStore(await freshDb());
      await store.publish([cat('salud'), ...Array.from({ length: 11 }, (_, i) => guide(`g${String(i).padStart(2, '0')}`))]);
      const seen: string[] = [];
      let since = 0;
      for (;;) {
        const page = await store.changesSince(since, 5);
        seen.push(...page.changes.map((c) => c.id));
        since = page.lastSeq;
        if (!page.more) break;
      }
      expect(seen).toHaveLength(12);
      expect(new Set(seen).size).toBe(12);
    });

    it('keeps the catalogue as it was when a publish fails part-way', async () => {
      const store = new CatalogStore(await freshDb());
      await store.publish([cat('salud'), guide('sis')]);
      const poisoned = { kind: 'guide', id: 'bad', data: { big: 1n } } as unknown as PublishRecord;
      await expect(store.publish([cat('salud'), guide('sis', 'salud', 'Cambiado'), poisoned])).rejects.toThrow();
      const { changes } = await store.changesSince(0, 10);
      expect(changes.map((c) => `${c.id}:${c.version}`)).toEqual(['salud:1', 'sis:1']);
    });

    it('runs migrations once, however often the server starts', async () => {
      const db = await freshDb();
      expect(await migrate(db)).toEqual([]);
      const rows = await db.query<{ n: string | number }>('SELECT count(*) AS n FROM schema_migrations');
      expect(Number(rows[0]!.n)).toBe(MIGRATIONS.length);
    });
  });
}
