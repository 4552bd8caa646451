// The schedule's timing with fake timers: a run that could not get through is tried again
// soon, backing off, even when the browser never says the connection came back.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RETRY_MIN_MS, retryDelay, startSyncSchedule, SYNC_INTERVAL_MS } from './schedule';

const env = () => ({
  window: { addEventListener: vi.fn(), removeEventListener: vi.fn() },
  document: { addEventListener: vi.fn(), removeEventListener: vi.fn(), visibilityState: 'visible' as const },
  navigator: { onLine: true },
});
const failed = { status: 'failed', code: 'offline' };
const done = { status: 'done', pull: {}, push: { status: 'done', sent: 1, rejected: 0 } };

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('the sync schedule', () => {
  it('tries again within seconds after a run that could not reach the server, until one gets through', async () => {
    const outcomes = [failed, failed, done];
    const run = vi.fn(async () => outcomes.shift() ?? done);
    const stop = startSyncSchedule(run, env() as never);
    await vi.advanceTimersByTimeAsync(0);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(RETRY_MIN_MS * 3);
    expect(run.mock.calls.length).toBeGreaterThanOrEqual(2);
    await vi.advanceTimersByTimeAsync(60_000);
    // Once through, it waits for the next round: no more retries before it.
    expect(run).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(SYNC_INTERVAL_MS);
    expect(run).toHaveBeenCalledTimes(4);
    stop();
  });

  it('comes back when the push backoff ends, when submissions wait behind it', () => {
    const now = Date.parse('2026-12-02T10:00:00Z');
    const waiting = { status: 'done', pull: {}, push: { status: 'backing_off', until: '2026-12-02T10:00:42Z' } };
    expect(retryDelay(waiting, 0, now)).toBe(42_000);
    expect(retryDelay(done, 0, now)).toBeUndefined();
    expect(retryDelay({ status: 'busy' }, 0, now)).toBeUndefined();
    expect(retryDelay(failed, 3, now)).toBeGreaterThanOrEqual(RETRY_MIN_MS);
  });
});
