// Starts the one server every spec shares (test/start-server.ts, the same start as unit tests
// and the bench): the built kiosk from dist/, its own embedded database and a fresh copy of
// content/ that specs may edit and publish. Returns the teardown Playwright runs at the end.
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROOT, startServer } from '../test/start-server';
import { E2E_ADMIN_TOKEN, E2E_CONTENT_DIR, E2E_DIR, E2E_ENROLL_CODE, E2E_PORT } from './playwright.config';

export default async function globalSetup(): Promise<() => Promise<void>> {
  rmSync(E2E_DIR, { recursive: true, force: true });
  mkdirSync(E2E_DIR, { recursive: true });
  cpSync(resolve(ROOT, process.env.E2E_CONTENT_FROM ?? 'content'), E2E_CONTENT_DIR, { recursive: true });
  const server = await startServer({
    port: E2E_PORT,
    dataDir: join(E2E_DIR, 'data'),
    contentDir: E2E_CONTENT_DIR,
    logFile: join(E2E_DIR, 'server.log'),
    env: {
      ADMIN_TOKEN: E2E_ADMIN_TOKEN,
      DEMO_ENROLL_CODE: E2E_ENROLL_CODE,
      // Every spec enrols its kiosks with the demo code, from one address.
      DEMO_ENROLL_USES: '500',
      ENROLL_PER_MINUTE: '600',
    },
  });
  return async () => {
    await server.stop();
  };
}
