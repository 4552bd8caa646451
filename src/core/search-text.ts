// Text normalisation for search: patrons type without accents, capitals or the exact word
// ending ("pension" finds "Pensión 65", "wasi" finds "wasinchik"). Used to index and to query.

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
