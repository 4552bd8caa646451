// The test runner every spec uses: Playwright's, plus a guard that fails a test on any Content
// Security Policy violation in any page it opened (the server's policy must never block what
// the app itself does, or the app would be broken for real patrons), and `server`, the
// operators' admin API of the server under test.
import { type BrowserContext, chromium, expect, type Page, test as base } from '@playwright/test';
import config from './playwright.config';
import { ServerAdmin } from './server';

export * from '@playwright/test';

interface Violation {
  directive: string;
  blocked: string;
  page: string;
}

/** Reports this context's CSP violations into `sink`, across every navigation. */
export async function watchCsp(context: BrowserContext, sink: Violation[]): Promise<void> {
  await context.exposeBinding('__chaskiCspViolation', (_source, violation: Violation) => void sink.push(violation));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __chaskiCspViolation(v: unknown): void }).__chaskiCspViolation;
      void report({ directive: event.violatedDirective, blocked: event.blockedURI, page: location.pathname });
    });
  });
}

/** A browser on its own profile folder, as a kiosk that is switched off and on again keeps it;
 * its pages are watched for CSP violations into `sink` like every other context. */
export async function launchProfile(profile: string, baseURL: string, sink: Violation[]): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(profile, { ...config.use?.launchOptions, baseURL, headless: true });
  await watchCsp(context, sink);
  return { context, page: context.pages()[0] ?? (await context.newPage()) };
}

export const test = base.extend<{ cspViolations: Violation[]; server: ServerAdmin }>({
  server: async ({ baseURL }, use) => use(new ServerAdmin(baseURL!)),
  cspViolations: [
    async ({ browser, context }, use) => {
      const violations: Violation[] = [];
      await watchCsp(context, violations);
      // Contexts a spec opens itself (two kiosks, a fresh profile) are watched too.
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (options) => {
        const opened = await newContext(options);
        await watchCsp(opened, violations);
        return opened;
      };
      await use(violations);
      browser.newContext = newContext;
      expect(violations, 'Content Security Policy violations').toEqual([]);
    },
    { auto: true },
  ],
});
