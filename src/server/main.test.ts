// The server as an operator runs it: `npm run serve` / `npm run content:import` processes, real
// port, PGlite on disk, Ctrl-C, restart.
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleCategory, sampleGuide } from '../../test/records';
import { freePort, tempDir, writeContent } from '../../test/server/support';
import { runScript, type ScriptProcess, startServer } from '../../test/start-server';

const QUIET = { LOG_LEVEL: 'error', STATIC_DIR: '/nonexistent' };
const started: ScriptProcess[] = [];
afterEach(() => {
  for (const { child } of started.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function run(script: string, env: Record<string, string>, args: string[] = []): ScriptProcess {
  const running = runScript(script, { ...QUIET, ...env }, args);
  started.push(running);
  return running;
}

async function serve(env: { DATA_DIR: string; CONTENT_DIR: string; PORT: string; NODE_ENV?: string }) {
  const { DATA_DIR, CONTENT_DIR, PORT, ...rest } = env;
  const server = await startServer({ dataDir: DATA_DIR, contentDir: CONTENT_DIR, port: Number(PORT), env: { ...QUIET, ...rest } });
  started.push(server);
  return server;
}

describe('the server process', () => {
  it('starts, imports through the running server, stops cleanly on Ctrl-C and restarts without duplicating anything', async () => {
    const dataDir = tempDir();
    const opinion = { id: 'opinion', agency: 'Red de bibliotecas', title: { es: 'Opinión', qu: 'Yuyay' }, description: { es: 'Su opinión.', qu: 'Yuyayniyki.' }, fields: [{ id: 'util', type: 'yesno', required: true, label: { es: '¿Útil?', qu: '¿Allinchu?' } }] };
    const contentDir = writeContent(tempDir(), { categories: [sampleCategory('salud')], guides: [sampleGuide('sis', 'salud'), sampleGuide('essalud', 'salud')], forms: [opinion] });
    const port = await freePort();
    const env = { DATA_DIR: dataDir, CONTENT_DIR: contentDir, PORT: String(port), HOST: '127.0.0.1' };
    const health = async () => (await fetch(`http://127.0.0.1:${port}/api/v1/health`)).json();

    const first = await serve(env);
    expect(first.output()).toContain('4 added');
    expect(first.output()).toContain(`http://localhost:${port}`);
    expect(await health()).toMatchObject({ catalogue: { category: 1, guide: 2 } });

    // A second server on the same data folder refuses, rather than corrupting the database.
    const intruder = run('main.ts', { ...env, PORT: String(await freePort()) });
    expect(await intruder.exited).toBe(1);
    expect(intruder.output()).toMatch(/another Chaski process \(pid \d+, http:\/\/localhost:\d+\) is using/);

    // `npm run content:import` while the server runs goes through the server.
    writeContent(contentDir, { guides: [sampleGuide('pension-65', 'salud')] });
    const importer = run('import-cli.ts', env);
    expect(await importer.exited).toBe(0);
    expect(importer.output()).toContain('1 added, 0 updated, 0 removed, 4 unchanged');
    expect(await health()).toMatchObject({ catalogue: { guide: 3 } });

    // The demo code printed at start, and a code made with `npm run kiosk:code`, both enrol a kiosk.
    const demo = /Demo kiosk enrolment code: (\S+)/.exec(first.output())![1]!;
    const coder = run('kiosk-cli.ts', env, ['code', 'Biblioteca de Urcos']);
    expect(await coder.exited).toBe(0);
    const made = /Enrolment code for Biblioteca de Urcos: (\S+)/.exec(coder.output())![1]!;
    let kioskId = '';
    for (const code of [demo, made]) {
      const enrolled = await fetch(`http://127.0.0.1:${port}/api/v1/kiosks/enroll`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code, library: 'Biblioteca de Urcos' }),
      });
      expect(enrolled.status).toBe(201);
      kioskId = ((await enrolled.json()) as { kioskId: string }).kioskId;
    }

    // `npm run kiosk:list` shows it, and `npm run kiosk:revoke` shuts it out, through the server.
    const lister = run('kiosk-cli.ts', env, ['list']);
    expect(await lister.exited).toBe(0);
    expect(lister.output()).toContain(`${kioskId}  Biblioteca de Urcos`);

    // `npm run outbox:import` receives a USB outbox file through the running server, once.
    const outboxFile = join(tempDir(), 'envios.json');
    const submission = { id: '01937a3e-5f7c-7cc1-8f3a-000000000001', formId: 'opinion', formVersion: 1, createdAt: new Date().toISOString(), payload: { answers: { util: true } } };
    writeFileSync(outboxFile, JSON.stringify({ format: 'chaski-outbox', version: 1, kioskId, library: 'Biblioteca de Urcos', exportedAt: new Date().toISOString(), submissions: [submission] }));
    for (const expected of ['1 accepted, 0 already received, 0 rejected', '0 accepted, 1 already received, 0 rejected']) {
      const importer = run('outbox-cli.ts', env, [outboxFile]);
      expect(await importer.exited).toBe(0);
      expect(importer.output()).toContain(expected);
    }
    expect(JSON.parse(readFileSync(outboxFile.replace('.json', '-recibos.json'), 'utf8'))).toMatchObject({ format: 'chaski-receipts', version: 2, kioskId });
    const revoker = run('kiosk-cli.ts', env, ['revoke', kioskId]);
    expect(await revoker.exited).toBe(0);
    expect(revoker.output()).toContain(`Kiosk ${kioskId} revoked`);
    const refused = run('outbox-cli.ts', env, [outboxFile]);
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toContain('was revoked');

    // `npm run pack:export` writes a signed pack of what is published.
    const packFile = join(tempDir(), 'paquete.json');
    const packer = run('pack-cli.ts', env, [packFile]);
    expect(await packer.exited).toBe(0);
    const pack = JSON.parse(readFileSync(packFile, 'utf8')) as { manifest: { records: unknown[] }; signature: string; records: Array<{ id: string }> };
    expect(pack.records.map((r) => r.id).sort()).toEqual(['essalud', 'opinion', 'pension-65', 'salud', 'sis', 'submissions']);
    expect(pack.manifest.records).toHaveLength(6);
    expect(pack.signature.length).toBeGreaterThan(40);

    expect(await first.stop('SIGINT')).toBe(0);
    expect(existsSync(join(dataDir, 'server.json'))).toBe(false);

    const second = await serve(env);
    expect(second.output()).toContain('0 added, 0 updated, 0 removed, 5 unchanged');
    const feed = (await (await fetch(`http://127.0.0.1:${port}/api/v1/changes`)).json()) as { changes: unknown[] };
    expect(feed.changes).toHaveLength(7); // 5 content records and the server's two public keys
    expect(await second.stop('SIGTERM')).toBe(0);

    // With no server running, the import opens the database itself; a bad file publishes nothing.
    writeContent(contentDir, { guides: [{ ...sampleGuide('juntos', 'no-such-category') }] });
    const failing = run('import-cli.ts', env);
    expect(await failing.exited).toBe(1);
    expect(failing.output()).toContain('guides/juntos.yaml → category: no category "no-such-category" exists');
  }, 180_000);

  it('is not mistaken for a server left running on the same port (the test harness refuses to start)', async () => {
    // An interrupted run's server still answering the port: a new start must not take its health
    // check for its own, or a whole suite runs against the stranger (seen in CI's e2e once).
    const contentDir = writeContent(tempDir(), { categories: [sampleCategory('salud')] });
    const port = String(await freePort());
    await serve({ DATA_DIR: tempDir(), CONTENT_DIR: contentDir, PORT: port });
    await expect(startServer({ dataDir: tempDir(), contentDir, port: Number(port), env: QUIET })).rejects.toThrow(`port ${port} is taken by another server`);
  }, 60_000);

  it('starts after a power cut whatever an old server.json says, and keeps the data folder to its owner', async () => {
    const dataDir = tempDir();
    chmodSync(dataDir, 0o777);
    // A pid file from before the reboot, naming a process that is alive now (this test).
    writeFileSync(join(dataDir, 'server.json'), JSON.stringify({ pid: process.pid, url: 'http://localhost:1' }), { mode: 0o666 });
    writeFileSync(join(dataDir, 'admin-token'), 'a-token-left-readable-by-everyone-000000\n', { mode: 0o644 });
    const contentDir = writeContent(tempDir(), { categories: [sampleCategory('salud')] });
    const env = { DATA_DIR: dataDir, CONTENT_DIR: contentDir, PORT: String(await freePort()), HOST: '127.0.0.1' };

    /** Files and folders anyone but the owner can read, write or enter; `folders` only those. */
    const open = (folders = false) => {
      const found: string[] = [];
      const walk = (path: string) => {
        const stat = statSync(path);
        if ((stat.mode & 0o077) !== 0 && (!folders || stat.isDirectory())) found.push(`${path} ${(stat.mode & 0o777).toString(8)}`);
        if (stat.isDirectory()) for (const entry of readdirSync(path)) walk(join(path, entry));
      };
      walk(dataDir);
      return found;
    };

    const first = await serve(env);
    expect(existsSync(join(dataDir, 'server.json'))).toBe(false);
    expect(open()).toEqual([]);
    expect(statSync(join(dataDir, 'signing-key.json')).mode & 0o777).toBe(0o600);

    // A crash (no chance to clean up) leaves nothing that stops the next start.
    await first.stop('SIGKILL');
    const second = await serve({ ...env, NODE_ENV: 'production' });
    // In production there is no demo code.
    expect(second.output()).not.toContain('Demo kiosk enrolment code');
    // Whatever the database created while it ran sits in folders only the owner can enter,
    // and after a clean stop no file is left open to others either.
    expect(open(true)).toEqual([]);
    expect(await second.stop('SIGTERM')).toBe(0);
    expect(open()).toEqual([]);
  }, 120_000);
});
