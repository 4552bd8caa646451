// A signed content pack: the whole catalogue in one file, for a library that gets its updates
// on a USB stick. The manifest lists every record with its SHA-256 and the cursor the kiosk
// continues from once it is back online; the server signs the manifest (ECDSA P-256, SHA-256)
// with a key the kiosk already trusts from an earlier online sync. The kiosk checks signature,
// hashes and completeness before swapping anything.
import { canonicalJson } from './canonical-json';
import type { RecordKind } from './records';
import type { PublicKeyJwk } from './seal';

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

export type PackCheck = { ok: true; pack: ContentPack } | { ok: false; code: 'not_a_pack' | 'bad_signature' | 'hash_mismatch' | 'incomplete' };

const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;

const hex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
const b64 = (bytes: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const unb64 = (text: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

export async function recordHash(record: PackRecord): Promise<string> {
  const { kind, id, version, data } = record;
  return hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonicalJson({ kind, id, version, data }))));
}

export async function generateSigningKey(): Promise<{ publicKey: PublicKeyJwk; privateKey: JsonWebKey }> {
  const pair = (await crypto.subtle.generateKey(ECDSA, true, ['sign', 'verify'])) as CryptoKeyPair;
  const { x, y } = await crypto.subtle.exportKey('jwk', pair.publicKey);
  return { publicKey: { kty: 'EC', crv: 'P-256', x: x!, y: y! }, privateKey: await crypto.subtle.exportKey('jwk', pair.privateKey) };
}

export async function buildPack(records: PackRecord[], cursor: string, privateKey: JsonWebKey, now = new Date()): Promise<ContentPack> {
  const manifest: PackManifest = {
    format: 'chaski-pack',
    version: 1,
    createdAt: now.toISOString(),
    cursor,
    records: await Promise.all(records.map(async (r) => ({ kind: r.kind, id: r.id, version: r.version, sha256: await recordHash(r) }))),
  };
  const key = await crypto.subtle.importKey('jwk', privateKey, ECDSA, false, ['sign']);
  const signature = b64(await crypto.subtle.sign(SIGN, key, new TextEncoder().encode(canonicalJson(manifest))));
  return { manifest, signature, records };
}

/** Checks a parsed pack against the trusted signing key; nothing in it is used unless all holds. */
export async function verifyPack(input: unknown, signingKey: PublicKeyJwk): Promise<PackCheck> {
  const pack = input as Partial<ContentPack> | null;
  const manifest = pack?.manifest;
  if (!pack || !manifest || manifest.format !== 'chaski-pack' || manifest.version !== 1 || !Array.isArray(manifest.records) || !Array.isArray(pack.records) || typeof pack.signature !== 'string') {
    return { ok: false, code: 'not_a_pack' };
  }
  try {
    const key = await crypto.subtle.importKey('jwk', { ...signingKey, ext: true }, ECDSA, false, ['verify']);
    if (!(await crypto.subtle.verify(SIGN, key, unb64(pack.signature), new TextEncoder().encode(canonicalJson(manifest))))) return { ok: false, code: 'bad_signature' };
  } catch {
    return { ok: false, code: 'bad_signature' };
  }
  if (pack.records.length !== manifest.records.length) return { ok: false, code: 'incomplete' };
  const listed = new Map(manifest.records.map((r) => [`${r.kind}/${r.id}/${r.version}`, r.sha256]));
  for (const record of pack.records) {
    const expected = listed.get(`${record.kind}/${record.id}/${record.version}`);
    if (!expected) return { ok: false, code: 'incomplete' };
    if (expected !== (await recordHash(record))) return { ok: false, code: 'hash_mismatch' };
    listed.delete(`${record.kind}/${record.id}/${record.version}`);
  }
  return listed.size === 0 ? { ok: true, pack: pack as ContentPack } : { ok: false, code: 'incomplete' };
}
