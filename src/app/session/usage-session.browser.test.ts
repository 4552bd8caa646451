// Runs in real Chromium: patron sessions as the usage counts see them, written to the real
// IndexedDB through data/usage.ts. The clock, the network and the language are the test's, so
// a 4-minute gap takes no time.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Lang } from '../../core/lang';
import { patronDatabase } from '../../data/patron-db';
import { countUsage, flushUsage, usageDays } from '../../data/usage';
import { initI18n, setLang } from '../../i18n/i18n';
import { endSession } from './end-session';
import { panelUnlocked } from './librarian-lock';
import { startUsageCounting } from './usage-counting';
import { usageSessions, usageSessionTracker } from './usage-session';

// 10:00 in Lima on 2 December 2026.
const T0 = Date.parse('2026-12-02T15:00:00Z');
const MIN = 60_000;

function kiosk(start = T0) {
  const env = { now: start, online: true, lang: 'es' as Lang };
  const tracker = usageSessionTracker({
    now: () => env.now,
    online: () => env.online,
    lang: () => env.lang,
    count: countUsage,
    flush: () => void flushUsage(),
  });
  return { env, tracker, at: (minutes: number) => (env.now = start + minutes * MIN) };
}

async function december() {
  await flushUsage();
  const days = await usageDays('2026-12-01', '2026-12-31');
  return Object.fromEntries(days.map((d) => [d.day, d.counts]));
}

beforeEach(async () => {
  await flushUsage();
  await patronDatabase().usage.clear();
});

describe('a patron session, as counted', () => {
  it('counts a session in which Quechua came on screen as a Quechua one, with its length', async () => {
    const { env, tracker, at } = kiosk();
    tracker.interaction();
    at(1);
    tracker.interaction();
    env.lang = 'qu';
    at(2);
    tracker.presence();
    // Back to Spanish before leaving: Quechua was on screen all the same.
    env.lang = 'es';
    at(4);
    tracker.presence();
    at(6);
    tracker.interaction();
    tracker.end();
    expect((await december())['2026-12-02']).toMatchObject({ sessions: 1, quechuaSessions: 1, offlineSessions: 0, sessionLength: { from5to15: 1 } });
  });

  it('counts a session that began offline, and one in Spanish as neither', async () => {
    const { env, tracker, at } = kiosk();
    env.online = false;
    tracker.interaction();
    // The connection came back meanwhile: the session began offline.
    env.online = true;
    at(0.5);
    tracker.end();
    at(10);
    tracker.interaction();
    tracker.end();
    expect((await december())['2026-12-02']).toMatchObject({ sessions: 2, quechuaSessions: 0, offlineSessions: 1, sessionLength: { under1: 2 } });
  });

  it('splits two patrons separated by more than the idle time, counting the first up to its last activity', async () => {
    const { tracker, at } = kiosk();
    tracker.setIdleMinutes(3);
    tracker.interaction();
    at(2);
    tracker.presence();
    // Three minutes and a half later (the idle time and its countdown went by): a new patron.
    at(5.6);
    tracker.interaction();
    expect((await december())['2026-12-02']).toMatchObject({ sessions: 1, sessionLength: { from1to5: 1 } });
    at(25.6);
    tracker.interaction();
    at(26);
    tracker.end();
    expect((await december())['2026-12-02']).toMatchObject({ sessions: 3, sessionLength: { from1to5: 1, under1: 2 } });
  });

  it('keeps one patron who comes back within the idle time and its countdown', async () => {
    const { tracker, at } = kiosk();
    tracker.setIdleMinutes(3);
    tracker.interaction();
    // "Are you still there?" was on screen; the patron tapped "I'm still here", then read on.
    at(3.4);
    tracker.interaction();
    for (const minute of [6, 9, 12, 15, 18]) {
      at(minute);
      tracker.presence();
    }
    tracker.end();
    expect((await december())['2026-12-02']).toMatchObject({ sessions: 1, sessionLength: { over15: 1 } });
  });

  it('counts a late-ending session on the day its patron was last there', async () => {
    const { tracker, at } = kiosk(Date.parse('2026-12-03T04:50:00Z')); // 23:50 in Lima, the 2nd
    tracker.interaction();
    at(8 * 60); // the next morning
    tracker.interaction();
    const counts = await december();
    expect(counts['2026-12-02']).toMatchObject({ sessions: 1 });
    expect(counts['2026-12-03']).toBeUndefined();
  });

  it('starts no session from a nudged mouse or a scroll, and ends none twice', async () => {
    const { tracker, at } = kiosk();
    tracker.presence();
    tracker.end();
    expect(await december()).toEqual({});
    tracker.interaction();
    at(1);
    tracker.end();
    tracker.end();
    expect((await december())['2026-12-02']).toMatchObject({ sessions: 1 });
  });

  it('does not count the librarian panel as a patron session', async () => {
    const { tracker, at } = kiosk();
    tracker.interaction();
    tracker.panelOpened();
    at(4);
    tracker.end();
    expect(await december()).toEqual({});
  });
});

describe('searches that found nothing, in a session', () => {
  it('counts each text once per session, as its words, and never a text holding a DNI', async () => {
    const { tracker, at } = kiosk();
    tracker.interaction();
    tracker.unmetSearch('Pasaporte  PARA niños');
    tracker.unmetSearch('pasaporte para niños');
    tracker.unmetSearch('mi DNI 45678912');
    tracker.unmetSearch('celular 987 654 321');
    tracker.end();
    at(30);
    tracker.interaction();
    tracker.unmetSearch('pasaporte para niños');
    tracker.end();
    const stored = JSON.stringify(await patronDatabase().usage.toArray());
    expect((await december())['2026-12-02']!.unmetSearches).toEqual({ 'pasaporte para niños': 2 });
    expect(stored).not.toMatch(/\d{4}/);
    expect(stored).not.toMatch(/DNI|dni|celular/);
  });
});

describe('the page feeding the tracker', () => {
  let stop: (() => void) | undefined;
  afterEach(() => {
    stop?.();
    stop = undefined;
    panelUnlocked.set(false);
  });

  it('starts a session at a tap, and counts it when the page is closed', async () => {
    const { tracker } = kiosk(Date.now());
    stop = startUsageCounting(tracker, window);
    window.dispatchEvent(new PointerEvent('pointermove'));
    window.dispatchEvent(new Event('pagehide'));
    expect(await december()).toEqual({});
    document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    window.dispatchEvent(new Event('pagehide'));
    const days = await usageDays('2000-01-01', '2999-12-31');
    expect(days.map((d) => d.counts.sessions)).toEqual([1]);
  });

  it('ends the librarian\'s session, uncounted, when the panel locks', async () => {
    const { tracker } = kiosk(Date.now());
    stop = startUsageCounting(tracker, window);
    document.body.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true }));
    panelUnlocked.set(true);
    panelUnlocked.set(false);
    // The next patron's session is theirs, and counted.
    document.body.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true }));
    window.dispatchEvent(new Event('pagehide'));
    const days = await usageDays('2000-01-01', '2999-12-31');
    expect(days.map((d) => d.counts.sessions)).toEqual([1]);
  });
});

describe('ending a session ("Salir" or the idle countdown)', () => {
  it('counts the session once, in the language the patron had on screen, and keeps the counts', async () => {
    await initI18n();
    await setLang('qu');
    usageSessions.interaction();
    usageSessions.unmetSearch('carnet de artesano');
    await endSession();
    await endSession();
    const days = await usageDays('2000-01-01', '2999-12-31');
    expect(days).toHaveLength(1);
    expect(days[0]!.counts).toMatchObject({ sessions: 1, quechuaSessions: 1, unmetSearches: { 'carnet de artesano': 1 } });
  });
});
