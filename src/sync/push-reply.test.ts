// How the push reads a failed batch: a server that says when to come back (503 with
// Retry-After: its database restarting) is waited for like a 429, with every submission kept
// queued; only a server failing without saying so has the batch split to find a bad item.
import { describe, expect, it } from 'vitest';
import { replyTo } from './push';

describe('a failed push', () => {
  it('stops and waits at least Retry-After on a 503 that gives one, as on a 429', () => {
    expect(replyTo({ kind: 'server_error', status: 503, retryAfterMs: 5_000 })).toEqual({ kind: 'stop', code: 'server_error', retryAfterMs: 5_000 });
    expect(replyTo({ kind: 'rate_limited', retryAfterMs: 30_000 })).toEqual({ kind: 'stop', code: 'rate_limited', retryAfterMs: 30_000 });
  });

  it('splits the batch on a failure that says nothing of when to come back', () => {
    expect(replyTo({ kind: 'server_error', status: 500 })).toEqual({ kind: 'batch_failed', httpStatus: 500 });
    expect(replyTo({ kind: 'server_error', status: 503 })).toEqual({ kind: 'batch_failed', httpStatus: 503 });
  });
});
