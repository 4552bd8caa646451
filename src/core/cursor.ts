// Change-feed cursors: base64url of "<epoch>.<seq>". The epoch ties a cursor to one database, so
// a cursor from another one is recognised and answered with a full reset. Kiosks store and send
// them back as they are; the one thing a kiosk reads in them is the order of two cursors of the
// same database, to refuse a content pack older than the catalogue it holds.
import { base64urlToText, textToBase64url } from './encoding';

export interface Cursor {
  epoch: string;
  seq: number;
}

export function encodeCursor(cursor: Cursor): string {
  return textToBase64url(`${cursor.epoch}.${cursor.seq}`);
}

/** Returns null for anything that is not a cursor a Chaski server could have written. */
export function decodeCursor(text: string): Cursor | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(text)) return null;
  let decoded: string;
  try {
    decoded = base64urlToText(text);
  } catch {
    return null;
  }
  const match = /^([0-9a-f]{32})\.(0|[1-9][0-9]{0,15})$/.exec(decoded);
  if (!match) return null;
  const seq = Number(match[2]);
  return Number.isSafeInteger(seq) ? { epoch: match[1]!, seq } : null;
}
