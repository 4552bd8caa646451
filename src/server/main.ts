// `npm run serve` (and `npm start`, after building the PWA): claims the data folder, opens the
// database, runs migrations, publishes the content folder and the server's keys, and serves the
// kiosk app and the API.
import { join } from 'node:path';
import { buildApp } from './app';
import { CatalogStore } from './catalog-store';
import { readConfig } from './config';
import { ContentError, describeSummary, importContent } from './content-import';
import { adminToken, claimDataDir, demoEnrollmentCode, secureDataDir } from './data-dir';
import { KioskStore } from './kiosk-store';
import { SigningKey } from './signing-key';
import { SubmissionKey } from './submission-key';
import { openDb } from './db';
import { migrate } from './migrations';
import { movedAway } from './moved-marker';
import { logOptions } from './request-log';

const DEMO_LABEL = 'demo kiosk';

async function main() {
  // Everything this process writes (database files, keys) is for its owner's eyes only.
  process.umask(0o077);
  const config = readConfig();
  secureDataDir(config.dataDir);
  const moved = config.databaseUrl ? null : movedAway(config.dataDir);
  if (moved) throw new Error(`Not starting: ${moved}`);
  const claim = config.databaseUrl ? null : await claimDataDir(config.dataDir);
  // Until the app (and its JSON log) exists, a plain line; after, a log entry like any other.
  let idleError = (error: Error) => console.warn(`PostgreSQL: an idle connection was closed: ${error.message}`);
  const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: join(config.dataDir, 'pglite'), onIdleError: (error) => idleError(error) });
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
  // Content packs and receipts on USB sticks are signed with this one; kiosks learn it online.
  const signingKey = new SigningKey(db, config.signingKeyFile);
  await signingKey.publish(new CatalogStore(db), { rotate: config.rotateSigningKey });
  const demoCode = await demoEnrollment(new KioskStore(db), config.dataDir, config.demoEnrollment);
  // PGlite gives the files it creates mode 666 whatever the umask; what keeps them private is the
  // folders above them (700). Their modes are put right again now and at every stop.
  secureDataDir(config.dataDir);

  if (config.databaseUrl && !config.adminToken) {
    // A token made here exists on this machine only: behind a load balancer the admin API would
    // then accept it on one node and refuse it on the others.
    console.warn(`ADMIN_TOKEN is not set: this server uses its own token from ${join(config.dataDir, 'admin-token')}. Give every server sharing this PostgreSQL the same ADMIN_TOKEN.`);
  }
  const app = await buildApp({
    db,
    contentDir: config.contentDir,
    staticDir: config.staticDir,
    signingKey,
    adminToken: adminToken(config.dataDir, config.adminToken),
    metricsToken: config.metricsToken,
    // info: one JSON line per request (request-log.ts); LOG_LEVEL=warn keeps only trouble.
    logger: logOptions(process.env.LOG_LEVEL || 'info'),
    rateLimits: config.rateLimits,
    trustProxy: config.trustProxy,
    publicUrl: config.publicUrl,
    reportPublisher: config.reportPublisher,
  });
  idleError = (error) => app.log.warn({ err: error }, 'PostgreSQL closed an idle connection');
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://localhost:${port}`;
  claim?.update({ url });
  if (demoCode) console.log(`Demo kiosk enrolment code: ${demoCode}  (for a local demo, valid 7 days; create real ones with npm run kiosk:code)`);
  console.log(`Chaski is running at ${url} (database: ${db.kind}${db.kind === 'pglite' ? `, ${config.dataDir}` : ''})`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'finishing requests in flight, then closing the database');
    // Requests finish first, so no transaction is cut off; then the database closes cleanly.
    await app.close();
    await db.close();
    secureDataDir(config.dataDir);
    await claim?.release();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

/** The demo code, for trying Chaski on one machine: made only outside production, it enrols at
 * most 20 kiosks and expires after 7 days (then the next start makes another). In production
 * no demo code exists, and one left from a demo is revoked. */
async function demoEnrollment(kiosks: KioskStore, dataDir: string, enabled: boolean): Promise<string | undefined> {
  if (!enabled) {
    await kiosks.revokeCodesLabelled(DEMO_LABEL);
    return undefined;
  }
  const fromEnv = process.env.DEMO_ENROLL_CODE || undefined;
  const maxUses = Number(process.env.DEMO_ENROLL_USES) || 20;
  let code = demoEnrollmentCode(dataDir, { fromEnv });
  await kiosks.createEnrollmentCode(DEMO_LABEL, { code, maxUses, validDays: 7 });
  if (!fromEnv && !(await kiosks.codeUsable(code))) {
    code = demoEnrollmentCode(dataDir, { fresh: true });
    await kiosks.createEnrollmentCode(DEMO_LABEL, { code, maxUses, validDays: 7 });
  }
  return code;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
