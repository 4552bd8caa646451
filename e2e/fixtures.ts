// The test runner every spec uses: Playwright's, plus a guard that fails a test on any Content
// Security Policy violation in any page it opened (the server's policy must never block what
// the app itself does, or the app would be broken for real patrons).
import { type BrowserContext, expect, test as base } from '@playwright/test';

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

export const test = base.extend<{ cspViolations: Violation[] }>({
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
