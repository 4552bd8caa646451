// Exports the published catalogue as a signed content pack (src/core/content-pack.ts), read in
// one transaction so its records, its cursor and its recordings' bytes agree.
import { buildPack, type ContentPack, type PackRecord } from '../core/content-pack';
import type { CatalogStore } from './catalog-store';
import { encodeCursor } from '../core/cursor';
import { bytesToBase64 } from '../core/base64';
import type { Db } from './db';
import type { SigningKey } from './signing-key';

export async function exportPack(db: Db, catalog: CatalogStore, signingKey: SigningKey): Promise<ContentPack> {
  const key = await signingKey.forSigning();
  const epoch = await catalog.epoch();
  const { records, head, audio } = await db.transaction(async (tx) => {
    const rows = await tx.query<PackRecord & { seq: string | number }>(
      `SELECT kind, id, version, body AS data, seq FROM catalog_records
       WHERE NOT deleted AND NOT (kind = 'key' AND id = 'signing') ORDER BY seq`,
    );
    const top = await tx.query<{ head: string | number }>('SELECT coalesce(max(seq), 0) AS head FROM catalog_records');
    // The bytes of every published recording, read in the same snapshot as the records.
    const sounds = await tx.query<{ sha256: string; audio: Uint8Array }>(
      `SELECT DISTINCT ON (r.sha256) r.sha256, r.audio FROM recordings r
       JOIN catalog_records c ON c.kind = 'audio' AND NOT c.deleted AND c.body ->> 'sha256' = r.sha256
       WHERE r.status = 'approved' ORDER BY r.sha256`,
    );
    const audio = Object.fromEntries(sounds.map((row) => [row.sha256, bytesToBase64(row.audio)]));
    return { records: rows.map(({ kind, id, version, data }) => ({ kind, id, version, data })), head: Number(top[0]!.head), audio };
  });
  return buildPack(records, encodeCursor({ epoch, seq: head }), key.privateKey, new Date(), Object.keys(audio).length > 0 ? audio : undefined);
}
