// Compressed change-feed pages, kept by ETag. A page is fully determined by its ETag (epoch, head,
// since, limit), so after a publish every kiosk asking for the same page gets the bytes the first
// one cost: serialising and compressing a full page takes 24-35 ms of CPU (bench/server.ts).
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

export type Encoding = 'br' | 'gzip' | 'identity';

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
const compressors: Record<Exclude<Encoding, 'identity'>, (body: Buffer) => Promise<Buffer>> = {
  // Brotli's default quality (11) costs far more CPU than the few bytes it saves here.
  br: (body) => brotliAsync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }),
  gzip: (body) => gzipAsync(body),
};

/** The encoding to answer with, from an Accept-Encoding header: brotli, then gzip, else none. */
export function pickEncoding(header: string | undefined): Encoding {
  const accepted = new Set(
    (header ?? '')
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([, q]) => !q || !/^\s*q=0(\.0*)?\s*$/.test(q))
      .map(([name]) => name!.toLowerCase()),
  );
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip') || accepted.has('*')) return 'gzip';
  return 'identity';
}

export class PageCache {
  private readonly pages = new Map<string, Promise<Buffer>>();

  constructor(private readonly maxPages = 64) {}

  /** The page's body in `encoding`, built (and compressed) by `build` only on the first ask. */
  body(etag: string, encoding: Encoding, build: () => Promise<string>): Promise<Buffer> {
    const key = `${etag} ${encoding}`;
    let body = this.pages.get(key);
    if (body) {
      // Most recently used last: Map keeps insertion order, so the first key is the oldest.
      this.pages.delete(key);
    } else {
      body = build().then((json) => (encoding === 'identity' ? Buffer.from(json) : compressors[encoding](Buffer.from(json))));
      // A failed build is not kept: the next ask tries again.
      body.catch(() => this.pages.delete(key));
    }
    this.pages.set(key, body);
    while (this.pages.size > this.maxPages) this.pages.delete(this.pages.keys().next().value!);
    return body;
  }
}
