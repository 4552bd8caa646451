// Temporary folders for tests and benchmarks; each caller removes what it makes.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function tempDir(prefix = 'chaski-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
