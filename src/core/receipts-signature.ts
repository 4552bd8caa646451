// The signature of a receipts file (see ReceiptsFile in protocol.ts): HMAC-SHA256 over the
// canonical JSON of everything but the signature, keyed by hex(SHA-256(kiosk token)).
import { canonicalJson } from './canonical-json';
import type { ReceiptsFile } from './protocol';

const hex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

export async function tokenHash(token: string): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token)));
}

async function hmac(keyHex: string, file: Omit<ReceiptsFile, 'signature'>): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(keyHex), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return hex(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(canonicalJson(file))));
}

export async function signReceipts(file: Omit<ReceiptsFile, 'signature'>, kioskTokenHash: string): Promise<ReceiptsFile> {
  return { ...file, signature: await hmac(kioskTokenHash, file) };
}

export async function receiptsSignatureValid(file: ReceiptsFile, kioskToken: string): Promise<boolean> {
  const { signature, ...rest } = file;
  const expected = await hmac(await tokenHash(kioskToken), rest);
  return expected.length === signature.length && [...expected].every((c, i) => c === signature[i]);
}
