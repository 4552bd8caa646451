// Stateless nodes: any number of server processes (src/server/main.ts, as an operator runs it)
// share one PostgreSQL, with the same ADMIN_TOKEN and signing key file, and a kiosk cannot tell
// which one answered. Two real nodes on a real PostgreSQL 15 cluster, started at the same instant
// on an empty database; then publishing, pushing and reading the feed through either of them.
import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPack } from '../core/content-pack';
import { decodeCursor, encodeCursor } from '../core/cursor';
import type { ServerKey } from '../core/records';
import type { PublicKeyJwk } from '../core/seal';
import { sampleForm, sampleGuide } from '../../test/records';
import pg from 'pg';
import type { SubmissionsResponse } from '../core/protocol';
import { admin, enrol, feed, PEDIDO, push, QUIET_ENV, sealedSubmission, sealingKey, sendSubmissions, storedIds, writeSmallContent } from '../../test/server/kiosk-client';
import { raw } from '../../test/server/http-client';
import { type PostgresCluster, startPostgres, tempDir, writeContent } from '../../test/server/support';
import { type RunningServer, startServer } from '../../test/start-server';
import { CatalogStore } from './catalog-store';
import { openPostgres } from './db';
import { MIGRATIONS, migrate } from './migrations';
import { SigningKey } from './signing-key';

let cluster: PostgresCluster;
const started: RunningServer[] = [];
const folders: string[] = [];
const folder = () => {
  const dir = tempDir();
  folders.push(dir);
  return dir;
};

beforeAll(async () => {
  cluster = await startPostgres();
});
afterAll(async () => {
  await Promise.all(started.map((node) => node.stop()));
  cluster?.stop();
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

/** A node on `databaseUrl`; each has its own data folder, as on its own machine. */
async function node(databaseUrl: string, contentDir: string, signingKeyFile: string, env: Record<string, string> = {}): Promise<RunningServer> {
  const server = await startServer({ databaseUrl, contentDir, env: { ...QUIET_ENV, SIGNING_KEY_FILE: signingKeyFile, ...env } });
  started.push(server);
  return server;
}

const emptyDatabase = async () => {
  const { db, url } = await cluster.createDatabase({ migrated: false });
  await db.close();
  return url;
};

/** The feed as a kiosk would apply it, with the sequence number each cursor stands for. */
async function feedWithSeq(url: string) {
  const { changes, cursor } = await feed(url);
  return { changes, seq: decodeCursor(cursor)!.seq };
}

describe('two nodes on one PostgreSQL', () => {
  let a: RunningServer;
  let b: RunningServer;
  let databaseUrl: string;
  let contentDir: string;
  let keyFile: string;

  beforeAll(async () => {
    databaseUrl = await emptyDatabase();
    contentDir = writeSmallContent(folder());
    keyFile = join(folder(), 'signing-key.json');
    [a, b] = await Promise.all([node(databaseUrl, contentDir, keyFile), node(databaseUrl, contentDir, keyFile)]);
  }, 60_000);

  it('both come up on an empty database, migrating it and importing the content once', async () => {
    const outputs = [a.output(), b.output()];
    // Each migration is applied by one node or the other (they take turns, one at a time).
    const applied = outputs.flatMap((out) => /database: applied migrations (.*)/.exec(out)?.[1]?.split(', ').map(Number) ?? []);
    expect(applied.sort((x, y) => x - y)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(outputs.filter((out) => out.includes('catalogue: 4 added, 0 updated, 0 removed, 0 unchanged'))).toHaveLength(1);
    expect(outputs.filter((out) => out.includes('catalogue: 0 added, 0 updated, 0 removed, 4 unchanged'))).toHaveLength(1);

    const db = await openPostgres(databaseUrl);
    try {
      const rows = await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((row) => row.version)).toEqual(MIGRATIONS.map((m) => m.version));
    } finally {
      await db.close();
    }

    // The same content imported by one node alone publishes the same records, versions and
    // sequence numbers: nothing was published twice, no number was spent twice.
    const alone = await node(await emptyDatabase(), contentDir, keyFile);
    const single = await feedWithSeq(alone.url);
    await alone.stop();
    const shared = await feedWithSeq(a.url);
    const submissionsKey = (changes: typeof shared.changes) => changes.find((c) => c.id === 'submissions');
    // Each database makes its own key for sealed submissions; everything else is the same.
    const withoutSealKey = (changes: typeof shared.changes) => changes.map((c) => (c.id === 'submissions' ? { ...c, data: null } : c));
    expect(withoutSealKey(shared.changes)).toEqual(withoutSealKey(single.changes));
    expect(shared.seq).toBe(single.seq);
    expect(shared.changes.every((c) => c.version === 1)).toBe(true);
    expect(submissionsKey(shared.changes)).toEqual(submissionsKey((await feedWithSeq(b.url)).changes));
  });

  it('a publish through either node is in the other node\'s feed at once', async () => {
    const before = (await feed(b.url)).cursor;
    writeContent(contentDir, { guides: [sampleGuide('pension-65', 'salud')] });
    const imported = await admin(a.url, '/api/v1/admin/content/import', {});
    expect(imported.status).toBe(200);
    expect((await feed(b.url, before)).changes).toEqual([expect.objectContaining({ kind: 'guide', id: 'pension-65', version: 1, op: 'put' })]);

    // A kiosk's submission for a form node A has not seen yet is refused there; once node B
    // publishes the form, node A accepts it (no node remembers "no such form").
    const { token } = await enrol(a.url);
    const key = await sealingKey(a.url);
    const early = await sealedSubmission(key, 'Rosa', 'nuevo');
    expect((await push(a.url, token, [early])).results).toEqual([{ id: early.id, status: 'rejected', code: 'unknown_form' }]);
    const afterGuide = (await feed(a.url)).cursor;
    const nuevo = sampleForm(PEDIDO.fields, { id: 'nuevo' });
    writeContent(contentDir, { forms: [nuevo] });
    expect((await admin(b.url, '/api/v1/admin/content/import', {})).status).toBe(200);
    expect((await feed(a.url, afterGuide)).changes).toEqual([expect.objectContaining({ kind: 'form', id: 'nuevo', version: 1, op: 'put' })]);
    expect((await push(a.url, token, [early])).results).toEqual([{ id: early.id, status: 'accepted' }]);

    // Its second version, published through A, is accepted at B straight after.
    const second = await sealedSubmission(key, 'Juan', 'nuevo', 2);
    expect((await push(b.url, token, [second])).results).toEqual([{ id: second.id, status: 'rejected', code: 'unknown_form_version' }]);
    writeContent(contentDir, { forms: [{ ...nuevo, title: { es: 'Nuevo pedido', qu: 'Musuq mañakuy' } }] });
    expect((await admin(a.url, '/api/v1/admin/content/import', {})).status).toBe(200);
    expect((await push(b.url, token, [second])).results).toEqual([{ id: second.id, status: 'accepted' }]);
  });

  it('stores a batch pushed to both nodes at the same instant once, and tells the kiosk it is sent both times', async () => {
    const { token } = await enrol(b.url);
    const key = await sealingKey(b.url);
    const batch = await Promise.all(Array.from({ length: 30 }, (_, i) => sealedSubmission(key, `Persona ${i}`)));
    const [atA, atB] = await Promise.all([push(a.url, token, batch), push(b.url, token, [...batch].reverse())]);
    expect([atA.status, atB.status]).toEqual([200, 200]);
    for (const { id } of batch) {
      const statuses = [atA, atB].map(({ results }) => results.find((r) => r.id === id)?.status).sort();
      expect(statuses).toEqual(['accepted', 'duplicate']);
    }
    const ids = new Set(batch.map((s) => s.id));
    expect((await storedIds(a.url)).filter((id) => ids.has(id))).toHaveLength(batch.length);
  });

  it('answers a push PostgreSQL ended in a deadlock 503 database_busy, and stores it once when sent again', async () => {
    const { token, kioskId } = await enrol(a.url);
    const key = await sealingKey(a.url);
    const batch = await Promise.all([sealedSubmission(key, 'Rosa'), sealedSubmission(key, 'Juan')]);
    const [low, high] = batch.map((s) => s.id).sort();
    // Another session holds the row the push inserts second, then waits for the one the push
    // inserted first: a real deadlock. Its own deadlock_timeout is long, so PostgreSQL ends the
    // push's transaction, not this one.
    const other = new pg.Client({ connectionString: databaseUrl });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query("SET LOCAL deadlock_timeout = '60s'");
      const row = `INSERT INTO submissions (id, kiosk_id, form_id, form_version, created_at, payload, payload_hash) VALUES ($1, $2, $3, 1, now(), '{}', 'x')`;
      await other.query(row, [high, kioskId, PEDIDO.id]);
      const pushed = sendSubmissions(a.url, token, batch);
      await expect.poll(async () => (await other.query("SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND locktype = 'transactionid'")).rows[0].n, { timeout: 10_000 }).toBe(1);
      await other.query(row, [low, kioskId, PEDIDO.id]);
      const response = await pushed;
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('1');
      expect(await response.json()).toMatchObject({ error: { code: 'database_busy' } });
      await other.query('ROLLBACK');
    } finally {
      await other.end();
    }
    const again = await sendSubmissions(a.url, token, batch);
    expect(again.status).toBe(200);
    expect(((await again.json()) as SubmissionsResponse).results.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    expect((await storedIds(a.url)).filter((id) => id === low || id === high)).toHaveLength(2);
  });

  it('gives the same bytes and ETag for the same page, in every encoding, and a 304 for the other node\'s ETag', async () => {
    const firstPage = await raw(`${a.url}/api/v1/changes?limit=3`);
    const cursor = (JSON.parse(firstPage.body.toString()) as { cursor: string }).cursor;
    // The last one is a cursor from another database: both nodes tell the kiosk to start over.
    const elsewhere = encodeCursor({ epoch: '0'.repeat(32), seq: 2 });
    const queries = ['', '?limit=3', `?since=${encodeURIComponent(cursor)}&limit=3`, `?since=${encodeURIComponent(elsewhere)}`];
    for (const query of queries) {
      for (const encoding of ['identity', 'gzip', 'br']) {
        const headers = { 'accept-encoding': encoding };
        const [fromA, fromB] = await Promise.all([raw(`${a.url}/api/v1/changes${query}`, { headers }), raw(`${b.url}/api/v1/changes${query}`, { headers })]);
        const what = `${query || '(first page)'} ${encoding}`;
        expect(fromA.status, what).toBe(fromB.status);
        if (fromA.status !== 200) continue;
        expect(fromA.headers.etag, what).toBe(fromB.headers.etag);
        expect(fromA.headers['content-encoding'], what).toBe(fromB.headers['content-encoding']);
        expect(fromA.body.equals(fromB.body), what).toBe(true);
        // Each node answers the other's ETag with 304 and no body.
        const notModified = await raw(`${b.url}/api/v1/changes${query}`, { headers: { ...headers, 'if-none-match': String(fromA.headers.etag) } });
        expect([notModified.status, notModified.body.length], what).toEqual([304, 0]);
        expect((await raw(`${a.url}/api/v1/changes${query}`, { headers: { ...headers, 'if-none-match': String(fromB.headers.etag) } })).status, what).toBe(304);
      }
    }
  });

  it('signs no pack with a key another node rotated away, until the new key file is copied in', async () => {
    const newKeyFile = join(folder(), 'signing-key.json');
    const rotating = await node(databaseUrl, contentDir, newKeyFile, { ROTATE_SIGNING_KEY: '1' });
    await rotating.stop();
    const refused = await admin(a.url, '/api/v1/admin/pack');
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { code: 'signing_key_replaced', message: expect.stringContaining('copy the new key file here') } });
    copyFileSync(newKeyFile, keyFile);
    const signed = await admin(a.url, '/api/v1/admin/pack');
    expect(signed.status).toBe(200);
    // Signed with the new key, which kiosks learn from the feed.
    const { publicKey } = JSON.parse(readFileSync(newKeyFile, 'utf8')) as { publicKey: PublicKeyJwk };
    expect(await verifyPack(await signed.json(), publicKey)).toMatchObject({ ok: true });
  });

  it('counts rate limits per node: a client throttled by one node is still answered by the other', async () => {
    const guess = (url: string) => fetch(`${url}/api/v1/kiosks/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'NO-SUCH-CODE', library: 'Biblioteca de Urcos' }) });
    // The default is 10 a minute per address (a kiosk enrolled through A above counts too).
    let status = 0;
    for (let i = 0; i < 11 && status !== 429; i++) status = (await guess(a.url)).status;
    expect(status).toBe(429);
    const atB = await guess(b.url);
    expect(atB.status).not.toBe(429);
    expect(await atB.json()).toMatchObject({ error: { code: 'invalid_enrollment_code' } });
  });
});

describe('migrations run by several nodes at once', () => {
  it('apply each migration once, and none of the nodes fails', async () => {
    // In one process the race is near certain: every pool creates the bookkeeping table at once.
    const url = await emptyDatabase();
    const pools = await Promise.all(Array.from({ length: 4 }, () => openPostgres(url)));
    try {
      const applied = await Promise.all(pools.map((db) => migrate(db)));
      expect(applied.flat().sort((x, y) => x - y)).toEqual(MIGRATIONS.map((m) => m.version));
    } finally {
      await Promise.all(pools.map((db) => db.close()));
    }
  });
});

describe('nodes whose signing key files differ', () => {
  it('started at the same instant on an empty database: one starts, the other refuses with the reason', async () => {
    const databaseUrl = await emptyDatabase();
    const contentDir = writeSmallContent(folder());
    const files = [join(folder(), 'signing-key.json'), join(folder(), 'signing-key.json')];
    const outcomes = await Promise.allSettled(files.map((file) => node(databaseUrl, contentDir, file)));
    const up = outcomes.filter((o): o is PromiseFulfilledResult<RunningServer> => o.status === 'fulfilled').map((o) => o.value);
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected').map((o) => String(o.reason));
    expect(up).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatch(/the signing key in .* is not the one this network publishes/);
    // The network publishes the key of the node that runs, in one version: nobody overwrote it.
    const { changes } = await feed(up[0]!.url);
    const signing = changes.filter((c) => c.kind === 'key' && c.id === 'signing');
    expect(signing).toHaveLength(1);
    expect(signing[0]!.version).toBe(1);
    const winner = files[outcomes.findIndex((o) => o.status === 'fulfilled')]!;
    const { publicKey } = JSON.parse(readFileSync(winner, 'utf8')) as { publicKey: unknown };
    expect((signing[0] as { data: Extract<ServerKey, { id: 'signing' }> }).data.publicKey).toEqual(publicKey);
  });

  it('publishing at the same moment, exactly one key is published and the other publisher is refused', async () => {
    // The same race inside one process, where it is certain: both read the catalogue before
    // either writes, unless the check runs under the publish lock.
    const { db } = await cluster.createDatabase();
    try {
      const keys = [new SigningKey(db, join(folder(), 'k.json')), new SigningKey(db, join(folder(), 'k.json'))];
      await Promise.all(keys.map((key) => key.load()));
      const outcomes = await Promise.allSettled(keys.map((key) => key.publish(new CatalogStore(db))));
      expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect(String((outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult).reason)).toMatch(/not the one this network publishes/);
      expect(await db.query(`SELECT version FROM catalog_records WHERE kind = 'key' AND id = 'signing'`)).toEqual([{ version: 1 }]);
    } finally {
      await db.close();
    }
  });
});
