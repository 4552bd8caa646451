// Text folding for search: patrons type without accents or capitals, spell by ear (pencion,
// reniek, senso, huahua), glue numbers to words (pension65) and type the start of a word. Each
// word is indexed and looked up by its *sound key*: the same key for every spelling a Spanish or
// Quechua reader would give the same sound. Used to index (kiosk, on pull) and to query.
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

/** Words of at least one letter or digit, normalised, without repeats; a number glued to a word
 * is a word of its own (pension65 → pension, 65). */
export function tokenize(text: string): string[] {
  const words = normalize(text)
    .replace(/(\p{L})(\p{N})|(\p{N})(\p{L})/gu, '$1$3 $2$4')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
  return [...new Set(words)];
}

/**
 * A normalised word's sound key. Spanish spellings of one sound fold together: c/s/z before e/i,
 * c/k/qu/q, b/v, ll/y, a silent h, doubled letters, ñ/n, and u before a vowel as w (so the old
 * spelling "huahua" meets the official "wawa"). Quechua aspirates lose their h as well (qhali →
 * kali), which is how patrons who have not learnt the alphabet type them.
 */
export function soundKey(word: string): string {
  return word
    .replace(/ñ/g, 'n')
    .replace(/ch/g, '§')
    .replace(/qu(?=[ei])/g, 'k')
    .replace(/q/g, 'k')
    .replace(/c(?=[ei])/g, 's')
    .replace(/c/g, 'k')
    .replace(/z/g, 's')
    .replace(/x/g, 'ks')
    .replace(/v/g, 'b')
    .replace(/ll/g, 'y')
    .replace(/h/g, '')
    .replace(/u(?=[aeio])/g, 'w')
    .replace(/(.)\1+/g, '$1')
    .replace(/§/g, 'ch');
}

/** The sound keys of a text's words, without repeats. */
export function soundKeys(text: string): string[] {
  return [...new Set(tokenize(text).map(soundKey))];
}

/** Indexing a pulled page folds the same few thousand catalogue words over and over (de, para,
 * dni, the agencies' names), fourteen regular expressions each: remembered, a repeat is one
 * lookup. Only catalogue text goes in: what a patron types is folded by `soundKey` and never
 * kept, so it does not outlive the session in memory. Bounded: emptied when full. */
const CATALOGUE_KEY_CACHE = 30_000;
const catalogueKeys = new Map<string, string>();

export function catalogueSoundKey(word: string): string {
  let key = catalogueKeys.get(word);
  if (key === undefined) {
    key = soundKey(word);
    if (catalogueKeys.size >= CATALOGUE_KEY_CACHE) catalogueKeys.clear();
    catalogueKeys.set(word, key);
  }
  return key;
}

/** A catalogue text's words are remembered too, as written between spaces ("(DNI),", "t'inkiy"):
 * folding works within such a piece (it never makes, drops or joins across white space), so a
 * repeat skips the normalising and splitting, most of a pull's indexing time (bench/pull.ts).
 * Same bounds and same rule as the keys: catalogue text only. */
const catalogueWords = new Map<string, string[]>();

function catalogueWordKeys(written: string): string[] {
  let keys = catalogueWords.get(written);
  if (keys === undefined) {
    keys = tokenize(written).map(catalogueSoundKey);
    if (catalogueWords.size >= CATALOGUE_KEY_CACHE) catalogueWords.clear();
    catalogueWords.set(written, keys);
  }
  return keys;
}

/** `soundKeys(text)` for catalogue text, through the remembered words and keys. */
export function catalogueSoundKeys(text: string): string[] {
  const keys = new Set<string>();
  for (const written of text.split(/\s+/)) for (const key of catalogueWordKeys(written)) keys.add(key);
  return [...keys];
}

/** Whether `word` is among the words remembered above (for the test that a patron's words never
 * are). */
export function isRememberedWord(word: string): boolean {
  return catalogueKeys.has(word) || catalogueWords.has(word);
}

/** Index entry marks. A plain key is a word of a guide's title, keywords or agency (a strong
 * match); BODY_MARK a word of its summary or audience only; FIRST_MARK the first word of a title
 * (the guide is *about* it: "DNI para niñas" before "Cuenta DNI"); PHRASE_MARK a whole keyword
 * phrase or title, for a query that is exactly one. One multi-entry index answers all of them with
 * key-only range reads. The marks are never produced by tokenize. */
export const BODY_MARK = '~';
export const FIRST_MARK = '^';
export const PHRASE_MARK = '=';

/** Words typed shorter than this are a word still being typed: a one-letter prefix matches a word
 * of nearly every guide and would read the whole index (bench/search.ts). */
export const MIN_SEARCH_WORD = 2;

/** A text in every language it has (es, qu, and any other: quz, ay …). Every language is
 * indexed, not just the patron's: patrons type Spanish words while reading Quechua and the other
 * way round, and a variant's words (quz) must find the guide for a patron who reads Southern
 * Quechua too. The sound key already folds Quechua and Spanish spellings together. */
export function textsOf(text: LocalizedText | undefined): string[] {
  if (!text) return [];
  return Object.entries(text)
    .filter(([key, value]) => key !== 'until' && typeof value === 'string')
    .map(([, value]) => value as string);
}
/** Search words of every language (`keywords: { es: […], quz: […] }`). */
export function keywordsOf(keywords: Record<string, unknown> | undefined): string[] {
  return Object.values(keywords ?? {}).flatMap((words) => (Array.isArray(words) ? (words as string[]) : []));
}
const all = (text: LocalizedText | undefined) => textsOf(text).join(' ');

/** The search index entries of one guide. Each title and keyword is folded once: its keys are
 * strong words, its phrase entry, and (a title's first) its FIRST_MARK entry. */
export function guideIndexWords(guide: Guide): string[] {
  const titleKeys = textsOf(guide.title).map(catalogueSoundKeys);
  const keywordKeys = keywordsOf(guide.keywords).map(catalogueSoundKeys);
  const strong = new Set([...titleKeys.flat(), ...catalogueSoundKeys(guide.agency), ...keywordKeys.flat()]);
  const body = catalogueSoundKeys(`${all(guide.summary)} ${all(guide.audience)}`).filter((word) => !strong.has(word));
  const firsts = titleKeys.map((keys) => keys[0]).filter((word): word is string => word !== undefined);
  const phrases = [...keywordKeys, ...titleKeys].map((keys) => PHRASE_MARK + keys.join(' '));
  return [...new Set([...strong, ...body.map((w) => BODY_MARK + w), ...firsts.map((w) => FIRST_MARK + w), ...phrases])];
}

// What a patron says around what they want ("quiero sacar mi dni", "como cobro juntos"): words
// that name no service, left out of the lookup unless nothing else was typed.
const FILLER = new Set(
  [
    'quiero', 'queria', 'quisiera', 'necesito', 'deseo', 'busco', 'mi', 'mis', 'su', 'sus', 'de', 'del', 'la', 'las', 'el', 'los', 'un', 'una',
    'unos', 'unas', 'para', 'por', 'con', 'en', 'y', 'o', 'a', 'al', 'que', 'como', 'donde', 'cuando', 'hacer', 'sacar', 'tramitar', 'obtener',
    'se', 'me', 'es', 'hay', 'puedo', 'ayuda', 'munani', 'munayman', 'imaynata', 'maypi', 'kay', 'chay',
  ].map(soundKey),
);

/** The sound keys of a query worth looking up: no repeats, no one-letter words, and no filler
 * words unless they are all there is. */
export function searchTerms(query: string): string[] {
  const words = soundKeys(query).filter((word) => word.length >= MIN_SEARCH_WORD);
  const meaningful = words.filter((word) => !FILLER.has(word));
  return meaningful.length > 0 ? meaningful : words;
}

/** The query as one phrase entry, to meet a keyword phrase or title typed whole. */
export function queryPhrase(terms: string[]): string {
  return PHRASE_MARK + terms.join(' ');
}

/** Whether `typed` is within one edit (a letter wrong, missing, extra, or two swapped) of the
 * start of `word`: one slip of a finger, for words of five letters or more. */
export function nearPrefix(typed: string, word: string): boolean {
  for (const length of [typed.length - 1, typed.length, typed.length + 1]) {
    if (length < 1 || length > word.length) continue;
    if (withinOneEdit(typed, word.slice(0, length))) return true;
  }
  return false;
}

function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    // One substitution, or two neighbours swapped.
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  // One letter missing from the shorter.
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Typos are forgiven on words this long or longer: on shorter ones a slip is another word. */
export const MIN_TYPO_WORD = 5;
