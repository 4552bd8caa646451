// End-to-end tests in Debian's Chromium against the real Chaski server (started as `npm run serve`
// does, serving the build from `npm start`), with its own embedded database and a copy of content/.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

export const E2E_PORT = Number(process.env.E2E_PORT ?? 8190);
export const E2E_DIR = join(tmpdir(), `chaski-e2e-${E2E_PORT}`);
export const E2E_CONTENT_DIR = join(E2E_DIR, 'content');
export const E2E_ADMIN_TOKEN = 'e2e-admin-token-0123456789abcdefghij';
export const E2E_ENROLL_CODE = 'E2E-DEMO-CODE';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  // The specs share one server and one catalogue, and some publish edits: one at a time.
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  retries: 0,
  reporter: 'list',
  outputDir: join(tmpdir(), `chaski-e2e-results-${E2E_PORT}`),
  use: {
    baseURL: `http://localhost:${E2E_PORT}`,
    serviceWorkers: 'allow',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
    trace: 'retain-on-failure',
  },
  // The shared server (e2e/global-setup.ts); its output is kept in E2E_DIR/server.log.
  globalSetup: './global-setup.ts',
});
