// ETags for answers built from a body (the public report, a library's notes): a hash of the
// body, so an unchanged answer is a 304 with nothing to download, on a rural link.
import { createHash } from 'node:crypto';

/** A strong ETag for `body`. */
export function bodyEtag(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** Whether an If-None-Match header names `etag`: one tag, a list, a weak copy (W/"…"), or `*`. */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag || tag.trim() === '*');
}
