// Runs in real Chromium: a live query that stays on screen all day (the idle guard's kiosk
// settings) while the rest of the kiosk writes, thousands of times, to other rows.
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { database } from './db';
import { RENEW_AFTER_WRITES, useLiveQuery } from './live';
import { patronDatabase } from './patron-db';

const host = document.createElement('div');
afterEach(() => render(null, host));

describe('a live query whose rows never change', () => {
  it('is renewed after a bounded number of writes elsewhere, and never stops showing its answer', async () => {
    await patronDatabase().kiosk.put({ key: 'settings', value: { idleMinutes: 4 } });
    let runs = 0;
    const seen: string[] = [];
    const readSettings = async () => {
      runs++;
      return ((await patronDatabase().kiosk.get('settings'))?.value as { idleMinutes: number }).idleMinutes;
    };
    function Settings() {
      const settings = useLiveQuery(readSettings, []);
      seen.push(settings.loaded ? String(settings.value) : 'loading');
      return <p>{settings.value}</p>;
    }
    render(<Settings />, host);
    await expect.poll(() => host.textContent).toBe('4');
    expect(runs).toBe(1);
    // Dexie's liveQuery keeps every write it found irrelevant until its query runs again.
    for (let i = 0; i < 2 * RENEW_AFTER_WRITES + 10; i++) await database().meta.put({ key: `noise-${i}`, value: i });
    await expect.poll(() => runs).toBeGreaterThanOrEqual(3);
    expect(runs).toBeLessThanOrEqual(4);
    expect(host.textContent).toBe('4');
    expect(seen.slice(seen.indexOf('4'))).not.toContain('loading');
    // Renewed, it still follows its own row.
    await patronDatabase().kiosk.put({ key: 'settings', value: { idleMinutes: 7 } });
    await expect.poll(() => host.textContent).toBe('7');
    await database().meta.bulkDelete(Array.from({ length: 2 * RENEW_AFTER_WRITES + 10 }, (_, i) => `noise-${i}`));
  });
});
