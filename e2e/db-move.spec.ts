// Moving a library's server off the embedded database, seen from a kiosk in Chromium: enrolled
// against a server on PGlite, one comment sent and another waiting offline; the server stopped,
// `npm run db:move` to PostgreSQL, a server started there at the same address. When the kiosk
// is back online its waiting comment arrives once, and its catalogue continues from where it
// was: no reset, no full download, nothing twice. This spec runs its own servers (and its own
// PostgreSQL), not the shared one.
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type PostgresCluster, freePort, startPostgres } from '../test/server/support';
import { ROOT, runScript, type RunningServer, startServer } from '../test/start-server';
import { tempDir } from '../test/temp';
import { expect, test } from './fixtures';
import { Kiosk } from './kiosk';
import { outboxRows } from './kiosk-storage';
import { Librarian } from './librarian';
import { E2E_ADMIN_TOKEN, E2E_ENROLL_CODE } from './playwright.config';
import { ServerAdmin } from './server';

let cluster: PostgresCluster | undefined;
const servers: RunningServer[] = [];
const folders: string[] = [];
test.afterAll(async () => {
  for (const server of servers) await server.stop('SIGKILL');
  cluster?.stop();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** What a kiosk's change-feed request was answered. */
interface FeedAnswer {
  since: string | null;
  changes: number;
  reset: boolean;
}

test('a kiosk keeps syncing after its server moves to PostgreSQL: the waiting comment arrives once, the catalogue does not start over', async ({ browser }) => {
  test.setTimeout(180_000);
  cluster = await startPostgres();
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const dataDir = tempDir('chaski-e2e-move-');
  const contentDir = join(dataDir, 'content');
  folders.push(dataDir);
  cpSync(join(ROOT, 'content'), contentDir, { recursive: true });
  const env = { ADMIN_TOKEN: E2E_ADMIN_TOKEN, DEMO_ENROLL_CODE: E2E_ENROLL_CODE, LOG_LEVEL: 'error' };
  const lite = await startServer({ port, dataDir, contentDir, env });
  servers.push(lite);
  const admin = new ServerAdmin(origin);

  const context = await browser.newContext({ baseURL: origin });
  const page = await context.newPage();
  const kiosk = new Kiosk(page);
  await kiosk.firstVisit();
  await new Librarian(page).enrol('Biblioteca de Urcos');
  await kiosk.sendFeedback({ guide: 'pension-65', useful: true, comment: 'Enviado antes de la mudanza' });
  await expect.poll(async () => (await admin.commentsSaying('Enviado antes de la mudanza')).length).toBe(1);

  await context.setOffline(true);
  await kiosk.sendFeedback({ guide: 'pension-65', useful: false, comment: 'Esperando sin conexión' });
  expect((await outboxRows(page)).map((row) => row.status)).toEqual(['waiting']);

  // The operator's switch: stop, move, start on PostgreSQL at the same address.
  expect(await lite.stop()).toBe(0);
  // Created and migrated: an empty, migrated database is what db:move accepts.
  const { db: created, url: target } = await cluster.createDatabase();
  await created.close();
  const mover = runScript('db-move-cli.ts', { DATA_DIR: dataDir }, [target]);
  expect(await mover.exited, mover.output()).toBe(0);
  const node = await startServer({ port, databaseUrl: target, contentDir, env: { ...env, SIGNING_KEY_FILE: join(dataDir, 'signing-key.json') } });
  servers.push(node);

  // Every change-feed answer from now on, whether the page or the service worker asked.
  const answers: FeedAnswer[] = [];
  context.on('response', async (response) => {
    const url = new URL(response.url());
    if (!url.pathname.endsWith('/api/v1/changes') || response.status() !== 200) return;
    const body = (await response.json()) as { changes: unknown[]; reset?: boolean };
    answers.push({ since: url.searchParams.get('since'), changes: body.changes.length, reset: body.reset === true });
  });

  await context.setOffline(false);
  await expect.poll(async () => (await outboxRows(page)).length, { timeout: 60_000 }).toBe(0);
  await expect.poll(async () => (await admin.commentsSaying('Esperando sin conexión')).length).toBe(1);
  expect(await admin.commentsSaying('Enviado antes de la mudanza')).toHaveLength(1);
  expect(await admin.submissions('comentario-guia')).toHaveLength(2);

  // The kiosk pulls from its old cursor and gets nothing new: not a reset, not the catalogue again.
  await expect.poll(() => answers.length, { timeout: 30_000, message: 'the kiosk asked the moved server for changes' }).toBeGreaterThan(0);
  expect(answers.every((a) => a.since !== null && !a.reset && a.changes === 0), JSON.stringify(answers)).toBe(true);
  await kiosk.openGuide('pension-65');
  await expect(kiosk.heading()).toContainText('Pensión 65');
  await context.close();
});
