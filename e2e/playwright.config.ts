// End-to-end tests in Debian's Chromium against the real Chaski server (`npm run serve`, what
// `npm start` runs after building), with its own embedded database and a copy of content/.
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
  reporter: process.env.CI ? [['list']] : [['list']],
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
  webServer: {
    command: `rm -rf ${E2E_DIR} && mkdir -p ${E2E_DIR} && cp -r ${process.env.E2E_CONTENT_FROM ?? 'content'} ${E2E_CONTENT_DIR} && npm run serve`,
    cwd: '..',
    url: `http://localhost:${E2E_PORT}/api/v1/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      PORT: String(E2E_PORT),
      DATA_DIR: join(E2E_DIR, 'data'),
      CONTENT_DIR: E2E_CONTENT_DIR,
      ADMIN_TOKEN: E2E_ADMIN_TOKEN,
      DEMO_ENROLL_CODE: E2E_ENROLL_CODE,
      // Every spec enrols its kiosks with the demo code, from one address.
      DEMO_ENROLL_USES: '500',
      ENROLL_PER_MINUTE: '600',
      HOST: '127.0.0.1',
    },
    stdout: 'pipe',
  },
});
