// Content import from YAML files: what gets published, and what a bad file does (nothing).
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { sampleCategory, sampleGuide } from '../../test/records';
import { CatalogStore } from './catalog-store';
import { ContentError, importContent, loadContent } from './content-import';
import { tempDir, tempPglite, writeContent } from '../../test/server/support';

let store: CatalogStore;
let dispose: () => Promise<void>;
beforeAll(async () => {
  const pg = await tempPglite();
  store = new CatalogStore(pg.db);
  dispose = pg.dispose;
});
afterAll(async () => dispose?.());

async function issuesOf(dir: string) {
  try {
    await loadContent(dir);
  } catch (error) {
    if (error instanceof ContentError) return error.issues;
    throw error;
  }
  throw new Error('expected the content to be rejected');
}

describe('content import', () => {
  it('publishes the sample catalogue shipped in content/, and nothing twice', async () => {
    const records = await loadContent('content');
    expect(records.filter((r) => r.kind === 'guide').length).toBeGreaterThanOrEqual(8);
    const { db, dispose: close } = await tempPglite();
    const fresh = new CatalogStore(db);
    const first = await importContent(fresh, 'content');
    expect(first.added.length).toBe(records.length);
    const second = await importContent(fresh, 'content');
    expect(second).toEqual({ added: [], updated: [], removed: [], unchanged: records.length });
    await close();
  });

  it('publishes only what changed, and tombstones removed files', async () => {
    const dir = writeContent(tempDir(), { categories: [sampleCategory('salud')], guides: [sampleGuide('sis', 'salud'), sampleGuide('essalud', 'salud')] });
    expect((await importContent(store, dir)).added).toHaveLength(3);
    // Reordering keys or adding comments changes no content.
    const file = join(dir, 'guides', 'sis.yaml');
    const parsed = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const reordered = Object.fromEntries(Object.entries(parsed).reverse());
    writeFileSync(file, `# comentario\n${stringify(reordered)}`);
    expect((await importContent(store, dir)).unchanged).toBe(3);
    appendFileSync(join(dir, 'guides', 'essalud.yaml'), 'problems: { es: "Llame al 113.", qu: "113 yupayman waqyay." }\n');
    rmSync(file);
    const summary = await importContent(store, dir);
    expect(summary).toMatchObject({ added: [], updated: ['guide/essalud'], removed: ['guide/sis'], unchanged: 1 });
  });

  it('reports a file that is not YAML, with its name', async () => {
    const dir = writeContent(tempDir(), { categories: [sampleCategory('salud')] });
    writeFileSync(join(dir, 'categories', 'rota.yaml'), 'id: rota\nname: { es: "sin cerrar\n');
    const issues = await issuesOf(dir);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: 'categories/rota.yaml', field: '' });
    expect(issues[0]!.reason).toMatch(/not valid YAML/);
  });

  it('reports every invalid field with file, field and reason', async () => {
    const guide = { ...sampleGuide('sis', 'salud'), reviewed: '2026-13-45', source: 'http://inseguro.pe', steps: [] } as never;
    const dir = writeContent(tempDir(), { categories: [{ ...sampleCategory('salud'), icon: 'rocket' } as never], guides: [guide] });
    const issues = await issuesOf(dir);
    const fields = issues.map((i) => `${i.file} ${i.field}`);
    expect(fields).toEqual(expect.arrayContaining(['categories/salud.yaml icon', 'guides/sis.yaml reviewed', 'guides/sis.yaml source', 'guides/sis.yaml steps']));
    expect(issues.find((i) => i.field === 'source')!.reason).toMatch(/https/);
  });

  it('reports a guide in an unknown category and an id that does not match its file', async () => {
    const dir = writeContent(tempDir(), { categories: [sampleCategory('salud')], guides: [sampleGuide('sis', 'no-existe')] });
    writeFileSync(join(dir, 'guides', 'otro-nombre.yaml'), readFileSync(join(dir, 'guides', 'sis.yaml')));
    const issues = await issuesOf(dir);
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'guides/otro-nombre.yaml', field: 'id' }),
        expect.objectContaining({ file: 'guides/sis.yaml', field: 'category' }),
      ]),
    );
  });

  it('publishes nothing from a run with one bad file', async () => {
    const dir = writeContent(tempDir(), { categories: [sampleCategory('salud')], guides: [sampleGuide('sis', 'salud')] });
    await importContent(store, dir);
    const head = await store.head();
    writeContent(dir, { guides: [sampleGuide('nueva', 'salud'), { ...sampleGuide('mala', 'salud'), title: { qu: 'Sin castellano' } } as never] });
    await expect(importContent(store, dir)).rejects.toThrow(/guides\/mala.yaml → title.es/);
    expect(await store.head()).toBe(head);
  });

  it('refuses an empty or missing folder instead of removing the whole catalogue', async () => {
    expect((await issuesOf(tempDir()))[0]!.reason).toMatch(/no categories or guides/);
    expect((await issuesOf('/no/such/folder'))[0]!.reason).toMatch(/does not exist/);
  });
});
