// The server's key for signing content packs (ECDSA P-256): made once per database, kept in
// `meta`, its public half published in the catalogue so kiosks learn it while online and can
// later trust a pack that arrives on a USB stick.
import { generateSigningKey } from '../core/content-pack';
import type { ServerKey } from '../core/records';
import type { PublicKeyJwk } from '../core/seal';
import type { CatalogStore } from './catalog-store';
import type { Db } from './db';

export class SigningKey {
  constructor(private readonly db: Db) {}

  async ensure(): Promise<{ publicKey: PublicKeyJwk; privateKey: JsonWebKey }> {
    await this.db.query(`INSERT INTO meta (key, value) VALUES ('signing_key', $1) ON CONFLICT (key) DO NOTHING`, [JSON.stringify(await generateSigningKey())]);
    const rows = await this.db.query<{ value: string }>(`SELECT value FROM meta WHERE key = 'signing_key'`);
    return JSON.parse(rows[0]!.value) as { publicKey: PublicKeyJwk; privateKey: JsonWebKey };
  }

  async publish(catalog: CatalogStore): Promise<void> {
    const record: ServerKey = { id: 'signing', alg: 'ECDSA-P256-SHA256', publicKey: (await this.ensure()).publicKey };
    await catalog.publish([{ kind: 'key', id: 'signing', data: record }], ['key'], { removeMissing: false });
  }
}
