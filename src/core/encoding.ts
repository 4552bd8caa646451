// Bytes as text, the one place: base64url without padding (RFC 4648 §5) for keys, signatures,
// seals and cursors, and lowercase hex for hashes and salts. The same code in the browser, the
// service worker and Node.
export function bytesToBase64url(bytes: ArrayBuffer | Uint8Array): string {
  let binary = '';
  for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Throws on text that is not base64url. */
export function base64urlToBytes(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
  return Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
}

export function textToBase64url(text: string): string {
  return bytesToBase64url(new TextEncoder().encode(text));
}

export function base64urlToText(text: string): string {
  return new TextDecoder().decode(base64urlToBytes(text));
}

export function bytesToHex(bytes: ArrayBuffer | Uint8Array): string {
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The SHA-256 of bytes or of a text's UTF-8, lowercase hex: how recordings, their texts and
 * packed files are named and checked. */
export async function sha256Hex(data: BufferSource | string): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  return bytesToHex(await crypto.subtle.digest('SHA-256', bytes));
}

/** Throws on text that is not an even number of hex digits. */
export function hexToBytes(hex: string): Uint8Array<ArrayBuffer> {
  if (!/^(?:[0-9a-f]{2})*$/i.test(hex)) throw new Error('not hex');
  return new Uint8Array((hex.match(/../g) ?? []).map((h) => parseInt(h, 16)));
}
