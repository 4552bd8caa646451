// Which months the report may show: only months that have ended in Peru (UTC−5), from the first
// one configured; and a month's figures are read from the store as whole days of that month.
import { describe, expect, it } from 'vitest';
import type { UsageReportRow } from '../../core/usage';
import { kioskDays } from '../../../test/server/usage-rows';
import { loadUbigeo } from '../ubigeo-data';
import { addMonths, monthDays } from './months';
import { ReportData } from './report-data';

const places = loadUbigeo();
const data = (now: string, firstMonth?: string, rows: UsageReportRow[] = []) => {
  const asked: string[] = [];
  const report = new ReportData({ source: { rows: async (from, to) => (asked.push(`${from}..${to}`), rows) }, places, firstMonth, now: () => new Date(now) });
  return { report, asked };
};

describe('ReportData', () => {
  it('publishes a month only once it has ended in Peru, not in UTC', () => {
    // 1 April 03:00 UTC is still 31 March 22:00 in Lima.
    expect(data('2025-04-01T03:00:00Z', '2025-01').report.months()).toEqual(['2025-01', '2025-02']);
    expect(data('2025-04-01T05:00:00Z', '2025-01').report.months()).toEqual(['2025-01', '2025-02', '2025-03']);
  });

  it('shows nothing before its first month has ended, and 36 months when no first month is set', () => {
    expect(data('2025-04-10T12:00:00Z', '2025-04').report.months()).toEqual([]);
    const months = data('2025-04-10T12:00:00Z').report.months();
    expect(months).toHaveLength(36);
    expect([months[0], months[35]]).toEqual(['2022-04', '2025-03']);
  });

  it('refuses a first month that is not one', () => {
    expect(() => data('2025-04-10T12:00:00Z', '2025-4')).toThrow(/YYYY-MM/);
  });

  it('asks the store for whole days of the month, and counts none outside it', async () => {
    const rows = [...kioskDays(5, 'a', '2024-02-29', null, { sessions: 1 }), ...kioskDays(5, 'b', '2024-03-01', null, { sessions: 7 })];
    const { report, asked } = data('2024-04-02T12:00:00Z', '2024-01', rows);
    const cells = await report.cells('2024-02');
    expect(asked).toEqual(['2024-02-01..2024-02-29']);
    expect(cells.find((c) => c.area === 'red' && c.indicator === 'sesiones')).toMatchObject({ value: 5, kioskDays: 5 });
  });
});

describe('months', () => {
  it('steps across years and knows the length of each month', () => {
    expect(addMonths('2024-12', 1)).toBe('2025-01');
    expect(addMonths('2025-01', -13)).toBe('2023-12');
    expect(monthDays('2023-02')).toEqual({ from: '2023-02-01', to: '2023-02-28' });
    expect(monthDays('2024-12')).toEqual({ from: '2024-12-01', to: '2024-12-31' });
  });
});

describe('ReportData cache', () => {
  it('reads a recent month again after ttlMs, and a month that can no longer change only daily', async () => {
    const asked: string[] = [];
    const report = new ReportData({ source: { rows: async (from) => (asked.push(from), []) }, places, firstMonth: '2024-01', now: () => new Date('2024-04-10T12:00:00Z'), ttlMs: 0 });
    // March may still receive days a kiosk kept; January ended 70 days ago (more than 62).
    await report.cells('2024-03');
    await report.cells('2024-03');
    await report.cells('2024-01');
    await report.cells('2024-01');
    expect(asked).toEqual(['2024-03-01', '2024-03-01', '2024-01-01']);
  });
});
