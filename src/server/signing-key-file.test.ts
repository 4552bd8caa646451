// Two nodes that share one key file and start at once (src/server/nodes.pg.test.ts) must end up
// with one key, and neither may read the file half written: the file is made whole elsewhere and
// linked in place. Real processes, racing on a real file.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/temp';

const dir = tempDir('chaski-key-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MAKE_KEY = `
import { generateSigningKey } from './src/core/signature.ts';
import { createKeyFile } from './src/server/signing-key.ts';
const [startAt, file] = process.argv.slice(-2);
const pair = await generateSigningKey();
// All at the same instant (each process spins until then), as nodes started together would.
while (Date.now() < Number(startAt));
const kept = createKeyFile(file, pair);
console.log(JSON.stringify({ x: kept.publicKey.x, mine: kept === pair }));
`;

function makeKey(file: string, startAt: number): Promise<{ x: string; mine: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', MAKE_KEY, String(startAt), file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as { x: string; mine: boolean }) : reject(new Error(`exit ${code}: ${err}`))));
  });
}

describe('the signing key file', () => {
  it('is made by one of eight servers starting at once, and read whole by the seven others', async () => {
    const file = join(dir, 'keys', 'signing-key.json');
    const startAt = Date.now() + 5000;
    const made = await Promise.all(Array.from({ length: 8 }, () => makeKey(file, startAt)));
    expect(made.filter((m) => m.mine)).toHaveLength(1);
    expect(new Set(made.map((m) => m.x)).size).toBe(1);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { publicKey: { x: string } };
    expect(stored.publicKey.x).toBe(made[0]!.x);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // Nothing left beside it.
    expect(readdirSync(join(dir, 'keys'))).toEqual(['signing-key.json']);
  }, 60_000);
});
