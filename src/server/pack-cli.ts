// `npm run pack:export -- <file>`: writes the signed content pack for libraries that get their
// catalogue on a USB stick.
import { writeFileSync } from 'node:fs';
import type { ContentPack } from '../core/content-pack';
import { API_PATHS } from '../core/protocol';
import { CatalogStore } from './catalog-store';
import { fail, operate } from './cli-support';
import { exportPack } from './pack-export';

const [output] = process.argv.slice(2);
if (!output) fail('usage: npm run pack:export -- <file>');

operate<ContentPack>({
  async viaServer(server) {
    const response = await fetch(`${server.url}${API_PATHS.adminPack}`, { headers: { authorization: `Bearer ${server.token}` } });
    if (!response.ok) throw new Error(`the server at ${server.url} refused: ${response.status}`);
    return (await response.json()) as ContentPack;
  },
  direct: (db, { signingKey }) => exportPack(db, new CatalogStore(db), signingKey),
})
  .then((pack) => {
    writeFileSync(output!, JSON.stringify(pack));
    console.log(`Content pack with ${pack.records.length} records written to ${output}`);
  })
  .catch(fail);
