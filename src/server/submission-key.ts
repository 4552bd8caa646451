// The server's key pair for sealed submissions: made once per database, kept in `meta` (so
// every server sharing a PostgreSQL uses the same one), and its public half published in the
// catalogue for kiosks to seal with.
import type { ServerKey } from '../core/records';
import { generateServerKey, importServerPrivateKey, type PublicKeyJwk } from '../core/seal';
import type { CatalogStore } from './catalog-store';
import type { Db } from './db';

interface StoredKey {
  publicKey: PublicKeyJwk;
  privateKey: JsonWebKey;
}

export class SubmissionKey {
  private cached: Promise<{ publicKey: PublicKeyJwk; privateKey: CryptoKey } | null> | undefined;

  constructor(private readonly db: Db) {}

  /** Creates the key pair if this database has none yet. */
  async ensure(): Promise<PublicKeyJwk> {
    const existing = await this.load();
    if (existing) return existing.publicKey;
    const fresh = await generateServerKey();
    // Another server sharing the database may make one at the same moment: the first one stays.
    await this.db.query(`INSERT INTO meta (key, value) VALUES ('submission_key', $1) ON CONFLICT (key) DO NOTHING`, [JSON.stringify(fresh)]);
    this.cached = undefined;
    const key = await this.load();
    return key!.publicKey;
  }

  /** The key pair, or null before `ensure` ran (sealed submissions are then refused). */
  load() {
    this.cached ??= this.db.query<{ value: string }>(`SELECT value FROM meta WHERE key = 'submission_key'`).then(async (rows) => {
      if (!rows[0]) {
        this.cached = undefined; // not made yet: look again next time
        return null;
      }
      const stored = JSON.parse(rows[0].value) as StoredKey;
      return { publicKey: stored.publicKey, privateKey: await importServerPrivateKey(stored.privateKey) };
    });
    return this.cached;
  }

  /** Makes sure the key exists and the catalogue carries its public half. */
  async publish(catalog: CatalogStore): Promise<void> {
    const record: ServerKey = { id: 'submissions', alg: 'ECDH-P256+HKDF-SHA256+A256GCM', publicKey: await this.ensure() };
    await catalog.publishKey(record);
  }
}
