// The librarian's PIN is kept only as a PBKDF2-SHA256 hash with a random salt (WebCrypto, the
// same in the browser, the service worker and Node), and wrong PINs lock the panel for longer
// and longer.
import { bytesToHex, hexToBytes } from './encoding';

export const PIN_ITERATIONS = 210_000;

export interface PinHash {
  salt: string;
  hash: string;
  iterations: number;
}


export function isAcceptablePin(pin: string): boolean {
  return /^\d{4,8}$/.test(pin) && !/^(\d)\1+$/.test(pin);
}

async function derive(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256);
  return bytesToHex(bits);
}

export async function hashPin(pin: string, iterations = PIN_ITERATIONS): Promise<PinHash> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return { salt: bytesToHex(salt), hash: await derive(pin, salt, iterations), iterations };
}

export async function verifyPin(pin: string, stored: PinHash): Promise<boolean> {
  const candidate = await derive(pin, hexToBytes(stored.salt), stored.iterations);
  // Compare without an early exit, so timing says nothing about how much matched.
  let diff = candidate.length ^ stored.hash.length;
  for (let i = 0; i < candidate.length; i++) diff |= candidate.charCodeAt(i) ^ (stored.hash.charCodeAt(i) || 0);
  return diff === 0;
}

/** How long the panel stays locked after `failures` wrong PINs in a row: free tries first,
 * then 30 s doubling each time, capped at one hour. */
export function lockoutMs(failures: number): number {
  const FREE_TRIES = 3;
  if (failures < FREE_TRIES) return 0;
  return Math.min(60 * 60_000, 30_000 * 2 ** (failures - FREE_TRIES));
}
