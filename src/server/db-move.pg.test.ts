// `npm run db:move` as an operator runs it: a library's server on the embedded database, with a
// kiosk that enrolled, downloaded the catalogue and sent what kiosks send; the server stopped;
// everything moved to an empty PostgreSQL 15; a server started there. The kiosk notices
// nothing: its cursor continues (no reset, nothing downloaded twice), its token works, what it
// sends again is a duplicate. The data folder is byte for byte what it was.
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adminSubmissions, fileHashes, someAudio, TestKiosk } from '../../test/server/kiosk-traffic';
import { operatorFixture } from '../../test/server/operator-fixture';
import { ROOT, runScript, startServer } from '../../test/start-server';
import { openPgliteCopy } from './database-copy';
import { openPostgres } from './db';
import { compareSummaries, summarize } from './table-copy';

const QUIET = { LOG_LEVEL: 'error', STATIC_DIR: '/nonexistent', DEMO_ENROLL_CODE: 'MOVE-TEST-CODE' };

const { tempDir, track, emptyDatabase } = operatorFixture();

async function move(dataDir: string, url: string): Promise<{ code: number | null; output: string }> {
  const mover = runScript('db-move-cli.ts', { DATA_DIR: dataDir }, [url]);
  track(mover);
  return { code: await mover.exited, output: mover.output() };
}

describe('npm run db:move', () => {
  it('moves a library off the embedded database; its kiosks keep syncing with no reset, no duplicate', async () => {
    const dataDir = tempDir('chaski-move-');
    const contentDir = join(tempDir('chaski-move-content-'), 'content');
    cpSync(join(ROOT, 'content'), contentDir, { recursive: true });

    // A library's server on PGlite, and a kiosk that did a bit of everything.
    const lite = await startServer({ dataDir, contentDir, env: QUIET });
    track(lite);
    const kiosk = await TestKiosk.enrol(lite.url, 'MOVE-TEST-CODE');
    const { changes: catalogue } = await kiosk.syncCatalogue();
    const sent = [TestKiosk.comment('El costo es otro', catalogue), TestKiosk.comment('Falta un paso', catalogue)];
    expect(await kiosk.submit(sent)).toEqual(['accepted', 'accepted']);
    expect(await kiosk.pushUsage()).toBe('stored');
    expect(await kiosk.pushNote('RENIEC atiende los martes')).toBe('stored');
    const audio = someAudio();
    const recording = await kiosk.record(audio, catalogue);

    // Not while the server holds the folder.
    const busy = await move(dataDir, await emptyDatabase());
    expect(busy.code).toBe(1);
    expect(busy.output).toMatch(/a Chaski server \(pid \d+, http:\/\/localhost:\d+\) is using .*stop the server, run npm run db:move again/);
    expect(await lite.stop()).toBe(0);

    const before = fileHashes(join(dataDir, 'pglite'));
    const target = await emptyDatabase();
    const started = Date.now();
    const moved = await move(dataDir, target);
    const seconds = (Date.now() - started) / 1000;
    expect(moved.code, moved.output).toBe(0);
    console.log(`db:move of a small library (1 kiosk, ${catalogue.length} catalogue records, 300 kB recording): ${seconds.toFixed(1)} s`);
    expect(moved.output).toMatch(/submissions\s+2 rows/);
    expect(moved.output).toMatch(/recordings\s+1 rows/);
    expect(moved.output).toContain(`SIGNING_KEY_FILE`);
    expect(moved.output).toContain(join(dataDir, 'signing-key.json'));
    expect(moved.output).toContain(join(dataDir, 'admin-token'));
    // The data folder is as it was, to the byte.
    expect(fileHashes(join(dataDir, 'pglite'))).toEqual(before);

    // Checked independently of the command: every table, sequence and the epoch alike.
    const pg = await openPostgres(target);
    const copy = await openPgliteCopy(dataDir);
    try {
      const [source, moved] = [await copy.db.transaction((tx) => summarize(tx)), await pg.transaction((tx) => summarize(tx))];
      expect(compareSummaries(source, moved)).toEqual([]);
      expect(source.tables.map((t) => t.name)).toEqual(expect.arrayContaining(['catalog_records', 'form_versions', 'kiosks', 'enrollment_codes', 'submissions', 'usage_days', 'local_notes', 'recordings', 'meta']));
      const [stored] = await pg.query<{ sha: string }>(`SELECT encode(sha256(audio), 'hex') AS sha FROM recordings`);
      expect(stored!.sha).toBe(recording.sha256);
    } finally {
      await copy.dispose();
      await pg.close();
    }

    // The old folder is frozen: a server started on it by mistake refuses, saying where the data went.
    expect(existsSync(join(dataDir, 'moved-to-postgres.json'))).toBe(true);
    const stale = runScript('main.ts', { ...QUIET, DATA_DIR: dataDir, CONTENT_DIR: contentDir, PORT: '0' });
    expect(await stale.exited).toBe(1);
    expect(stale.output()).toMatch(/Not starting: the embedded database in .* was moved to postgres:\/\/.*DATABASE_URL/s);

    // A node on PostgreSQL, set up as the command said: the key file and the admin token kept.
    const adminToken = readFileSync(join(dataDir, 'admin-token'), 'utf8').trim();
    const node = await startServer({
      databaseUrl: target,
      contentDir,
      env: { ...QUIET, SIGNING_KEY_FILE: join(dataDir, 'signing-key.json'), ADMIN_TOKEN: adminToken },
    });
    track(node);
    kiosk.base = node.url;
    const after = await kiosk.syncCatalogue();
    expect(after).toMatchObject({ reset: false, changes: [] });
    expect(await kiosk.submit([sent[0]!])).toEqual(['duplicate']);
    expect(await kiosk.pushUsage()).toBe('stale');
    expect((await kiosk.notes()).texts).toEqual(['RENIEC atiende los martes']);
    expect((await adminSubmissions(node.url, adminToken)).map((s) => s.payload.answers.problema).sort()).toEqual(['El costo es otro', 'Falta un paso']);

    // New changes are numbered after the moved ones: the kiosk gets exactly the new one.
    const guide = join(contentDir, 'guides', 'acta-nacimiento-copia.yaml');
    writeFileSync(guide, readFileSync(guide, 'utf8').replace(/^(\s*es: ")/m, '$1(Editado) '));
    const imported = await fetch(`${node.url}/api/v1/admin/content/import`, { method: 'POST', headers: { authorization: `Bearer ${adminToken}` } });
    expect(imported.status).toBe(200);
    const next = await kiosk.syncCatalogue();
    expect(next.reset).toBe(false);
    expect(next.changes.map((c) => `${c.kind}/${c.id}`)).toEqual(['guide/acta-nacimiento-copia']);
    expect(await node.stop()).toBe(0);

    // Once a database holds data, nothing is moved into it.
    const again = await move(dataDir, target);
    expect(again.code).toBe(1);
    expect(again.output).toMatch(/is not empty: .*submissions \(2 rows\).*Copy only into a new, empty database/s);
  }, 120_000);
});
