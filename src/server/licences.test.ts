// Keeps docs/provenance.md true: what the app ships and what it is built from stays under
// permissive terms, the licence files agree, and no data file arrives without a provenance entry.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string): string => readFileSync(join(root, path), 'utf8');

interface LockEntry {
  version?: string;
  license?: string;
  dev?: boolean;
}
const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, LockEntry> };
const packageName = (path: string): string => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);

/** Licences a production dependency may have: permissive, no copyleft (docs/provenance.md). */
const PERMISSIVE = new Set(['MIT', 'ISC', 'BSD-2-Clause', 'BSD-3-Clause', 'Apache-2.0', 'BlueOak-1.0.0', '0BSD']);

describe('dependency licences', () => {
  it('gives every production dependency a permissive licence', () => {
    const production = Object.entries(lock.packages).filter(([path, entry]) => path !== '' && !entry.dev);
    expect(production.length).toBeGreaterThan(50);
    const offending = production
      .filter(([, entry]) => !entry.license || !PERMISSIVE.has(entry.license))
      .map(([path, entry]) => `${packageName(path)}@${entry.version ?? '?'}: ${entry.license ?? 'no licence'}`);
    expect(offending).toEqual([]);
  });

  it('builds the ubigeo list only from the permissively licensed packages it names, at the locked versions', async () => {
    const { default: ubigeo } = await import('../core/ubigeo-inei.json');
    const named = [...ubigeo.source.matchAll(/([\w@/.-]+)@(\d+\.\d+\.\d+) \(([^)]+)\)/g)].map(([, name, version, license]) => ({
      name: name!,
      version: version!,
      license: license!,
    }));
    expect(named.map((p) => p.name)).toEqual(['ubigeos', 'peruuse']);
    expect(ubigeo.version).toBe(`inei-2025+${named[0]!.name}@${named[0]!.version}`);
    for (const { name, version, license } of named) {
      const locked = lock.packages[`node_modules/${name}`];
      // A bumped package without a rebuild (node scripts/build-ubigeo.mjs) fails here.
      expect({ name, version: locked?.version, license: locked?.license }).toEqual({ name, version, license });
      expect(PERMISSIVE.has(license)).toBe(true);
    }
    const script = read('scripts/build-ubigeo.mjs');
    for (const { name, license } of named) expect(script).toContain(`{ name: '${name}', license: '${license}' }`);
    expect(script).not.toMatch(/node_modules\/ubigeo-peru|'ubigeo-peru'/);
  });
});

describe('licence files', () => {
  it('agree with package.json: Apache-2.0 for the software, CC BY 4.0 for content/', () => {
    const pkg = JSON.parse(read('package.json')) as { license?: string };
    expect(pkg.license).toBe('Apache-2.0 AND CC-BY-4.0');
    expect(read('LICENSE')).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004/);
    const content = read('content/LICENSE');
    expect(content).toContain('Creative Commons Attribution 4.0 International');
    expect(content).toContain('Attribution 4.0 International\n\n====');
    expect(read('NOTICE')).toContain('src/core/ubigeo-inei.json');
  });
});

describe('provenance', () => {
  const DATA = /\.(json|ya?ml|png|svg|jpe?g|webp|gif|ico|txt|csv|woff2?|ttf|otf)$/;
  const SKIP = new Set(['node_modules', '__screenshots__']);
  function dataFiles(dir: string): string[] {
    return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return SKIP.has(entry.name) ? [] : dataFiles(path);
      return DATA.test(entry.name) && !/^tsconfig.*\.json$/.test(entry.name) ? [path] : [];
    });
  }

  it('names every bundled data file, or its folder, in docs/provenance.md', () => {
    const doc = read('docs/provenance.md');
    const files = ['src', 'public', 'locales', 'content'].flatMap(dataFiles);
    expect(files).toContain('src/core/ubigeo-inei.json');
    expect(files.length).toBeGreaterThan(80);
    // The file itself, or a folder at least two levels deep (`content/guides/`, `locales/qu/`):
    // naming a whole top-level folder (`src/`) covers nothing.
    const covered = (file: string): boolean => {
      if (doc.includes(`\`${file}\``)) return true;
      const parts = file.split('/');
      return parts.slice(2).some((_, i) => doc.includes(`\`${parts.slice(0, i + 2).join('/')}/\``));
    };
    expect(files.filter((file) => !covered(file))).toEqual([]);
  });
});
