// The shape of a fillable form definition (content/forms/*.yaml). Like guides, forms are
// validated with this schema on the server before publishing and on the kiosk before storing;
// the server also keeps every published version, so a submission filled offline against an
// older version is checked against exactly that version.
import * as v from 'valibot';
import { LanguageKeywords, LocalizedText } from './content-schema';
import { slugId } from './wire-schema';

const fieldId = v.pipe(v.string(), v.regex(/^[a-z][a-z0-9_]*$/, 'must be lowercase letters, digits and _'), v.maxLength(60));
const isoDate = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD'));

/** Show a field only when another answer matches (e.g. certificate number only if "yes"). */
export const ShowIf = v.strictObject({
  field: fieldId,
  /** The other field's answer must equal one of these (for yes/no fields: true or false). */
  equals: v.union([v.string(), v.boolean(), v.array(v.union([v.string(), v.boolean()]))]),
});
export type ShowIf = v.InferOutput<typeof ShowIf>;

const Option = v.strictObject({ value: v.pipe(v.string(), v.regex(/^[a-z0-9_-]+$/, 'must be lowercase letters, digits, - and _')), label: LocalizedText });

const common = {
  id: fieldId,
  label: LocalizedText,
  help: v.optional(LocalizedText),
  required: v.optional(v.boolean()),
  showIf: v.optional(ShowIf),
};

const textRules = {
  minLength: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  maxLength: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  /** A regular expression the whole answer must match, with the message to show otherwise. */
  pattern: v.optional(v.strictObject({ regex: v.string(), message: LocalizedText })),
};

export const FormField = v.variant('type', [
  v.strictObject({ type: v.literal('text'), ...common, ...textRules }),
  v.strictObject({ type: v.literal('longtext'), ...common, ...textRules }),
  v.strictObject({
    type: v.literal('number'),
    ...common,
    min: v.optional(v.number()),
    max: v.optional(v.number()),
    integer: v.optional(v.boolean()),
  }),
  v.strictObject({
    type: v.literal('date'),
    ...common,
    min: v.optional(isoDate),
    max: v.optional(isoDate),
    /** Not after today (a birth date, the day something happened). */
    past: v.optional(v.boolean()),
    /** For a birth date: the age, in whole years on the day of sending, the form needs. */
    minAge: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(150))),
    maxAge: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(150))),
  }),
  v.strictObject({ type: v.literal('choice'), ...common, options: v.pipe(v.array(Option), v.minLength(2)) }),
  v.strictObject({
    type: v.literal('multichoice'),
    ...common,
    options: v.pipe(v.array(Option), v.minLength(2)),
    minSelected: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
    maxSelected: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  }),
  v.strictObject({ type: v.literal('yesno'), ...common }),
  v.strictObject({ type: v.literal('phone'), ...common, kind: v.optional(v.picklist(['mobile', 'landline', 'any'])) }),
  v.strictObject({ type: v.literal('dni'), ...common }),
  v.strictObject({ type: v.literal('ruc'), ...common }),
  v.strictObject({ type: v.literal('ubigeo'), ...common }),
  v.strictObject({ type: v.literal('email'), ...common }),
]);
export type FormField = v.InferOutput<typeof FormField>;
export type FieldType = FormField['type'];

export const Form = v.pipe(
  v.strictObject({
    id: slugId,
    agency: v.pipe(v.string(), v.minLength(1)),
    title: LocalizedText,
    description: LocalizedText,
    /** What happens with the answers, shown before Send and on the receipt. */
    afterSend: v.optional(LocalizedText),
    /** Words patrons use for this form, for search ("queja" for the complaints book). */
    keywords: v.optional(LanguageKeywords),
    fields: v.pipe(v.array(FormField), v.minLength(1, 'must have at least one field')),
  }),
  v.check((form) => new Set(form.fields.map((f) => f.id)).size === form.fields.length, 'field ids must be unique'),
  v.check(
    (form) => form.fields.every((f, i) => !f.showIf || form.fields.slice(0, i).some((g) => g.id === f.showIf!.field)),
    'showIf must name a field that comes before it',
  ),
  v.check(
    (form) =>
      form.fields.every((f) => {
        if (!('pattern' in f) || !f.pattern) return true;
        try {
          new RegExp(f.pattern.regex, 'u');
          return true;
        } catch {
          return false;
        }
      }),
    'pattern.regex must be a valid regular expression',
  ),
);
export type Form = v.InferOutput<typeof Form>;
