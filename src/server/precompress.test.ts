// The app's files as a fresh kiosk downloads them: compressed once at build time at the highest
// settings and sent as they are, by a real server process, in whichever encoding the browser
// accepts; the bytes it decodes are the file's.
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/server/support';
import { BROWSER_ENCODINGS, fakeDist, HASHED_ASSET, raw } from '../../test/server/http-client';
import { type RunningServer, startServer } from '../../test/start-server';
import { precompressDir } from './precompress';

const dist = fakeDist(tempDir('chaski-precompressed-'));
// A real library's build as the bundle (a run of one letter compresses alike at any setting).
const BUNDLE = '/assets/patron-screens-1a2b3c4d.js';
const bundle = readFileSync(fileURLToPath(import.meta.resolve('preact')), 'utf8');
writeFileSync(join(dist, BUNDLE), bundle);
writeFileSync(join(dist, 'assets', 'tiny-00000000.js'), 'export const a = 1;\n');
const outcome = precompressDir(dist);
let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ env: { STATIC_DIR: dist, LOG_LEVEL: 'error' } });
}, 120_000);
afterAll(async () => {
  await server?.stop();
  rmSync(dist, { recursive: true, force: true });
});

describe('the build\'s compressed files', () => {
  it('are written beside every text file worth it, smaller than what the server compresses on the fly', () => {
    const file = join(dist, BUNDLE);
    // The two assets over a kilobyte; the small page, worker and manifest go as they are.
    expect(outcome.files).toBe(2);
    expect(brotliDecompressSync(readFileSync(`${file}.br`)).toString()).toBe(bundle);
    expect(gunzipSync(readFileSync(`${file}.gz`)).toString()).toBe(bundle);
    const onTheFly = brotliCompressSync(bundle, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }).length;
    expect(statSync(`${file}.br`).size).toBeLessThan(onTheFly);
    // Under a kilobyte a file goes as it is.
    expect(() => statSync(join(dist, 'assets', 'tiny-00000000.js.br'))).toThrow();
  });

  it('are what the server sends, in the encoding the browser accepts, and decode to the file', async () => {
    const file = readFileSync(join(dist, BUNDLE));
    const cases = [
      [BROWSER_ENCODINGS, 'br', (body: Buffer) => brotliDecompressSync(body)],
      ['gzip', 'gzip', (body: Buffer) => gunzipSync(body)],
      ['identity', undefined, (body: Buffer) => body],
    ] as const;
    for (const [accepted, encoding, decode] of cases) {
      const answer = await raw(`${server.url}${BUNDLE}`, { headers: { 'accept-encoding': accepted } });
      expect([answer.status, answer.headers['content-encoding']], accepted).toEqual([200, encoding]);
      if (encoding) expect(answer.body.equals(readFileSync(join(dist, BUNDLE) + (encoding === 'br' ? '.br' : '.gz'))), accepted).toBe(true);
      expect(decode(answer.body).equals(file), accepted).toBe(true);
      expect(answer.headers.vary).toMatch(/accept-encoding/i);
      expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
    // The page itself, at its address and at a deep link, precompressed too.
    for (const path of ['/', '/guide/dni-duplicado']) {
      const page = await raw(`${server.url}${path}`, { headers: { 'accept-encoding': BROWSER_ENCODINGS } });
      expect([page.status, page.headers['cache-control']]).toEqual([200, 'no-cache']);
    }
    expect((await raw(`${server.url}${HASHED_ASSET}`, { headers: { 'accept-encoding': BROWSER_ENCODINGS } })).headers['content-encoding']).toBe('br');
  });
});
