// Standard base64 with padding (RFC 4648 §4), apart from encoding.ts's base64url: only files that
// carry recordings use it (USB outbox files, content packs), so the first screen does not load it.

/** Standard base64 with padding (RFC 4648 §4): how recordings travel in JSON files (a USB outbox
 * file, a content pack), as any tool writes it. */
export function bytesToBase64(bytes: ArrayBuffer | Uint8Array): string {
  const view = new Uint8Array(bytes);
  let binary = '';
  // In slices: String.fromCharCode(...all) would overflow the stack on a few MB.
  for (let at = 0; at < view.length; at += 0x8000) binary += String.fromCharCode(...view.subarray(at, at + 0x8000));
  return btoa(binary);
}

/** Throws on text that is not base64. */
export function base64ToBytes(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) throw new Error('not base64');
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}
