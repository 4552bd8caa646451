// Runs in real Chromium: queued submissions are sealed at rest, and rows in the clear (from
// the previous app version, or queued before the key arrived) get sealed, not lost.
import { beforeEach, describe, expect, it } from 'vitest';
import type { ServerKey } from '../core/records';
import { generateServerKey, importServerPrivateKey, openSeal, sealContext } from '../core/seal';
import { applyChangesPage } from './catalog-apply';
import { database } from './db';
import { sealSubmission, waitingSubmissions } from './outbox';
import { queueSubmission } from './outbox-queue';
import { patronDatabase } from './patron-db';
import { sealWithKnownKey } from './sealing';

const submission = (n: number) => ({
  id: `01937a3e-5f7c-7cc1-8f3a-00000000000${n}`,
  formId: 'afiliacion-sis',
  formVersion: 1,
  createdAt: '2026-11-24T10:00:00.000Z',
  payload: { answers: { dni: '10117410', nombres: `Rosa ${n}` } },
});

let server: Awaited<ReturnType<typeof generateServerKey>>;
let record: Extract<ServerKey, { id: 'submissions' }>;

beforeEach(async () => {
  await Promise.all([patronDatabase().outbox.clear(), database().meta.clear()]);
  server = await generateServerKey();
  record = { id: 'submissions', alg: 'ECDH-P256+HKDF-SHA256+A256GCM', publicKey: server.publicKey };
});

describe('sealed outbox', () => {
  it('stores a submission sealed, readable only with the server key', async () => {
    await queueSubmission(await sealSubmission(submission(1), record));
    const row = (await patronDatabase().outbox.toArray())[0]!;
    expect(row.payload).toBeUndefined();
    expect(JSON.stringify(row)).not.toContain('Rosa');
    const [queued] = await waitingSubmissions(10);
    const opened = await openSeal(await importServerPrivateKey(server.privateKey), queued!.sealed!, sealContext(queued!));
    expect(opened).toEqual(submission(1).payload);
  });

  it('seals rows left in the clear once the catalogue brings the key, keeping every one', async () => {
    await queueSubmission(submission(1));
    await queueSubmission(submission(2));
    expect(await sealWithKnownKey()).toBe(0); // no key yet: they wait in the clear
    await applyChangesPage({ changes: [{ kind: 'key', id: 'submissions', version: 1, op: 'put', data: record }], cursor: 'c1', more: false }, undefined);
    expect(await sealWithKnownKey()).toBe(2);
    const rows = await patronDatabase().outbox.toArray();
    expect(rows).toHaveLength(2);
    expect(JSON.stringify(rows)).not.toContain('Rosa');
    const key = await importServerPrivateKey(server.privateKey);
    for (const queued of await waitingSubmissions(10)) {
      expect(await openSeal(key, queued.sealed!, sealContext(queued))).toMatchObject({ answers: { dni: '10117410' } });
    }
  });
});
