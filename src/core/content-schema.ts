// The shape of published catalogue records. The server validates content files with these
// schemas before publishing, and the kiosk validates every pulled record with the same ones, so
// a record that reaches IndexedDB is always renderable.
import * as v from 'valibot';
import { LANGUAGE_CODE } from './language-chain';
import { slugId } from './wire-schema';

const nonEmpty = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'));

/** Keys beyond the listed ones must be language codes (2–3 lowercase letters), each holding
 * `valid` (a non-empty text, or a list of words). Forward compatibility, chosen on purpose: the
 * kiosk validates pulled records with these same schemas, and a kiosk built before a language
 * was registered must still show a record that carries it (it just never picks that text), so
 * any code-shaped key is accepted here and not only the registry's. A typo that is not
 * code-shaped (`qu_`, `Qu`, `quechua`) still fails; content:check also refuses codes the
 * registry does not list (`qy`), before anything is published (docs/languages.md). A loose
 * object and a check rather than objectWithRest and rawCheck: ~0.1 KB gzip less in the first
 * load (e2e/budget.spec.ts); texts under other codes are kept as written (not trimmed). */
function withLanguageKeys<const Entries extends v.ObjectEntries>(entries: Entries, valid: (value: unknown) => boolean) {
  const badKey = (value: Record<string, unknown>) => Object.keys(value).find((key) => !(key in entries) && !(LANGUAGE_CODE.test(key) && valid(value[key])));
  return v.pipe(
    v.looseObject(entries),
    v.check(
      (value) => badKey(value) === undefined,
      (issue) => `unknown or empty field "${badKey(issue.input as Record<string, unknown>)}": only ${Object.keys(entries).join(', ')} or a language code (2–3 lowercase letters: es, qu, quz, ay) with its text`,
    ),
  );
}
const isText = (value: unknown) => typeof value === 'string' && value.trim() !== '';
const isWords = (value: unknown) => Array.isArray(value) && value.every(isText);

/** Search words by language (`es: [dni]`, `quz: [...]`), under language codes only. */
export const LanguageKeywords = withLanguageKeys({ es: v.optional(v.array(nonEmpty)), qu: v.optional(v.array(nonEmpty)) }, isWords);

/** Text in every language it has. Spanish is the source; any other may be missing (the kiosk
 * then shows the text of the next language in the chain, with a notice), `content:check`
 * reports the gap for complete languages (Quechua). */
export const LocalizedText = withLanguageKeys({ es: nonEmpty, qu: v.optional(nonEmpty) }, isText);
export type LocalizedText = v.InferOutput<typeof LocalizedText>;


const isoDate = v.pipe(
  v.union([v.string(), v.date()], 'must be a date written YYYY-MM-DD'),
  v.transform((d) => (d instanceof Date ? d.toISOString().slice(0, 10) : d)),
  v.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD'),
  v.check((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'must be a real calendar date'),
);

const httpsUrl = v.pipe(
  v.string(),
  v.url('must be a full web address'),
  v.startsWith('https://', 'must start with https://'),
);

/** Icons are keys into a fixed set the app draws itself: content never carries markup. */
export const CATEGORY_ICONS = [
  'id-card',
  'health',
  'family',
  'education',
  'work',
  'money',
  'house',
  'language',
  'town-hall',
] as const;
export type CategoryIcon = (typeof CATEGORY_ICONS)[number];

export const Category = v.strictObject({
  id: slugId,
  icon: v.picklist(CATEGORY_ICONS, `must be one of: ${CATEGORY_ICONS.join(', ')}`),
  order: v.pipe(v.number(), v.integer()),
  name: LocalizedText,
  description: v.optional(LocalizedText),
});
export type Category = v.InferOutput<typeof Category>;

/** The last day a fact holds (a campaign price, a call for applications), in Peru's calendar.
 * From the next day the kiosk shows "this may have changed, ask at the library" instead of the
 * fact, and `content:check` refuses to publish it. Optional, so records without it are the
 * ones every earlier kiosk already reads. */
const until = v.optional(isoDate);

/** A requirement or a step: text in its languages that may stop holding on a date. */
export const DatedText = withLanguageKeys({ es: nonEmpty, qu: v.optional(nonEmpty), until }, isText);
export type DatedText = v.InferOutput<typeof DatedText>;

/** A cost is free, an amount in soles with the date somebody checked it, or set by each
 * municipality or office (`varies`, with a note saying what it depends on: no one figure that
 * would be wrong in most districts); any may end (a free campaign, a promotional price). */
export const Cost = v.union(
  [
    v.strictObject({ free: v.literal(true), until }),
    v.strictObject({
      soles: v.pipe(v.number(), v.minValue(0.01, 'must be more than zero (use free: true)')),
      checked: isoDate,
      note: v.optional(LocalizedText),
      until,
    }),
    v.strictObject({ varies: v.literal(true), note: LocalizedText, checked: isoDate, until }),
  ],
  'must be { free: true }, { soles: <amount>, checked: YYYY-MM-DD } or { varies: true, note: {es, qu}, checked: YYYY-MM-DD }, each with an optional until: YYYY-MM-DD',
);
export type Cost = v.InferOutput<typeof Cost>;

export const Guide = v.strictObject({
  id: slugId,
  category: slugId,
  agency: nonEmpty,
  title: LocalizedText,
  summary: LocalizedText,
  audience: LocalizedText,
  requirements: v.pipe(v.array(DatedText), v.minLength(1, 'must list at least one item')),
  steps: v.pipe(v.array(DatedText), v.minLength(1, 'must list at least one step')),
  cost: Cost,
  where: LocalizedText,
  online: v.optional(v.strictObject({ url: httpsUrl, text: LocalizedText })),
  duration: LocalizedText,
  problems: v.optional(LocalizedText),
  source: httpsUrl,
  reviewed: isoDate,
  /** Ids of forms (content/forms) a patron can fill at the kiosk for this service. */
  forms: v.optional(v.array(slugId)),
  /** Extra words patrons use for this service (abbreviations, common names). */
  keywords: v.optional(LanguageKeywords),
  /** Ids of other guides this one sends the patron to ("first get your CSE"): shown as links. */
  related: v.optional(v.array(slugId)),
  /** A guide about violence or abuse: it shows the quick exit (app/session/QuickExit.tsx) and
   * nothing that names it is counted. Only `true`; unknown to kiosks before catalogue format 3,
   * which skip the record rather than show it without the quick exit. */
  sensitive: v.optional(v.literal(true, 'must be true, or left out')),
});
export type Guide = v.InferOutput<typeof Guide>;

/** What a list of guides shows of each (components/GuideList): a search keeps just this in memory. */
export type GuideListing = Pick<Guide, 'id' | 'title' | 'agency' | 'summary'>;

export function guideListing({ id, title, agency, summary }: Guide): GuideListing {
  return { id, title, agency, summary };
}

/** A word of the State's jargon (CSE, ULE, declaración jurada …) explained in plain words. Guide
 * text that contains one of `match` shows it as a button that opens the explanation. */
export const Term = v.strictObject({
  id: slugId,
  /** The term as a heading, in both languages. */
  term: LocalizedText,
  /** How it is written in guides, in either language; found without regard to case or accents.
   * An acronym (all capitals) also matches with a Quechua suffix after it (CSEyuq, ULEman). */
  match: v.pipe(v.array(v.pipe(v.string(), v.trim(), v.minLength(2, 'must be at least 2 letters'))), v.minLength(1, 'must list at least one way it is written')),
  explanation: LocalizedText,
});
export type Term = v.InferOutput<typeof Term>;
