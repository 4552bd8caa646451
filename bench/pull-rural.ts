// A first pull over a rural line (issue 19): a fresh kiosk on 1 Mbit/s with 300 ms round trips,
// its CPU slowed 4× like an old PC, from the first navigation until the whole catalogue is stored
// (the app's own lastPullAt). The kiosk asks for the next page while it stores the one before
// (src/sync/pull.ts), so the line's round trips and bytes overlap the kiosk's own work; the
// reference beside it is the time the feed's bytes alone take on the line.
import type { Browser } from 'playwright';
import { RURAL_DSL, RuralLink } from '../test/rural-link';
import { throttleCpu, waitUpdated } from './support';

export const RURAL_KIOSKS = 3;
export const RURAL_CPU_SLOWDOWN = 4;

/** Seconds from navigation to the catalogue stored, for each fresh kiosk; and what the feed
 * alone takes on the line (its compressed bytes, one round trip a page). */
export async function ruralPull(browser: Browser, serverPort: number, feedBytes: number, pages: number): Promise<{ seconds: number[]; onTheLine: number }> {
  const seconds: number[] = [];
  for (let i = 0; i < RURAL_KIOSKS; i++) {
    const link = new RuralLink(serverPort, RURAL_DSL);
    const port = await link.start();
    const context = await browser.newContext({ serviceWorkers: 'block' });
    try {
      const page = await context.newPage();
      await throttleCpu(context, page, RURAL_CPU_SLOWDOWN);
      const start = performance.now();
      await page.goto(`http://127.0.0.1:${port}`);
      await waitUpdated(page, 600_000);
      seconds.push((performance.now() - start) / 1000);
    } finally {
      await context.close();
      await link.stop();
    }
  }
  return { seconds, onTheLine: (feedBytes * 8) / RURAL_DSL.downBps + (pages * RURAL_DSL.rttMs) / 1000 };
}
