// The string lookup behind t() (i18n.ts): what the app used of i18next, in its rules, without its
// 13 KB gzip in the first load. A key is a dotted path into a language's JSON (`home.heading`),
// looked up in the `translation` namespace (locales/<code>/common.json) along the language's
// whole fallback chain, then in `screens`; with a numeric `count`, the plural form of the
// language first (`_zero` for 0, then `key_one`/`key_other` by Intl.PluralRules), then the bare
// key; `{{name}}` is replaced by the option's value ('' when missing; Preact escapes what it
// renders). A key found nowhere is returned as is, as i18next did.
import type { Namespace } from './locale-files';

type Tree = { [key: string]: string | Tree };
type Options = Record<string, unknown>;
const NAMESPACES: Namespace[] = ['translation', 'screens'];

export class Strings {
  private readonly bundles = new Map<string, Tree>();
  private readonly plurals = new Map<string, Intl.PluralRules>();
  private readonly fixed = new Map<string, (key: string, options?: Options) => string>();

  constructor(private readonly chain: (lang: string) => string[]) {}

  has(lang: string, ns: Namespace): boolean {
    return this.bundles.has(`${lang}/${ns}`);
  }

  add(lang: string, ns: Namespace, tree: unknown): void {
    this.bundles.set(`${lang}/${ns}`, tree as Tree);
  }

  /** The string at `key` in one language's namespace, if it is loaded and has one. */
  get(lang: string, ns: Namespace, key: string): string | undefined {
    let node: string | Tree | undefined = this.bundles.get(`${lang}/${ns}`);
    for (const part of key.split('.')) {
      if (typeof node !== 'object' || !Object.hasOwn(node, part)) return undefined;
      node = node[part];
    }
    return typeof node === 'string' ? node : undefined;
  }

  private pluralSuffix(lang: string, count: number): string {
    let rules = this.plurals.get(lang);
    if (!rules) this.plurals.set(lang, (rules = new Intl.PluralRules(lang)));
    return `_${rules.select(count)}`;
  }

  translate(lang: string, key: string, options: Options = {}): string {
    const count = typeof options.count === 'number' ? options.count : undefined;
    let found: string | undefined;
    search: for (const ns of NAMESPACES) {
      for (const code of this.chain(lang)) {
        const keys = count === undefined ? [key] : [...(count === 0 ? [`${key}_zero`] : []), key + this.pluralSuffix(code, count), key];
        for (const candidate of keys) {
          found = this.get(code, ns, candidate);
          if (found !== undefined) break search;
        }
      }
    }
    if (found === undefined) return key;
    return found.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, name: string) => {
      const value = options[name];
      return value === undefined || value === null ? '' : String(value);
    });
  }

  /** t() bound to one language, the same function each time (components compare it). */
  fixedT(lang: string): (key: string, options?: Options) => string {
    let t = this.fixed.get(lang);
    if (!t) this.fixed.set(lang, (t = (key, options) => this.translate(lang, key, options)));
    return t;
  }
}
