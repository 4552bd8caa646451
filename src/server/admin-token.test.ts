// Two servers on one machine sharing a data folder (both on one PostgreSQL, no ADMIN_TOKEN set)
// start at the same moment: they must end up with one admin token, the one in the file, or the
// operator's `npm run content:import` would be refused by one of them.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { tempDir } from '../../test/temp';
import { ROOT } from '../../test/start-server';

const FOLDERS = 40;

/** A process that waits until `at`, then takes the admin token of every folder in turn. */
function tokensOf(folders: string[], at: number): Promise<string[]> {
  const script = `
    import { adminToken } from './src/server/data-dir.ts';
    const folders = ${JSON.stringify(folders)};
    await new Promise((resolve) => setTimeout(resolve, ${at} - Date.now()));
    console.log(JSON.stringify(folders.map((dir) => adminToken(dir))));`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) => child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as string[]) : reject(new Error(`exit ${code}`)))));
}

it('gives two servers starting at once on one data folder the same admin token, the one in the file', async () => {
  const root = tempDir();
  try {
    const folders = Array.from({ length: FOLDERS }, (_, i) => join(root, String(i)));
    for (const dir of folders) mkdirSync(dir);
    // Both processes load first (a few seconds on a busy machine), then start together.
    const at = Date.now() + 5_000;
    const [first, second] = await Promise.all([tokensOf(folders, at), tokensOf(folders, at)]);
    const inFiles = folders.map((dir) => readFileSync(join(dir, 'admin-token'), 'utf8').trim());
    expect(first).toEqual(inFiles);
    expect(second).toEqual(inFiles);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}, 30_000);
