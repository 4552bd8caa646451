// The built app's text files compressed once, at build time, at the highest settings (brotli 11,
// gzip 9), next to each file (`x.js.br`, `x.js.gz`); @fastify/static sends them as they are
// (`preCompressed` in app.ts). Compressing on every request has to stay cheap (brotli 5, app.ts),
// and a fresh kiosk on a rural link downloads every one of these files: 8 % fewer bytes than
// brotli 5 for the sample build (docs/architecture.md, *Offline-ready on a rural link*).
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const TEXT = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.webmanifest', '.txt', '.xml']);
/** Below this a file goes as it is, as @fastify/compress's threshold would have it. */
const MIN_BYTES = 1024;

export interface PrecompressOutcome {
  files: number;
  bytes: number;
  brotliBytes: number;
  gzipBytes: number;
}

function textFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return textFiles(path);
    return TEXT.has(extname(name)) ? [path] : [];
  });
}

/** Writes `.br` and `.gz` beside `path` if it is worth compressing; a variant that would not be
 * smaller is not written (and an old one removed), so the file itself is sent. Undefined when the
 * file goes as it is. A deploy that changes a file must call this again (npm run build does). */
export function precompressFile(path: string): { bytes: number; brotli: number; gzip: number } | undefined {
  const body = readFileSync(path);
  if (body.length < MIN_BYTES) {
    for (const suffix of ['.br', '.gz']) rmSync(path + suffix, { force: true });
    return undefined;
  }
  const brotli = brotliCompressSync(body, {
    params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: body.length, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT },
  });
  const gzip = gzipSync(body, { level: 9 });
  const sizes = { bytes: body.length, brotli: body.length, gzip: body.length };
  for (const [suffix, variant] of [['.br', brotli], ['.gz', gzip]] as const) {
    if (variant.length >= body.length) {
      rmSync(path + suffix, { force: true });
      continue;
    }
    writeFileSync(path + suffix, variant);
    sizes[suffix === '.br' ? 'brotli' : 'gzip'] = variant.length;
  }
  return sizes;
}

/** precompressFile for every text file of `dir`. */
export function precompressDir(dir: string): PrecompressOutcome {
  const outcome: PrecompressOutcome = { files: 0, bytes: 0, brotliBytes: 0, gzipBytes: 0 };
  for (const path of textFiles(dir)) {
    const sizes = precompressFile(path);
    if (!sizes) continue;
    outcome.files++;
    outcome.bytes += sizes.bytes;
    outcome.brotliBytes += sizes.brotli;
    outcome.gzipBytes += sizes.gzip;
  }
  return outcome;
}
