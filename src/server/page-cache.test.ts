import { describe, expect, it } from 'vitest';
import { PageCache, pickEncoding } from './page-cache';

describe('page cache', () => {
  it('picks brotli, then gzip, and honours q=0', () => {
    expect(pickEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(pickEncoding('br;q=0, gzip')).toBe('gzip');
    expect(pickEncoding('gzip;q=0.0, br;q=0')).toBe('identity');
    expect(pickEncoding('*')).toBe('gzip');
    expect(pickEncoding(undefined)).toBe('identity');
  });

  it('builds a page once per ETag and encoding, and forgets the least recently used', async () => {
    const cache = new PageCache(2);
    let builds = 0;
    const build = async () => `{"n":${++builds}}`;
    expect((await cache.body('"a"', 'identity', build)).toString()).toBe('{"n":1}');
    expect((await cache.body('"a"', 'identity', build)).toString()).toBe('{"n":1}');
    await cache.body('"b"', 'identity', build);
    await cache.body('"a"', 'identity', build); // a is now the most recent
    await cache.body('"c"', 'identity', build); // so b goes
    expect((await cache.body('"a"', 'identity', build)).toString()).toBe('{"n":1}');
    expect((await cache.body('"b"', 'identity', build)).toString()).toBe('{"n":4}');
  });

  it('does not keep a failed build', async () => {
    const cache = new PageCache();
    await expect(cache.body('"x"', 'gzip', () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    expect((await cache.body('"x"', 'identity', async () => 'ok')).toString()).toBe('ok');
    expect((await cache.body('"x"', 'gzip', async () => '{}')).length).toBeGreaterThan(0);
  });
});
