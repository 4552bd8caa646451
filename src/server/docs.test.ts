// The docs a maintainer reads must match the code: docs/protocol.md names every error code,
// rejection reason, record kind, sync error and path the code has, and no doc names a source
// file that does not exist (a file moved without its docs).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_ERROR_CODES, API_PATHS, SUBMISSION_REJECT_CODES } from '../core/protocol';
import { RECORD_KINDS } from '../core/records';
import { SYNC_ERROR_CODES } from '../core/sync-errors';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const protocol = read('docs/protocol.md');

describe('docs/protocol.md', () => {
  const named = (list: readonly string[]) => list.filter((code) => !protocol.includes(`\`${code}\``));

  it('names every API error code', () => expect(named(API_ERROR_CODES)).toEqual([]));
  it('names every reason a submission is rejected', () => expect(named(SUBMISSION_REJECT_CODES)).toEqual([]));
  it('names every kind of catalogue record', () => expect(named(RECORD_KINDS)).toEqual([]));
  it('names every sync error the panel can show', () => expect(named(SYNC_ERROR_CODES)).toEqual([]));
  it('names every path of the API', () => {
    const paths = Object.values(API_PATHS).map((path) => path.replace(':id', '<id>'));
    expect(paths.filter((path) => !protocol.includes(path))).toEqual([]);
  });
});

describe('the docs', () => {
  const docs = ['README.md', ...readdirSync(new URL('docs/', root)).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

  it.each(docs)('%s names only source files that exist', (doc) => {
    const cited = [...read(doc).matchAll(/\b((?:src|e2e|bench|scripts|test)\/[\w./-]+\.(?:ts|tsx|mjs|sh|json))\b/g)].map((m) => m[1]!);
    // bench/results/ is what the bench writes, not source.
    expect(cited.filter((path) => !path.startsWith('bench/results/') && !existsSync(new URL(path, root)))).toEqual([]);
  });
});
