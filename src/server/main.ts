// `npm run serve` (and `npm start`, after building the PWA): opens the database, runs
// migrations, publishes the content folder, and serves the kiosk app and the API.
import { join } from 'node:path';
import { buildApp } from './app';
import { CatalogStore } from './catalog-store';
import { readConfig } from './config';
import { ContentError, describeSummary, importContent } from './content-import';
import { adminToken, claimDataDir, demoEnrollmentCode } from './data-dir';
import { KioskStore } from './kiosk-store';
import { SigningKey } from './signing-key';
import { SubmissionKey } from './submission-key';
import { openDb } from './db';
import { migrate } from './migrations';

async function main() {
  const config = readConfig();
  const claim = config.databaseUrl ? null : claimDataDir(config.dataDir);
  const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: join(config.dataDir, 'pglite') });
  const applied = await migrate(db);
  if (applied.length > 0) console.log(`database: applied migrations ${applied.join(', ')}`);

  try {
    console.log(describeSummary(await importContent(new CatalogStore(db), config.contentDir)));
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    // A bad edit must not take the kiosks' server down: keep serving what was published.
    console.error(error.message);
  }

  // Kiosks seal submissions with this key; its public half travels with the catalogue.
  await new SubmissionKey(db).publish(new CatalogStore(db));
  // Content packs on USB sticks are signed with this one; kiosks learn it while online.
  await new SigningKey(db).publish(new CatalogStore(db));
  const demoCode = await new KioskStore(db).createEnrollmentCode('demo kiosk', { code: demoEnrollmentCode(config.dataDir), maxUses: 50 });

  const app = await buildApp({
    db,
    contentDir: config.contentDir,
    staticDir: config.staticDir,
    adminToken: adminToken(config.dataDir, config.adminToken),
    logger: { level: process.env.LOG_LEVEL ?? 'warn' },
  });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://localhost:${port}`;
  claim?.update({ url });
  console.log(`Demo kiosk enrolment code: ${demoCode}  (create real ones with npm run kiosk:code)`);
  console.log(`Chaski is running at ${url} (database: ${db.kind}${db.kind === 'pglite' ? `, ${config.dataDir}` : ''})`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal}: finishing requests in flight, then closing the database`);
    // Requests finish first, so no transaction is cut off; then the database closes cleanly.
    await app.close();
    await db.close();
    claim?.release();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
