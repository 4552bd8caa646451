// The QR code of a web address, as rows of dark (true) and light modules, quiet zone included.
// Its own chunk (loaded by OutsideAddress when a guide shows an address), so the encoder stays
// out of the first load; the service worker precaches it, so it works offline.
import { encode } from 'uqr';

export function qrMatrix(text: string): boolean[][] {
  // Medium error correction: a printed code still scans with a fold or a smudge.
  return encode(text, { ecc: 'M', border: 2 }).data;
}
