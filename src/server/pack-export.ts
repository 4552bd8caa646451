// Exports the published catalogue as a signed content pack (src/core/content-pack.ts), read in
// one transaction so its records and its cursor agree.
import { buildPack, type ContentPack, type PackRecord } from '../core/content-pack';
import type { CatalogStore } from './catalog-store';
import { encodeCursor } from '../core/cursor';
import type { Db } from './db';
import type { SigningKey } from './signing-key';

export async function exportPack(db: Db, catalog: CatalogStore, signingKey: SigningKey): Promise<ContentPack> {
  const key = await signingKey.load();
  const epoch = await catalog.epoch();
  const { records, head } = await db.transaction(async (tx) => {
    const rows = await tx.query<PackRecord & { seq: string | number }>(
      `SELECT kind, id, version, body AS data, seq FROM catalog_records
       WHERE NOT deleted AND NOT (kind = 'key' AND id = 'signing') ORDER BY seq`,
    );
    const top = await tx.query<{ head: string | number }>('SELECT coalesce(max(seq), 0) AS head FROM catalog_records');
    return { records: rows.map(({ kind, id, version, data }) => ({ kind, id, version, data })), head: Number(top[0]!.head) };
  });
  return buildPack(records, encodeCursor({ epoch, seq: head }), key.privateKey);
}
