import { describe, expect, it } from 'vitest';
import { guardedWrite, isQuotaError, StorageFullError, storageFull } from './storage-health';

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('running out of space', () => {
  it('recognises QuotaExceededError, also wrapped as the inner error of an abort', () => {
    expect(isQuotaError(quota())).toBe(true);
    expect(isQuotaError({ name: 'AbortError', inner: quota() })).toBe(true);
    expect(isQuotaError(new DOMException('x', 'AbortError'))).toBe(false);
    expect(isQuotaError(undefined)).toBe(false);
  });

  it('turns it into StorageFullError and a full state that the next good write clears', async () => {
    await expect(guardedWrite(() => Promise.reject({ name: 'AbortError', inner: quota() }))).rejects.toBeInstanceOf(StorageFullError);
    expect(storageFull.get()).toBe(true);
    await expect(guardedWrite(() => Promise.reject(new Error('other')))).rejects.toThrow('other');
    expect(storageFull.get()).toBe(true);
    expect(await guardedWrite(async () => 'stored')).toBe('stored');
    expect(storageFull.get()).toBe(false);
  });
});
