import { describe, expect, it } from 'vitest';
import { agoKey } from './ago';
import { formatDate, formatSoles, formatTime } from './format';

describe('formatting in Quechua, from bundled data', () => {
  it('writes dates with the CLDR qu month names', () => {
    expect(formatDate('2026-11-24', 'qu')).toBe('24 Noviembre 2026');
    expect(formatDate('2026-09-01', 'qu')).toBe('1 Setiembre 2026');
  });
  it('writes soles the Peruvian way', () => {
    expect(formatSoles(1234.5, 'qu')).toBe('S/\u00a01,234.50');
    expect(formatSoles(16, 'qu')).toBe('S/\u00a016.00');
  });
  it('writes 24-hour times', () => {
    expect(formatTime(new Date(2026, 10, 24, 9, 5))).toBe('09:05');
  });
});

describe('formatting in Spanish, from the browser’s es-PE data', () => {
  it('writes dates and soles', () => {
    expect(formatDate('2026-11-24', 'es')).toBe('24 de noviembre de 2026');
    expect(formatSoles(1234.5, 'es')).toMatch(/^S\/\s?1,234\.50$/);
  });
  it('writes clock times in 24 hours, as es-PE does', () => {
    const morning = new Date(2026, 10, 24, 9, 5);
    expect(formatTime(morning)).toBe('09:05');
    expect(formatTime(morning)).toBe(new Intl.DateTimeFormat('es-PE', { hour: '2-digit', minute: '2-digit', hour12: false }).format(morning));
    expect(formatTime(new Date(2026, 10, 24, 23, 59))).toBe('23:59');
  });
});

describe('how long ago', () => {
  const now = new Date(2026, 10, 24, 12, 0);
  it('says just now, minutes, hours or days', () => {
    expect(agoKey(new Date(2026, 10, 24, 11, 59, 30), now)).toEqual({ key: 'time.justNow', count: 0 });
    expect(agoKey(new Date(2026, 10, 24, 11, 15), now)).toEqual({ key: 'time.minutes', count: 45 });
    expect(agoKey(new Date(2026, 10, 24, 9, 0), now)).toEqual({ key: 'time.hours', count: 3 });
    expect(agoKey(new Date(2026, 10, 21, 11, 0), now)).toEqual({ key: 'time.days', count: 3 });
    // A clock that went backwards is not "in the future".
    expect(agoKey(new Date(2026, 10, 24, 13, 0), now)).toEqual({ key: 'time.justNow', count: 0 });
  });
});

describe('formatting as the registry says', () => {
  it('writes a Quechua variant as Quechua, and Aymara and unknown codes with es-PE data', () => {
    expect(formatDate('2026-11-24', 'quz')).toBe('24 Noviembre 2026');
    expect(formatDate('2026-11-24', 'ay')).toBe('24 de noviembre de 2026');
    expect(formatDate('2026-11-24', 'zz')).toBe('24 de noviembre de 2026');
    expect(formatSoles(16, 'quy')).toBe('S/\u00a016.00');
  });
});
