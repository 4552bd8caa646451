// Adding a language is data alone (docs/languages.md): a fourth language, `xx`, written only to a
// temporary copy of the registry, a temporary locales/xx/ and content fields `xx:`, is offered by
// the switch, has its strings found, and passes content:check, with no code changed.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleCategory, sampleGuide } from '../../test/records';
import { tempDir, writeContent } from '../../test/server/support';
import { chainOf, switchLanguages } from '../core/language-registry';
import { localeLoaders } from '../i18n/locale-files';
import { checkContent, readLanguageRegistry } from './content-check';

const APP_REGISTRY = new URL('../../locales/languages.json', import.meta.url);

/** A copy of the app's registry and locales with `xx` added, as a network would add it. */
function withFourthLanguage(content: 'complete' | 'partial'): { registryFile: string; localesDir: string } {
  const localesDir = tempDir('chaski-locales-');
  const registry = JSON.parse(readFileSync(APP_REGISTRY, 'utf8')) as { languages: object[] };
  registry.languages.push({ code: 'xx', name: 'Xxiyu', nameEs: 'xxiyu', nameEn: 'Xxiyu', tag: 'xx', fallback: ['es'], enabled: true, formats: 'es-PE', ui: 'partial', content });
  const registryFile = join(localesDir, 'languages.json');
  writeFileSync(registryFile, JSON.stringify(registry));
  mkdirSync(join(localesDir, 'xx'));
  writeFileSync(join(localesDir, 'xx', 'common.json'), JSON.stringify({ lang: { label: 'Xxu' } }));
  return { registryFile, localesDir };
}

const guide = (id: string) => ({
  ...sampleGuide(id, 'salud'),
  title: { es: 'Guía', qu: 'Pusaq', xx: 'Xxuia' },
  requirements: [{ es: 'Su DNI', qu: 'DNIyki', xx: 'Xxu DNI' }],
  problems: { es: 'Pregunte en la oficina.', qu: 'Kamachikuy wasipi tapukuy.' },
  keywords: { es: ['dni'], xx: ['xxdni'] },
});

describe('a fourth language added as data alone', () => {
  it('is offered by the switch, by its own name, and falls back to Spanish', async () => {
    const registry = await readLanguageRegistry(withFourthLanguage('partial').registryFile);
    expect(switchLanguages(registry).map((l) => l.name)).toEqual(['Español', 'Runasimi', 'Xxiyu']);
    expect(chainOf(registry, 'xx')).toEqual(['xx', 'es']);
  });

  it('has its strings found by folder name, as i18n.ts finds them', () => {
    const { localesDir } = withFourthLanguage('partial');
    const paths = readdirSync(localesDir, { recursive: true, encoding: 'utf8' }).filter((p) => p.endsWith('.json')).map((p) => `../../locales/${p}`);
    const loaders = localeLoaders(Object.fromEntries(paths.map((p) => [p, () => Promise.resolve({ default: {} })])));
    expect(Object.keys(loaders)).toEqual(['xx']);
    expect(Object.keys(loaders.xx!)).toEqual(['translation']);
  });

  it('passes content:check with `xx:` texts where it has them, and is reported where missing once complete', async () => {
    const dir = writeContent(tempDir(), { categories: [sampleCategory('salud')], guides: [guide('sis')] });
    const partial = await readLanguageRegistry(withFourthLanguage('partial').registryFile);
    expect((await checkContent(dir, new Date(), partial)).issues).toEqual([]);

    const complete = await readLanguageRegistry(withFourthLanguage('complete').registryFile);
    const reasons = (await checkContent(dir, new Date(), complete)).issues.map((i) => `${i.field}: ${i.reason}`);
    expect(reasons).toContain('summary: has no Xxiyu (xx) text');
    expect(reasons).not.toContain('title: has no Xxiyu (xx) text');
  });

  it('is refused by content:check while it is not registered (the kiosk schema accepts it)', async () => {
    const dir = writeContent(tempDir(), { categories: [sampleCategory('salud')], guides: [guide('sis')] });
    const reasons = (await checkContent(dir)).issues.map((i) => `${i.field}: ${i.reason}`);
    expect(reasons).toEqual([
      'title: "xx" is not a language of locales/languages.json (a typo, or register it first: docs/languages.md)',
      'requirements.0: "xx" is not a language of locales/languages.json (a typo, or register it first: docs/languages.md)',
    ]);
  });
});
