// Cursors are opaque to kiosks: base64url of "<epoch>.<seq>". The epoch ties a cursor to one
// database, so a cursor from another one is recognised and answered with a full reset.
export interface Cursor {
  epoch: string;
  seq: number;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.epoch}.${cursor.seq}`, 'utf8').toString('base64url');
}

/** Returns null for anything that is not a cursor this server could have written. */
export function decodeCursor(text: string): Cursor | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(text)) return null;
  const match = /^([0-9a-f]{32})\.(0|[1-9][0-9]{0,15})$/.exec(Buffer.from(text, 'base64url').toString('utf8'));
  if (!match) return null;
  const seq = Number(match[2]);
  return Number.isSafeInteger(seq) ? { epoch: match[1]!, seq } : null;
}
