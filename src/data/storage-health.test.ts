import { describe, expect, it } from 'vitest';
import { guardedWrite, isQuotaError, isStorageFull, StorageFullError } from './storage-health';

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
    expect(isStorageFull()).toBe(true);
    await expect(guardedWrite(() => Promise.reject(new Error('other')))).rejects.toThrow('other');
    expect(isStorageFull()).toBe(true);
    expect(await guardedWrite(async () => 'stored')).toBe('stored');
    expect(isStorageFull()).toBe(false);
  });
});
