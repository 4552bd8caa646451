// `npm run content:import [dir]`: publishes the content folder. Talks to the running server when
// there is one (the embedded database allows one process), else opens the database itself.
import { join, resolve } from 'node:path';
import { CatalogStore, type PublishSummary } from './catalog-store';
import { readConfig } from './config';
import { type ContentIssue, ContentError, describeSummary, importContent } from './content-import';
import { adminToken, claimDataDir, liveOwner } from './data-dir';
import { openDb } from './db';
import { migrate } from './migrations';

async function viaServer(url: string, token: string, dir: string): Promise<PublishSummary> {
  const response = await fetch(`${url}/api/v1/admin/content/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ dir }),
  });
  const body = (await response.json()) as { summary?: PublishSummary; error?: { message: string; details?: ContentIssue[] } };
  if (response.ok && body.summary) return body.summary;
  if (body.error?.details) throw new ContentError(body.error.details);
  throw new Error(`server at ${url} refused the import: ${body.error?.message ?? response.status}`);
}

async function direct(dir: string): Promise<PublishSummary> {
  const config = readConfig();
  const claim = config.databaseUrl ? null : claimDataDir(config.dataDir);
  const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: join(config.dataDir, 'pglite') });
  try {
    await migrate(db);
    return await importContent(new CatalogStore(db), dir);
  } finally {
    await db.close();
    claim?.release();
  }
}

async function run() {
  const config = readConfig();
  const dir = resolve(process.argv[2] ?? config.contentDir);
  const owner = config.databaseUrl ? null : liveOwner(config.dataDir);
  const summary = owner?.url
    ? await viaServer(owner.url, adminToken(config.dataDir, config.adminToken), dir)
    : await direct(dir);
  console.log(describeSummary(summary));
  for (const key of [...summary.added, ...summary.updated]) console.log(`  published ${key}`);
  for (const key of summary.removed) console.log(`  removed ${key}`);
}

run().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
