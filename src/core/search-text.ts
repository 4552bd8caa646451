// Text normalisation for search: patrons type without accents, capitals or the exact word
// ending ("pension" finds "Pensión 65", "wasi" finds "wasinchik"). Used to index and to query.
import type { Guide, LocalizedText } from './content-schema';


/** Lowercase, without accents or the apostrophe of ejectives (t'inkiy → tinkiy); ñ is kept. */
export function normalize(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    // NFD splits ñ into n + combining tilde; put it back together before dropping accents.
    .replace(/n\u0303/g, 'ñ')
    .replace(/\p{M}/gu, '')
    .replace(/['’ʼ`´]/g, '');
}

/** Words of at least one letter or digit, normalised, without repeats. */
export function tokenize(text: string): string[] {
  const words = normalize(text).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
  return [...new Set(words)];
}

/** Marks an index entry that comes from a guide's summary or audience rather than its title,
 * keywords or agency. One multi-entry index then answers both "in the title" (ranked first) and
 * "anywhere" with key-only range reads, without a second index to write. Never produced by
 * tokenize, which splits on anything but letters and digits. */
export const BODY_MARK = '~';

/** Words typed shorter than this are a word still being typed: a one-letter prefix matches a word
 * of nearly every guide and would read the whole index (bench/patron.ts). */
export const MIN_SEARCH_WORD = 2;

const both = (text: LocalizedText | undefined) => (text ? `${text.es} ${text.qu ?? ''}` : '');

/** The search index entries of one guide: title words plain, other words marked with BODY_MARK. */
export function guideIndexWords(guide: Guide): string[] {
  const keywords = [...(guide.keywords?.es ?? []), ...(guide.keywords?.qu ?? [])].join(' ');
  const title = tokenize(`${both(guide.title)} ${guide.agency} ${keywords}`);
  const inTitle = new Set(title);
  const body = tokenize(`${both(guide.summary)} ${both(guide.audience)}`).filter((word) => !inTitle.has(word));
  return [...title, ...body.map((word) => BODY_MARK + word)];
}

/** The words of a query worth looking up: normalised, without repeats or one-letter words. */
export function searchTerms(query: string): string[] {
  return tokenize(query).filter((word) => word.length >= MIN_SEARCH_WORD);
}
