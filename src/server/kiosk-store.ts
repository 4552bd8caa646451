// Kiosk identity: operators create enrolment codes (CLI), a kiosk trades one for a bearer token.
// Only hashes of codes and tokens are stored: a copy of the database lets nobody push as a kiosk.
// Operators can list kiosks and codes and revoke either.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { libraryKey } from '../core/local-notes';
import type { Db } from './db';
import { moveLibraryNotes } from './notes-store';

// No 0/O, 1/I/L: codes are read aloud over the phone and typed by librarians.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
export const normalizeCode = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, '');
const codeHash = (code: string) => sha256(normalizeCode(code));
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function newEnrollmentCode(): string {
  const bytes = randomBytes(10);
  const chars = [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

export interface KioskSummary {
  id: string;
  library: string;
  enrolledAt: string;
  lastSeenAt: string | null;
  revokedAt: string | null;
  /** The library's district (INEI ubigeo), where the report places this kiosk's counts. */
  district: string | null;
}

export interface CodeSummary {
  /** The start of the code's hash: enough to name it, useless to enrol with. */
  id: string;
  label: string;
  createdAt: string;
  expiresAt: string | null;
  uses: number;
  maxUses: number;
  revokedAt: string | null;
}

/** What the code's id is made of: the first characters of its stored hash. */
const CODE_ID_LENGTH = 12;

/** How stale last_seen_at may be: finer than the hour the metrics count in, and longer than a
 * kiosk's 5-minute sync cycle, so that two cycles in three (and every second request within a
 * cycle) are reads. */
const SEEN_RESOLUTION = '15 minutes';

export class KioskStore {
  constructor(private readonly db: Db) {}

  /** Stores a code (or the given one, for the demo) that can enrol `maxUses` kiosks. */
  async createEnrollmentCode(label: string, options: { code?: string; maxUses?: number; validDays?: number } = {}): Promise<string> {
    const code = options.code ?? newEnrollmentCode();
    await this.db.query(
      `INSERT INTO enrollment_codes (code_hash, label, max_uses, expires_at)
       VALUES ($1, $2, $3, CASE WHEN $4::int IS NULL THEN NULL ELSE now() + make_interval(days => $4::int) END)
       ON CONFLICT (code_hash) DO NOTHING`,
      [codeHash(code), label, options.maxUses ?? 1, options.validDays ?? null],
    );
    return code;
  }

  /** Whether a code would enrol a kiosk now (known, not used up, not expired, not revoked). */
  async codeUsable(code: string): Promise<boolean> {
    const rows = await this.db.query(
      `SELECT 1 FROM enrollment_codes WHERE code_hash = $1 AND uses < max_uses AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`,
      [codeHash(code)],
    );
    return rows.length > 0;
  }

  /** Trades a valid code for a new kiosk token, or null when the code is unknown, used up,
   * expired or revoked (one answer for all: no hint for someone guessing codes). `district` is
   * a ubigeo the caller has checked against INEI's list. */
  async enroll(code: string, library: string, district?: string): Promise<{ kioskId: string; token: string } | null> {
    return this.db.transaction(async (tx) => {
      const used = await tx.query(
        `UPDATE enrollment_codes SET uses = uses + 1
         WHERE code_hash = $1 AND uses < max_uses AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())
         RETURNING code_hash`,
        [codeHash(code)],
      );
      if (used.length === 0) return null;
      const kioskId = randomUUID();
      const token = randomBytes(32).toString('base64url');
      await tx.query('INSERT INTO kiosks (id, library, token_hash, district) VALUES ($1, $2, $3, $4)', [kioskId, library, sha256(token), district ?? null]);
      return { kioskId, token };
    });
  }

  /** Whether a kiosk id names an enrolled kiosk, and whether it was revoked. */
  async status(kioskId: string): Promise<'active' | 'revoked' | null> {
    if (!UUID.test(kioskId)) return null;
    const rows = await this.db.query<{ revoked_at: Date | string | null }>('SELECT revoked_at FROM kiosks WHERE id = $1', [kioskId]);
    if (!rows[0]) return null;
    return rows[0].revoked_at === null ? 'active' : 'revoked';
  }

  /** The kiosk a bearer token belongs to, or null (unknown or revoked). */
  async authenticate(token: string): Promise<string | null> {
    return (await this.whoIs(token))?.kioskId ?? null;
  }

  /** The same, with the library the kiosk was enrolled with, in the same one query. */
  async whoIs(token: string): Promise<{ kioskId: string; library: string } | null> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
    // last_seen_at is only for the "kiosks seen in the last hour" counts, so it is written at most
    // once every 15 minutes: writing it on every request was two thirds of the rows PostgreSQL wrote under
    // a network's polling (bench `network`). One statement still: the read and the rare write.
    const rows = await this.db.query<{ id: string; library: string }>(
      `WITH kiosk AS (
         SELECT id, library, last_seen_at FROM kiosks WHERE token_hash = $1 AND revoked_at IS NULL
       ), seen AS (
         UPDATE kiosks SET last_seen_at = now() FROM kiosk
          WHERE kiosks.id = kiosk.id AND (kiosk.last_seen_at IS NULL OR kiosk.last_seen_at < now() - $2::interval)
       )
       SELECT id, library FROM kiosk`,
      [sha256(token), SEEN_RESOLUTION],
    );
    return rows[0] ? { kioskId: rows[0].id, library: rows[0].library } : null;
  }

  /** The library name a kiosk was enrolled with, or null when no such kiosk. */
  async library(kioskId: string): Promise<string | null> {
    if (!UUID.test(kioskId)) return null;
    const rows = await this.db.query<{ library: string }>('SELECT library FROM kiosks WHERE id = $1', [kioskId]);
    return rows[0]?.library ?? null;
  }

  /** Active kiosks, and how many of them called the server (any authenticated request) in the
   * last hour, day and week: the kiosks a network has out there, and whether they are alive. */
  async seenCounts(): Promise<{ active: number; hour: number; day: number; week: number }> {
    const rows = await this.db.query<{ active: string | number; hour: string | number; day: string | number; week: string | number }>(
      `SELECT count(*) AS active,
              count(*) FILTER (WHERE last_seen_at > now() - interval '1 hour') AS hour,
              count(*) FILTER (WHERE last_seen_at > now() - interval '1 day') AS day,
              count(*) FILTER (WHERE last_seen_at > now() - interval '7 days') AS week
       FROM kiosks WHERE revoked_at IS NULL`,
    );
    const row = rows[0];
    return { active: Number(row?.active ?? 0), hour: Number(row?.hour ?? 0), day: Number(row?.day ?? 0), week: Number(row?.week ?? 0) };
  }

  async listKiosks(): Promise<KioskSummary[]> {
    const rows = await this.db.query<{ id: string; library: string; enrolled_at: Date | string; last_seen_at: Date | string | null; revoked_at: Date | string | null; district: string | null }>(
      'SELECT id, library, enrolled_at, last_seen_at, revoked_at, district FROM kiosks ORDER BY enrolled_at, id',
    );
    return rows.map((r) => ({ id: r.id, library: r.library, enrolledAt: iso(r.enrolled_at)!, lastSeenAt: iso(r.last_seen_at), revokedAt: iso(r.revoked_at), district: r.district }));
  }

  /** Sets or corrects a kiosk's district (a ubigeo the caller has checked), or clears it with
   * null; revoked kiosks too, since their past days stay in the report. False when no such kiosk. */
  async setDistrict(kioskId: string, district: string | null): Promise<boolean> {
    if (!UUID.test(kioskId)) return false;
    const rows = await this.db.query('UPDATE kiosks SET district = $2 WHERE id = $1 RETURNING id', [kioskId, district]);
    return rows.length > 0;
  }

  /** Corrects the library name a kiosk was enrolled with (the library name a librarian typed
   * wrong): from now on it gets that library's notes. When no other active kiosk is left in
   * the library it was in, that library was only this misnamed kiosk, and its local notes move
   * with it; otherwise they stay with the kiosks still there. Null when no such kiosk. */
  async setLibrary(kioskId: string, library: string): Promise<{ previous: string; notesMoved: number } | null> {
    if (!UUID.test(kioskId)) return null;
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<{ library: string }>('SELECT library FROM kiosks WHERE id = $1 FOR UPDATE', [kioskId]);
      if (!rows[0]) return null;
      const previous = rows[0].library;
      await tx.query('UPDATE kiosks SET library = $2 WHERE id = $1', [kioskId, library]);
      const [from, to] = [libraryKey(previous), libraryKey(library)];
      if (from === to) return { previous, notesMoved: 0 };
      const others = await tx.query<{ library: string }>('SELECT library FROM kiosks WHERE id <> $1 AND revoked_at IS NULL', [kioskId]);
      if (others.some((other) => libraryKey(other.library) === from)) return { previous, notesMoved: 0 };
      return { previous, notesMoved: await moveLibraryNotes(tx, from, to) };
    });
  }

  /** Revokes a kiosk: its token is refused from now on. False when no such kiosk. */
  async revokeKiosk(kioskId: string): Promise<boolean> {
    if (!UUID.test(kioskId)) return false;
    const rows = await this.db.query('UPDATE kiosks SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING id', [kioskId]);
    return rows.length > 0;
  }

  async listCodes(): Promise<CodeSummary[]> {
    const rows = await this.db.query<{ code_hash: string; label: string; created_at: Date | string; expires_at: Date | string | null; uses: number; max_uses: number; revoked_at: Date | string | null }>(
      'SELECT code_hash, label, created_at, expires_at, uses, max_uses, revoked_at FROM enrollment_codes ORDER BY created_at, code_hash',
    );
    return rows.map((r) => ({
      id: r.code_hash.slice(0, CODE_ID_LENGTH), label: r.label, createdAt: iso(r.created_at)!, expiresAt: iso(r.expires_at),
      uses: r.uses, maxUses: r.max_uses, revokedAt: iso(r.revoked_at),
    }));
  }

  /** Revokes a code, named by the code itself or by its id from `listCodes`; how many were. */
  async revokeCode(which: { code?: string; id?: string }): Promise<number> {
    const condition = which.code !== undefined ? ['code_hash = $1', codeHash(which.code)] : /^[0-9a-f]{12}$/.test(which.id ?? '') ? ['left(code_hash, 12) = $1', which.id] : null;
    if (!condition) return 0;
    const rows = await this.db.query(`UPDATE enrollment_codes SET revoked_at = coalesce(revoked_at, now()) WHERE ${condition[0]} RETURNING code_hash`, [condition[1]]);
    return rows.length;
  }

  /** Revokes every code with this label (the demo code, when a server starts in production). */
  async revokeCodesLabelled(label: string): Promise<number> {
    return (await this.db.query('UPDATE enrollment_codes SET revoked_at = now() WHERE label = $1 AND revoked_at IS NULL RETURNING code_hash', [label])).length;
  }
}
