// Finds glossary terms in a text, for the guide screen to show them as buttons that explain them
// (content stays data: the text is cut into plain pieces and term pieces, never turned into
// markup). Matching ignores case and accents; an all-capitals form (CSE) also takes a Quechua
// suffix written onto it (CSEyuq, ULEman), lower-case letters only. Each term is shown once per
// text: a paragraph with "CSE" four times gets one button, not four.

export interface GlossaryEntry {
  id: string;
  match: string[];
}

export type Piece = { text: string } | { text: string; term: string };

/** One letter per letter: accents and case folded, the length kept (positions map back). */
function fold(text: string): string {
  let out = '';
  for (const char of text) {
    const base = char.normalize('NFD')[0]!.toLowerCase();
    out += base.length === char.length ? base : char.toLowerCase();
  }
  return out;
}

const isWordChar = (char: string | undefined) => char !== undefined && /[\p{L}\p{N}]/u.test(char);
const isLowerLetter = (char: string | undefined) => char !== undefined && /\p{Ll}/u.test(char);

interface Form {
  id: string;
  folded: string;
  acronym: boolean;
}

export class GlossaryMatcher {
  private readonly forms: Form[];

  constructor(entries: GlossaryEntry[]) {
    // Longest first: "clasificación socioeconómica" before "clasificación".
    this.forms = entries
      .flatMap((entry) => entry.match.map((form) => ({ id: entry.id, folded: fold(form), acronym: /^[\p{Lu}\p{N}]+$/u.test(form) && /\p{Lu}/u.test(form) })))
      .filter((form) => form.folded.length >= 2)
      .sort((a, b) => b.folded.length - a.folded.length);
  }

  /** The text cut into plain pieces and term pieces, in order; joined, they give the text back. */
  pieces(text: string): Piece[] {
    if (this.forms.length === 0) return [{ text }];
    const folded = fold(text);
    const found: Array<{ start: number; end: number; id: string }> = [];
    const seen = new Set<string>();
    for (const form of this.forms) {
      if (seen.has(form.id)) continue;
      for (let at = folded.indexOf(form.folded); at >= 0; at = folded.indexOf(form.folded, at + 1)) {
        let end = at + form.folded.length;
        if (isWordChar(text[at - 1])) continue;
        if (form.acronym) while (isLowerLetter(text[end])) end++;
        if (isWordChar(text[end])) continue;
        // An all-capitals form matches only where the text writes it in capitals too: "SIS" is
        // the insurance, "sis" inside a Spanish sentence is not.
        if (form.acronym && text.slice(at, at + form.folded.length) !== text.slice(at, at + form.folded.length).toUpperCase()) continue;
        if (found.some((f) => at < f.end && end > f.start)) continue;
        found.push({ start: at, end, id: form.id });
        seen.add(form.id);
        break;
      }
    }
    found.sort((a, b) => a.start - b.start);
    const pieces: Piece[] = [];
    let from = 0;
    for (const f of found) {
      if (f.start > from) pieces.push({ text: text.slice(from, f.start) });
      pieces.push({ text: text.slice(f.start, f.end), term: f.id });
      from = f.end;
    }
    if (from < text.length) pieces.push({ text: text.slice(from) });
    return pieces;
  }
}
