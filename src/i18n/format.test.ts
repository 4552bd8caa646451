import { describe, expect, it } from 'vitest';
import { formatDate, formatSoles, formatTime, relativeDay } from './format';

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

describe('relative days', () => {
  const now = new Date(2026, 10, 24, 0, 30);
  it('knows today, yesterday (across midnight) and earlier', () => {
    expect(relativeDay(new Date(2026, 10, 24, 0, 1), now)).toBe('today');
    expect(relativeDay(new Date(2026, 10, 23, 23, 59), now)).toBe('yesterday');
    expect(relativeDay(new Date(2026, 10, 20, 12), now)).toBe('earlier');
  });
});
