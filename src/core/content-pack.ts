// A signed content pack: the whole catalogue in one file, for a library that gets its updates
// on a USB stick. The manifest lists every record with its SHA-256 and the cursor the kiosk
// continues from once it is back online; the server signs the manifest with the signing key
// (src/core/signature.ts) the kiosk already trusts from an earlier online sync. The kiosk checks
// signature, hashes, completeness and every record's schema before swapping anything: a pack is
// used whole or not at all.
import * as v from 'valibot';
import { canonicalJson } from './canonical-json';
import { sha256Hex } from './encoding';
import { base64ToBytes } from './base64';
import { RECORD_KINDS, validateRecord } from './records';
import { signJson, verifyJson } from './signature';
import type { PublicKeyJwk } from './wire-schema';

const recordRef = { kind: v.picklist(RECORD_KINDS), id: v.string(), version: v.pipe(v.number(), v.safeInteger()) };

export const PackRecordSchema = v.object({ ...recordRef, data: v.unknown() });
export type PackRecord = v.InferOutput<typeof PackRecordSchema>;

export const PackManifestSchema = v.object({
  format: v.literal('chaski-pack'),
  version: v.literal(1),
  createdAt: v.string(),
  cursor: v.string(),
  records: v.array(v.object({ ...recordRef, sha256: v.string() })),
});
export type PackManifest = v.InferOutput<typeof PackManifestSchema>;

export const ContentPackSchema = v.object({
  manifest: PackManifestSchema,
  /** base64url ECDSA P-256 / SHA-256 signature (IEEE P1363) over canonicalJson(manifest). */
  signature: v.string(),
  records: v.array(PackRecordSchema),
  /** The bytes of every `audio` record in the pack, base64, by their SHA-256 (core/audio.ts): a
   * kiosk that only gets packs plays recorded guides too. Not in the manifest: each audio
   * record there carries its bytes' hash, which binds them to the signature. */
  audio: v.optional(v.record(v.string(), v.string())),
});
export type ContentPack = v.InferOutput<typeof ContentPackSchema>;

export type PackRefusal = 'not_a_pack' | 'bad_signature' | 'hash_mismatch' | 'incomplete' | 'invalid_record';
export type PackCheck = { ok: true; pack: ContentPack } | { ok: false; code: PackRefusal; record?: string };

export async function recordHash(record: PackRecord): Promise<string> {
  const { kind, id, version, data } = record;
  return sha256Hex(canonicalJson({ kind, id, version, data }));
}


export async function buildPack(records: PackRecord[], cursor: string, privateKey: JsonWebKey, now = new Date(), audio?: Record<string, string>): Promise<ContentPack> {
  const manifest: PackManifest = {
    format: 'chaski-pack',
    version: 1,
    createdAt: now.toISOString(),
    cursor,
    records: await Promise.all(records.map(async (r) => ({ kind: r.kind, id: r.id, version: r.version, sha256: await recordHash(r) }))),
  };
  return { manifest, signature: await signJson(privateKey, manifest), records, ...(audio ? { audio } : {}) };
}

/** Checks a parsed pack against the trusted signing key; nothing in it is used unless all holds. */
export async function verifyPack(input: unknown, signingKey: PublicKeyJwk): Promise<PackCheck> {
  const parsed = v.safeParse(ContentPackSchema, input);
  if (!parsed.success) return { ok: false, code: 'not_a_pack' };
  const pack = parsed.output;
  // The signature covers the manifest as the server wrote it, keys this version does not know
  // included: checked on what was read, not on what the schema kept.
  if (!(await verifyJson(signingKey, (input as { manifest: unknown }).manifest, pack.signature))) return { ok: false, code: 'bad_signature' };
  const { manifest } = pack;
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
  // Every audio record's bytes are in the pack and hash to what the signed record says: a
  // doctored or missing recording refuses the pack, as a doctored record does.
  const audio = pack.audio ?? {};
  for (const record of pack.records) {
    if (record.kind !== 'audio') continue;
    if (audio[(record.data as { sha256: string }).sha256] === undefined) return { ok: false, code: 'incomplete', record: `audio/${record.id}` };
  }
  for (const [sha256, base64] of Object.entries(audio)) {
    let bytes: Uint8Array<ArrayBuffer>;
    try {
      bytes = base64ToBytes(base64);
    } catch {
      return { ok: false, code: 'hash_mismatch', record: `audio bytes ${sha256}` };
    }
    if ((await sha256Hex(bytes)) !== sha256) return { ok: false, code: 'hash_mismatch', record: `audio bytes ${sha256}` };
  }
  return { ok: true, pack };
}

