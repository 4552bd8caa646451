// The server's signing key (ECDSA P-256): it signs content packs and receipts files, the two
// things a kiosk accepts from a USB stick. Its private half lives in a file outside the database
// (DATA_DIR/signing-key.json, mode 600, or SIGNING_KEY_FILE), so a copy of the database cannot
// sign a fake catalogue or forge receipts. The public half is published in the catalogue, where
// kiosks learn it while online. Every server sharing one PostgreSQL needs the same file: a
// server whose key differs from the published one refuses to start rather than split the network.
import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ServerKey } from '../core/records';
import { generateSigningKey, type SigningKeyPair } from '../core/signature';
import type { CatalogStore } from './catalog-store';
import type { Db } from './db';

/** Where servers before this one kept the key: moved out to the file at the first start. */
const LEGACY_META_KEY = 'signing_key';

export class SigningKeyMismatch extends Error {}

export class SigningKey {
  private pair: Promise<SigningKeyPair> | undefined;

  constructor(private readonly db: Db, readonly file: string) {}

  /** The key pair from the file; made (or moved out of the database) on first use. */
  load(): Promise<SigningKeyPair> {
    this.pair ??= this.readOrCreate();
    return this.pair;
  }

  /** The key pair to sign with now: the one the network publishes. Another node may have
   * rotated the key since this one read its file: the file is read again (the operator may
   * have copied the new one in), and if it still holds the old key nothing is signed, since
   * kiosks that learned the new key would refuse the pack or receipts. */
  async forSigning(): Promise<SigningKeyPair> {
    const rows = await this.db.query<{ body: Extract<ServerKey, { id: 'signing' }> }>(`SELECT body FROM catalog_records WHERE kind = 'key' AND id = 'signing' AND NOT deleted`);
    const published = rows[0]?.body.publicKey;
    const matches = (pair: SigningKeyPair) => !published || (pair.publicKey.x === published.x && pair.publicKey.y === published.y);
    const pair = await this.load();
    if (matches(pair)) return pair;
    // Read, never made: a key file that went missing must not be replaced by a fresh key here.
    const reread = existsSync(this.file) ? (JSON.parse(readFileSync(this.file, 'utf8')) as SigningKeyPair) : pair;
    if (matches(reread)) {
      this.pair = Promise.resolve(reread);
      return reread;
    }
    throw new SigningKeyMismatch(
      `the signing key in ${this.file} is no longer the one this network publishes (another server replaced it): ` +
        `copy the new key file here (or point SIGNING_KEY_FILE at it) before signing packs or receipts.`,
    );
  }

  private async readOrCreate(): Promise<SigningKeyPair> {
    if (existsSync(this.file)) return readKeyFile(this.file);
    const legacy = await this.db.query<{ value: string }>('SELECT value FROM meta WHERE key = $1', [LEGACY_META_KEY]);
    const pair = legacy[0] ? (JSON.parse(legacy[0].value) as SigningKeyPair) : await generateSigningKey();
    const kept = createKeyFile(this.file, pair);
    if (kept === pair && legacy[0]) await this.db.query('DELETE FROM meta WHERE key = $1', [LEGACY_META_KEY]);
    return kept;
  }

  /** Publishes the public half. If the catalogue already carries another key, kiosks trust that
   * one: refuse, unless the operator asks to replace it (`rotate`). */
  async publish(catalog: CatalogStore, options: { rotate?: boolean } = {}): Promise<void> {
    const { publicKey } = await this.load();
    const record: ServerKey = { id: 'signing', alg: 'ECDSA-P256-SHA256', publicKey };
    // Checked under the publish lock: of two servers with different files starting on an empty
    // database at once, the first publishes and the second finds its key there and refuses.
    await catalog.publishKey(record, (published) => {
      const current = (published as Extract<ServerKey, { id: 'signing' }> | null)?.publicKey;
      if (current && (current.x !== publicKey.x || current.y !== publicKey.y) && !options.rotate) {
        throw new SigningKeyMismatch(
          `the signing key in ${this.file} is not the one this network publishes. Copy the key file from the server that made it ` +
            `(or point SIGNING_KEY_FILE at it); to replace the key on purpose, start once with ROTATE_SIGNING_KEY=1.`,
        );
      }
    });
  }
}

const readKeyFile = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as SigningKeyPair;

/** Writes `pair` to `file` unless another server made the file first, and returns the pair the
 * file holds. No reader ever sees the file half written (two nodes sharing one key file start at
 * once, src/server/nodes.pg.test.ts): the whole key goes to a file of its own, synced, then is
 * linked in place, which is atomic and refused when the name exists. A file system without hard
 * links gets an exclusive create instead. */
export function createKeyFile(file: string, pair: SigningKeyPair): SigningKeyPair {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const content = `${JSON.stringify(pair)}\n`;
  const whole = `${file}.${process.pid}.${randomUUID()}.tmp`;
  const fd = openSync(whole, 'wx', 0o600);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(whole, file);
    return pair;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return readKeyFile(file);
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
    try {
      writeFileSync(file, content, { mode: 0o600, flag: 'wx' });
      return pair;
    } catch (fallbackError) {
      if ((fallbackError as NodeJS.ErrnoException).code === 'EEXIST') return readKeyFile(file);
      throw fallbackError;
    }
  } finally {
    rmSync(whole, { force: true });
  }
}
