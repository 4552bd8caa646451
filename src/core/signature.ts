// ECDSA P-256 / SHA-256 signatures over canonical JSON, with the server's signing key: content
// packs and receipts files carried on USB sticks are signed with it, and a kiosk checks them
// with the public half it learnt in an online sync. WebCrypto only: browser, worker and Node.
import { base64urlToBytes, bytesToBase64url } from './encoding';
import { canonicalJson } from './canonical-json';
import type { PublicKeyJwk } from './wire-schema';

const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;

export interface SigningKeyPair {
  publicKey: PublicKeyJwk;
  privateKey: JsonWebKey;
}

export async function generateSigningKey(): Promise<SigningKeyPair> {
  const pair = (await crypto.subtle.generateKey(ECDSA, true, ['sign', 'verify'])) as CryptoKeyPair;
  const { x, y } = await crypto.subtle.exportKey('jwk', pair.publicKey);
  return { publicKey: { kty: 'EC', crv: 'P-256', x: x!, y: y! }, privateKey: await crypto.subtle.exportKey('jwk', pair.privateKey) };
}

/** base64url signature (IEEE P1363) over canonicalJson(value). */
export async function signJson(privateKey: JsonWebKey, value: unknown): Promise<string> {
  const key = await crypto.subtle.importKey('jwk', privateKey, ECDSA, false, ['sign']);
  return bytesToBase64url(await crypto.subtle.sign(SIGN, key, new TextEncoder().encode(canonicalJson(value))));
}

/** False for a wrong signature, another key, or anything malformed; never throws. */
export async function verifyJson(publicKey: PublicKeyJwk, value: unknown, signature: unknown): Promise<boolean> {
  if (typeof signature !== 'string') return false;
  try {
    const key = await crypto.subtle.importKey('jwk', { ...publicKey, ext: true }, ECDSA, false, ['verify']);
    return await crypto.subtle.verify(SIGN, key, base64urlToBytes(signature), new TextEncoder().encode(canonicalJson(value)));
  } catch {
    return false;
  }
}
