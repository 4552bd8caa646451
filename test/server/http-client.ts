// Plain HTTP for the caching and reverse-proxy tests: raw bytes as they came over the wire (no
// decompression, so "the same page" means the same bytes), any request header, and a chosen
// source address on the loopback (127.0.0.2, 127.0.0.3 …) so one machine can play several
// patrons in front of a proxy. Also a stand-in for the built PWA and an enrolled kiosk.
import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

export interface RawAnswer {
  status: number;
  headers: Record<string, string | undefined>;
  /** As it came over the wire, compressed or not. */
  body: Buffer;
  /** The body decompressed, as a browser reads it. */
  text(): string;
  json<T = Record<string, unknown>>(): T;
}

export interface RawRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** The client's address: any 127.x.y.z reaches a server listening on 127.0.0.1. */
  from?: string;
}

/** What Chromium sends: the kiosks' copies in a shared cache are the ones for this header. */
export const BROWSER_ENCODINGS = 'gzip, deflate, br, zstd';

export function raw(url: string, options: RawRequest = {}): Promise<RawAnswer> {
  const payload = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body));
  const headers = { ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}), ...options.headers };
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'GET', headers, localAddress: options.from, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        const flat: Record<string, string | undefined> = {};
        for (const [name, value] of Object.entries(res.headers)) flat[name] = Array.isArray(value) ? value.join(', ') : value;
        const text = () => decode(body, flat['content-encoding']).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: flat, body, text, json: <T>() => JSON.parse(text()) as T });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

function decode(body: Buffer, encoding: string | undefined): Buffer {
  if (encoding === 'br') return brotliDecompressSync(body);
  if (encoding === 'gzip') return gunzipSync(body);
  if (encoding === 'deflate') return inflateSync(body);
  return body;
}

/** A stand-in for `npm run build`'s dist/: what the server's static routes and a proxy's
 * /assets cache are tested with, without a Vite build in a unit test. */
export const HASHED_ASSET = '/assets/index-3f9a1c7e.js';

export function fakeDist(dir: string): string {
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), `<!doctype html><title>Chaski</title><script type="module" src="${HASHED_ASSET}"></script>\n`);
  writeFileSync(join(dir, 'sw.js'), 'self.addEventListener("install", () => self.skipWaiting());\n');
  writeFileSync(join(dir, 'manifest.webmanifest'), JSON.stringify({ name: 'Chaski', start_url: '/' }));
  writeFileSync(join(dir, HASHED_ASSET), `export const app = ${JSON.stringify('x'.repeat(4000))};\n`);
  return dir;
}

/** A library note in the shape a kiosk pushes (core/local-notes.ts). */
export function libraryNote(text: string) {
  const expires = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
  return { id: crypto.randomUUID(), guideId: 'dni-duplicado', text: { es: text, qu: text }, expires, revision: 1, deleted: false, updatedAt: new Date().toISOString() };
}
