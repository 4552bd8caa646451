import { describe, expect, it } from 'vitest';
import { hashPin, isAcceptablePin, lockoutMs, verifyPin } from './pin';

describe('librarian PIN', () => {
  it('is stored as a salted hash that verifies only the same PIN', async () => {
    const stored = await hashPin('4821', 1000);
    expect(JSON.stringify(stored)).not.toContain('4821');
    expect(await verifyPin('4821', stored)).toBe(true);
    expect(await verifyPin('4822', stored)).toBe(false);
    expect((await hashPin('4821', 1000)).hash).not.toBe(stored.hash);
  });
  it('accepts 4 to 8 digits, not all the same', () => {
    expect(['4821', '20261124'].map(isAcceptablePin)).toEqual([true, true]);
    expect(['123', '123456789', '0000', 'abcd', '12 34'].map(isAcceptablePin)).toEqual([false, false, false, false, false]);
  });
  it('locks for a growing time after the free tries, up to an hour', () => {
    expect([0, 1, 2].map(lockoutMs)).toEqual([0, 0, 0]);
    expect([3, 4, 5].map(lockoutMs)).toEqual([30_000, 60_000, 120_000]);
    expect(lockoutMs(40)).toBe(3_600_000);
  });
});
