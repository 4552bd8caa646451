// Picking a text in the patron's language, falling back to Spanish (the source) when the
// Quechua one is missing, and saying so, so the screen can tell the patron.
import type { LocalizedText } from './content-schema';
import type { Lang } from './lang';

export interface Picked {
  text: string;
  /** The language the text is actually in. */
  lang: Lang;
  fallback: boolean;
}

export function pickText(text: LocalizedText, lang: Lang): Picked {
  if (lang === 'qu' && text.qu) return { text: text.qu, lang: 'qu', fallback: false };
  return { text: text.es, lang: 'es', fallback: lang !== 'es' };
}
