// Picking a text in the patron's language, following the language's fallback chain (quz → qu →
// es) when it is missing, and saying so, so the screen can tell the patron.
import type { LocalizedText } from './content-schema';
import { fallbackChain, type Lang } from './lang';

export interface Picked {
  text: string;
  /** The language the text is actually in. */
  lang: Lang;
  /** The text is not in the chosen language. */
  fallback: boolean;
}

/** `chain` defaults to the built-in registry's; tests pass another. */
export function pickText(text: LocalizedText, lang: Lang, chain: readonly Lang[] = fallbackChain(lang)): Picked {
  const texts = text as Record<string, string | undefined>;
  for (const code of chain) {
    const found = texts[code];
    if (found) return { text: found, lang: code, fallback: code !== lang };
  }
  return { text: text.es, lang: 'es', fallback: lang !== 'es' };
}
