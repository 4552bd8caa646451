// Sealing a submission for the server: at Send the kiosk encrypts the answers to the server's
// public key, so neither someone at the kiosk nor someone who copies its disk can read what
// waits in the outbox. ECDH P-256 with a fresh key per submission, HKDF-SHA256, AES-256-GCM;
// the submission's id, form and time are bound in as associated data, so a sealed payload
// cannot be moved onto another submission. WebCrypto only: the same code in browser and Node.
import { base64urlToBytes as unb64, bytesToBase64url as b64 } from './encoding';
import type { SealedPayload } from './protocol';
import type { PublicKeyJwk } from './wire-schema';

export type { PublicKeyJwk };

const ALG = { name: 'ECDH', namedCurve: 'P-256' } as const;
const INFO = new TextEncoder().encode('chaski submission v1');

/** What the seal is bound to: changing any of these makes the payload fail to open. */
export function sealContext(s: { id: string; formId: string; formVersion: number; createdAt: string }): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(JSON.stringify([s.id, s.formId, s.formVersion, s.createdAt]));
}

async function aesKey(privateKey: CryptoKey, publicKey: CryptoKey, salt: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  const secret = await crypto.subtle.deriveBits({ name: 'ECDH', public: publicKey }, privateKey, 256);
  const hkdf = await crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt, info: INFO }, hkdf, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

/** Seals one payload with key material agreed beforehand. */
export type PreparedSeal = (payload: unknown, context: Uint8Array<ArrayBuffer>) => Promise<SealedPayload>;

/** The key agreement for one submission (fresh ECDH key, HKDF), done ahead, e.g. while the patron
 * fills the form: at Send only the AES-GCM encryption is left. Usable once: each submission gets
 * its own key and nonce. */
export async function prepareSeal(serverKey: PublicKeyJwk): Promise<PreparedSeal> {
  const server = await crypto.subtle.importKey('jwk', { ...serverKey, ext: true }, ALG, false, []);
  const ephemeral = (await crypto.subtle.generateKey(ALG, true, ['deriveBits'])) as CryptoKeyPair;
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await aesKey(ephemeral.privateKey, server, salt);
  const { x, y } = await crypto.subtle.exportKey('jwk', ephemeral.publicKey);
  let used = false;
  return async (payload, context) => {
    if (used) throw new Error('a prepared seal is used for one submission only');
    used = true;
    const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: context }, key, new TextEncoder().encode(JSON.stringify(payload)));
    return { v: 1, epk: { kty: 'EC', crv: 'P-256', x: x!, y: y! }, salt: b64(salt), iv: b64(iv), ct: b64(ct) };
  };
}

export async function seal(serverKey: PublicKeyJwk, payload: unknown, context: Uint8Array<ArrayBuffer>): Promise<SealedPayload> {
  return (await prepareSeal(serverKey))(payload, context);
}

/** Opens a sealed payload with the server's private key; throws if the key, the context or
 * any byte is wrong. */
export async function openSeal(serverPrivateKey: CryptoKey, sealed: SealedPayload, context: Uint8Array<ArrayBuffer>): Promise<unknown> {
  const sender = await crypto.subtle.importKey('jwk', { ...sealed.epk, ext: true }, ALG, false, []);
  const key = await aesKey(serverPrivateKey, sender, unb64(sealed.salt));
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: unb64(sealed.iv), additionalData: context }, key, unb64(sealed.ct));
  return JSON.parse(new TextDecoder().decode(plain));
}

export async function generateServerKey(): Promise<{ publicKey: PublicKeyJwk; privateKey: JsonWebKey }> {
  const pair = (await crypto.subtle.generateKey(ALG, true, ['deriveBits'])) as CryptoKeyPair;
  const { x, y } = await crypto.subtle.exportKey('jwk', pair.publicKey);
  return { publicKey: { kty: 'EC', crv: 'P-256', x: x!, y: y! }, privateKey: await crypto.subtle.exportKey('jwk', pair.privateKey) };
}

export function importServerPrivateKey(jwk: JsonWebKey): Promise<CryptoKey> {
  return crypto.subtle.importKey('jwk', jwk, ALG, false, ['deriveBits']);
}
