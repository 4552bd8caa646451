// The first-load JavaScript budgets (docs/architecture.md budgets, issue 19), gzip bytes: one
// place for the test that fails the build (e2e/budget.spec.ts) and the bench that reports them
// (bench/first-load.ts), and what counts as the first screen's.
import type { Page } from 'playwright';

/** The first screen: what the page loads before its first render (the `chaski:app-rendered`
 * mark), in at most FIRST_SCREEN_JS_FILES files. */
export const FIRST_SCREEN_JS_BUDGET = 60 * 1024;
export const FIRST_SCREEN_JS_FILES = 2;
/** A fresh kiosk's whole first visit until the catalogue is on screen: the first screen's code,
 * then the sync code that fetches the catalogue (its own chunk, loaded after the first render). */
export const FIRST_VISIT_JS_BUDGET = 64 * 1024;
export const FIRST_VISIT_JS_FILES = 4;

/** The app's first render, a performance mark: what starts before it is the first screen's. */
export const FIRST_RENDER_MARK = 'chaski:app-rendered';

/** The URLs of the resources the page started loading before `before` (the page's performance
 * time; all of them by default). */
export async function resourcesStartedBefore(page: Page, before = Infinity): Promise<Set<string>> {
  return new Set(await page.evaluate((limit) => performance.getEntriesByType('resource').filter((e) => e.startTime < limit).map((e) => e.name), before));
}
