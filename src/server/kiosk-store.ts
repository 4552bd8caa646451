// Kiosk identity: operators create enrolment codes (CLI), a kiosk trades one for a bearer token.
// Only hashes of codes and tokens are stored: a copy of the database lets nobody push as a kiosk.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Db } from './db';

// No 0/O, 1/I/L: codes are read aloud over the phone and typed by librarians.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
export const normalizeCode = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, '');

export function newEnrollmentCode(): string {
  const bytes = randomBytes(10);
  const chars = [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

export class KioskStore {
  constructor(private readonly db: Db) {}

  /** Stores a code (or the given one, for the demo) that can enrol `maxUses` kiosks. */
  async createEnrollmentCode(label: string, options: { code?: string; maxUses?: number; validDays?: number } = {}): Promise<string> {
    const code = options.code ?? newEnrollmentCode();
    await this.db.query(
      `INSERT INTO enrollment_codes (code_hash, label, max_uses, expires_at)
       VALUES ($1, $2, $3, CASE WHEN $4::int IS NULL THEN NULL ELSE now() + make_interval(days => $4::int) END)
       ON CONFLICT (code_hash) DO NOTHING`,
      [sha256(normalizeCode(code)), label, options.maxUses ?? 1, options.validDays ?? null],
    );
    return code;
  }

  /** Trades a valid code for a new kiosk token, or null when the code is unknown, used up or
   * expired (one answer for all three: no hint for someone guessing codes). */
  async enroll(code: string, library: string): Promise<{ kioskId: string; token: string } | null> {
    return this.db.transaction(async (tx) => {
      const used = await tx.query(
        `UPDATE enrollment_codes SET uses = uses + 1
         WHERE code_hash = $1 AND uses < max_uses AND (expires_at IS NULL OR expires_at > now())
         RETURNING code_hash`,
        [sha256(normalizeCode(code))],
      );
      if (used.length === 0) return null;
      const kioskId = randomUUID();
      const token = randomBytes(32).toString('base64url');
      await tx.query('INSERT INTO kiosks (id, library, token_hash) VALUES ($1, $2, $3)', [kioskId, library, sha256(token)]);
      return { kioskId, token };
    });
  }

  /** The stored hash of a kiosk's token (it keys the signature of the kiosk's receipt files). */
  async tokenHash(kioskId: string): Promise<string | null> {
    if (!/^[0-9a-f-]{36}$/.test(kioskId)) return null;
    const rows = await this.db.query<{ token_hash: string }>('SELECT token_hash FROM kiosks WHERE id = $1', [kioskId]);
    return rows[0]?.token_hash ?? null;
  }

  /** The kiosk a bearer token belongs to, or null. */
  async authenticate(token: string): Promise<string | null> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
    const rows = await this.db.query<{ id: string }>('UPDATE kiosks SET last_seen_at = now() WHERE token_hash = $1 RETURNING id', [sha256(token)]);
    return rows[0]?.id ?? null;
  }
}
