// Which UI string files exist, from their paths: locales/<code>/common.json is the `translation`
// namespace (the first screen's strings), locales/<code>/screens.json the `screens` namespace
// (i18n.ts). A new language's folder is found without code; files of other names are ignored.
import type { Resource } from 'i18next';

export type Namespace = 'translation' | 'screens';
export type BundleLoader = () => Promise<{ default: Resource[string] }>;

const NAMESPACE_OF_FILE: Record<string, Namespace> = { common: 'translation', screens: 'screens' };

/** Loaders by language code and namespace, from `import.meta.glob`'s path → loader map. */
export function localeLoaders(files: Record<string, BundleLoader>): Record<string, Partial<Record<Namespace, BundleLoader>>> {
  const byLang: Record<string, Partial<Record<Namespace, BundleLoader>>> = {};
  for (const [path, load] of Object.entries(files)) {
    const match = /\/locales\/([a-z]{2,3})\/([\w-]+)\.json$/.exec(path);
    const ns = match && NAMESPACE_OF_FILE[match[2]!];
    if (!match || !ns) continue;
    (byLang[match[1]!] ??= {})[ns] = load;
  }
  return byLang;
}
