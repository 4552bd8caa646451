// Runs in real Chromium: the kiosk's usage counters in IndexedDB, batched, by Peru's day, kept
// through a session's end, sent exactly as far as the server acknowledged.
import { beforeEach, describe, expect, it } from 'vitest';
import { patronDatabase } from './patron-db';
import { forgetPatronSession } from './session';
import { countUsage, flushUsage, markUsageSent, usageDays, usageToSend } from './usage';

// 23:30 UTC is 18:30 in Lima, still 2 December there; 05:30 UTC on the 3rd is half past
// midnight in Lima, the 3rd.
const evening = new Date('2026-12-02T23:30:00Z');
const later = new Date('2026-12-03T05:30:00Z');
const nextMorning = new Date('2026-12-03T14:00:00Z');

beforeEach(async () => {
  await flushUsage();
  await patronDatabase().usage.clear();
});

describe('usage counters on the kiosk', () => {
  it('writes a burst of counted events together, once, on the day it is in Peru', async () => {
    for (let i = 0; i < 10; i++) countUsage({ kind: 'guide', id: 'dni-duplicado' }, evening);
    countUsage({ kind: 'category', id: 'identidad' }, later);
    countUsage({ kind: 'form', id: 'afiliacion-sis' }, nextMorning);
    expect(await patronDatabase().usage.count()).toBe(0);
    await flushUsage();
    const rows = await patronDatabase().usage.toArray();
    expect(rows.map((r) => [r.day, r.revision])).toEqual([
      ['2026-12-02', 1],
      ['2026-12-03', 1],
    ]);
    expect(rows[0]!.counts.guidesOpened).toEqual({ 'dni-duplicado': 10 });
    expect(rows[1]!.counts).toMatchObject({ categoriesOpened: { identidad: 1 }, formsSent: { 'afiliacion-sis': 1 } });
  });

  it('writes on its own a moment later, without being asked', async () => {
    countUsage({ kind: 'printed', id: 'sis' }, evening);
    await expect.poll(async () => (await patronDatabase().usage.get('2026-12-02'))?.counts.guidesPrinted, { timeout: 5000 }).toEqual({ sis: 1 });
  });

  it('keeps every count when a session ends (it holds no patron text)', async () => {
    countUsage({ kind: 'session', minutes: 4, quechua: true, offline: true }, evening);
    countUsage({ kind: 'unmetSearch', text: 'carnet conadis 45678912' }, evening);
    countUsage({ kind: 'unmetSearch', text: 'carnet conadis' }, evening);
    await flushUsage();
    await forgetPatronSession();
    const [day] = await usageDays('2026-12-01', '2026-12-31');
    expect(day!.counts).toMatchObject({ sessions: 1, quechuaSessions: 1, offlineSessions: 1, sessionLength: { from1to5: 1 }, unmetSearches: { 'carnet conadis': 1 } });
    expect(JSON.stringify(await patronDatabase().usage.toArray())).not.toMatch(/4567/);
  });

  it('sends a day again after more use, and stops once the server holds the latest revision', async () => {
    countUsage({ kind: 'guide', id: 'sis' }, evening);
    const first = await usageToSend();
    expect(first).toEqual([expect.objectContaining({ day: '2026-12-02', revision: 1 })]);
    // More use while the push was in flight: the server's answer covers revision 1 only.
    countUsage({ kind: 'guide', id: 'sis' }, evening);
    await flushUsage();
    await markUsageSent([{ day: '2026-12-02', revision: 1, status: 'stored' }], evening);
    const second = await usageToSend();
    expect(second).toEqual([expect.objectContaining({ day: '2026-12-02', revision: 2, counts: expect.objectContaining({ guidesOpened: { sis: 2 } }) })]);
    // A late answer for the old revision changes nothing.
    await markUsageSent([{ day: '2026-12-02', revision: 1, status: 'stale' }], evening);
    expect(await usageToSend()).toHaveLength(1);
    await markUsageSent([{ day: '2026-12-02', revision: 2, status: 'stored' }], evening);
    expect(await usageToSend()).toEqual([]);
  });

  it('forgets sent days older than two months, never unsent ones', async () => {
    countUsage({ kind: 'guide', id: 'sis' }, new Date('2026-08-01T15:00:00Z'));
    countUsage({ kind: 'guide', id: 'juntos' }, new Date('2026-08-02T15:00:00Z'));
    await flushUsage();
    await markUsageSent([{ day: '2026-08-01', revision: 1, status: 'stored' }], evening);
    expect((await patronDatabase().usage.toArray()).map((r) => r.day)).toEqual(['2026-08-02']);
  });
});
