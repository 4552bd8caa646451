// A signed content pack: the whole catalogue in one file, for a library that gets its updates
// on a USB stick. The manifest lists every record with its SHA-256 and the cursor the kiosk
// continues from once it is back online; the server signs the manifest with the signing key
// (src/core/signature.ts) the kiosk already trusts from an earlier online sync. The kiosk checks
// signature, hashes, completeness and every record's schema before swapping anything: a pack is
// used whole or not at all.
import { canonicalJson } from './canonical-json';
import { RECORD_KINDS, type RecordKind, validateRecord } from './records';
import type { PublicKeyJwk } from './seal';
import { signJson, verifyJson } from './signature';

export interface PackRecord {
  kind: RecordKind;
  id: string;
  version: number;
  data: unknown;
}

export interface PackManifest {
  format: 'chaski-pack';
  version: 1;
  createdAt: string;
  cursor: string;
  records: Array<{ kind: RecordKind; id: string; version: number; sha256: string }>;
}

export interface ContentPack {
  manifest: PackManifest;
  /** base64url ECDSA P-256 / SHA-256 signature (IEEE P1363) over canonicalJson(manifest). */
  signature: string;
  records: PackRecord[];
}

export type PackRefusal = 'not_a_pack' | 'bad_signature' | 'hash_mismatch' | 'incomplete' | 'invalid_record';
export type PackCheck = { ok: true; pack: ContentPack } | { ok: false; code: PackRefusal; record?: string };

const hex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

export async function recordHash(record: PackRecord): Promise<string> {
  const { kind, id, version, data } = record;
  return hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonicalJson({ kind, id, version, data }))));
}

export async function buildPack(records: PackRecord[], cursor: string, privateKey: JsonWebKey, now = new Date()): Promise<ContentPack> {
  const manifest: PackManifest = {
    format: 'chaski-pack',
    version: 1,
    createdAt: now.toISOString(),
    cursor,
    records: await Promise.all(records.map(async (r) => ({ kind: r.kind, id: r.id, version: r.version, sha256: await recordHash(r) }))),
  };
  return { manifest, signature: await signJson(privateKey, manifest), records };
}

const isRecordRef = (r: unknown): r is { kind: RecordKind; id: string; version: number } => {
  const ref = r as { kind?: unknown; id?: unknown; version?: unknown } | null;
  return typeof ref === 'object' && ref !== null && RECORD_KINDS.includes(ref.kind as RecordKind) && typeof ref.id === 'string' && Number.isSafeInteger(ref.version);
};

/** Checks a parsed pack against the trusted signing key; nothing in it is used unless all holds. */
export async function verifyPack(input: unknown, signingKey: PublicKeyJwk): Promise<PackCheck> {
  const pack = input as Partial<ContentPack> | null;
  const manifest = pack?.manifest;
  if (
    !pack || typeof pack !== 'object' || !manifest || typeof manifest !== 'object' || manifest.format !== 'chaski-pack' || manifest.version !== 1 ||
    typeof manifest.cursor !== 'string' || !Array.isArray(manifest.records) || !Array.isArray(pack.records) || !manifest.records.every(isRecordRef) || !pack.records.every(isRecordRef)
  ) {
    return { ok: false, code: 'not_a_pack' };
  }
  if (!(await verifyJson(signingKey, manifest, pack.signature))) return { ok: false, code: 'bad_signature' };
  if (pack.records.length !== manifest.records.length) return { ok: false, code: 'incomplete' };
  const listed = new Map(manifest.records.map((r) => [`${r.kind}/${r.id}/${r.version}`, r.sha256]));
  for (const record of pack.records) {
    const name = `${record.kind}/${record.id}/${record.version}`;
    const expected = listed.get(name);
    if (!expected) return { ok: false, code: 'incomplete' };
    if (expected !== (await recordHash(record))) return { ok: false, code: 'hash_mismatch' };
    listed.delete(name);
  }
  if (listed.size > 0) return { ok: false, code: 'incomplete' };
  // A genuine pack from a newer server may hold a record this app cannot read. Online, such a
  // record is skipped; but a pack replaces the whole catalogue, so skipping would silently drop
  // it: the pack is refused instead, naming the record.
  for (const record of pack.records) {
    if (!validateRecord(record.kind, record.data).ok) return { ok: false, code: 'invalid_record', record: `${record.kind}/${record.id}` };
  }
  return { ok: true, pack: pack as ContentPack };
}

