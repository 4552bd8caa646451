// `npm run outbox:import -- <outbox file> [receipts file]`: receives submissions carried from a
// kiosk on a USB stick, exactly once, and writes the receipts file to carry back.
import { readFileSync, writeFileSync } from 'node:fs';
import { API_PATHS } from '../core/protocol';
import type { ReceiptsFile } from '../core/usb-files';
import { adminPost, fail, operate } from './cli-support';
import { KioskStore } from './kiosk-store';
import { NotesStore } from './notes-store';
import { CatalogStore } from './catalog-store';
import { RecordingStore } from './recording-store';
import { describeReceipts, importOutboxFile } from './outbox-import';
import { SubmissionKey } from './submission-key';
import { SubmissionStore } from './submission-store';
import { loadUbigeo } from './ubigeo-data';
import { UsageStore } from './usage-store';

const [input, output] = process.argv.slice(2);
if (!input) fail('usage: npm run outbox:import -- <outbox file> [receipts file]');
let file: unknown;
try {
  file = JSON.parse(readFileSync(input, 'utf8'));
} catch (error) {
  fail(`cannot read ${input}: ${error instanceof Error ? error.message : error}`);
}

operate<ReceiptsFile>({
  async viaServer(server) {
    const { status, body } = await adminPost<ReceiptsFile & { error?: { message: string } }>(server, API_PATHS.adminOutboxImport, file);
    if (status === 200) return body;
    throw new Error(`the server at ${server.url} refused the file: ${body.error?.message ?? status}`);
  },
  direct: (db, { signingKey }) => importOutboxFile({ kiosks: new KioskStore(db), submissions: new SubmissionStore(db, loadUbigeo(), new SubmissionKey(db)), usage: new UsageStore(db), notes: new NotesStore(db), recordings: new RecordingStore(db, new CatalogStore(db)), signingKey }, file),
})
  .then((receipts) => {
    const target = output ?? input.replace(/(\.json)?$/, '-recibos.json');
    writeFileSync(target, JSON.stringify(receipts, null, 1));
    console.log(`${describeReceipts(receipts)}. Receipts for the kiosk: ${target}`);
  })
  .catch(fail);
