import { describe, expect, it } from 'vitest';
import { receiptCode } from './receipt-code';

describe('receipt code', () => {
  it('is 8 unambiguous characters from the end of the id', () => {
    expect(receiptCode('01937a3e-5f7c-7cc1-8f00-000000000000')).toBe('0000-0000');
    expect(receiptCode('01937a3e-5f7c-7cc1-8f00-ffffffffffff')).toBe('ZZZZ-ZZZZ');
    expect(receiptCode('01937a3e-5f7c-7cc1-8f3a-9b0c44e12d77')).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
  });
  it('differs for ids that differ in their random part', () => {
    expect(receiptCode('01937a3e-5f7c-7cc1-8f3a-9b0c44e12d77')).not.toBe(receiptCode('01937a3e-5f7c-7cc1-8f3a-9b0c44e12d78'));
  });
});
