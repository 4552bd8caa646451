// `npm run content:import [dir]`: validates and publishes the content folder.
import { resolve } from 'node:path';
import { API_PATHS } from '../core/protocol';
import { CatalogStore, type PublishSummary } from './catalog-store';
import { adminPost, fail, operate } from './cli-support';
import { readConfig } from './config';
import { type ContentIssue, ContentError, describeSummary, importContent } from './content-import';

const dir = resolve(process.argv[2] ?? readConfig().contentDir);

operate<PublishSummary>({
  async viaServer(server) {
    const { status, body } = await adminPost<{ summary?: PublishSummary; error?: { message: string; details?: ContentIssue[] } }>(
      server,
      API_PATHS.adminContentImport,
      { dir },
    );
    if (status === 200 && body.summary) return body.summary;
    if (body.error?.details) throw new ContentError(body.error.details);
    throw new Error(`the server at ${server.url} refused the import: ${body.error?.message ?? status}`);
  },
  direct: (db) => importContent(new CatalogStore(db), dir),
})
  .then((summary) => {
    console.log(describeSummary(summary));
    for (const key of [...summary.added, ...summary.updated]) console.log(`  published ${key}`);
    for (const key of summary.removed) console.log(`  removed ${key}`);
  })
  .catch(fail);
