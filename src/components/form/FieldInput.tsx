// One form field, drawn for its type, with its label, help and error in the patron's language.
// Presentational: the screen owns the answers and decides when to show errors.
import type { FormField } from '../../core/form-schema';
import type { AnswerValue } from '../../core/form-validate';
import { pickText } from '../../core/localized';
import { useI18n } from '../../i18n/i18n';
import { DateInput } from './DateInput';
import { UbigeoPicker } from './UbigeoPicker';

export interface FieldInputProps {
  field: FormField;
  value: AnswerValue | undefined;
  error?: string;
  onChange(value: AnswerValue | undefined): void;
  onBlur(): void;
}

const INPUT_TYPE: Partial<Record<FormField['type'], { type: string; inputMode?: 'numeric' | 'tel' | 'email' | 'decimal'; autocomplete?: string }>> = {
  text: { type: 'text' },
  number: { type: 'text', inputMode: 'decimal' },
  phone: { type: 'tel', inputMode: 'tel', autocomplete: 'off' },
  dni: { type: 'text', inputMode: 'numeric', autocomplete: 'off' },
  ruc: { type: 'text', inputMode: 'numeric', autocomplete: 'off' },
  email: { type: 'email', inputMode: 'email', autocomplete: 'off' },
};

export function FieldInput({ field, value, error, onChange, onBlur }: FieldInputProps) {
  const { t, lang } = useI18n();
  const id = `field-${field.id}`;
  const label = pickText(field.label, lang);
  const help = field.help ? pickText(field.help, lang) : undefined;
  const describedBy = [help && `${id}-help`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  const labelText = (
    <>
      <span lang={label.lang === lang ? undefined : 'es-PE'}>{label.text}</span>
      {field.required && <span class="required"> {t('form.required')}</span>}
    </>
  );
  const extras = (
    <>
      {help && (
        <p class="field-help" id={`${id}-help`} lang={help.lang === lang ? undefined : 'es-PE'}>
          {help.text}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </>
  );
  const aria = { 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy, 'aria-required': field.required ? true : undefined };

  if (field.type === 'choice' || field.type === 'multichoice' || field.type === 'yesno') {
    const multiple = field.type === 'multichoice';
    const options =
      field.type === 'yesno'
        ? [
            { value: 'true', text: t('form.yes') },
            { value: 'false', text: t('form.no') },
          ]
        : field.options.map((o) => ({ value: o.value, text: pickText(o.label, lang).text }));
    const selected = (v: string) =>
      field.type === 'yesno' ? String(value) === v : multiple ? Array.isArray(value) && value.includes(v) : value === v;
    return (
      <fieldset class={`field${error ? ' has-error' : ''}`} aria-describedby={describedBy} onFocusOut={onBlur}>
        <legend>{labelText}</legend>
        {extras}
        <div class="options">
          {options.map((option) => (
            <label key={option.value} class="option">
              <input
                type={multiple ? 'checkbox' : 'radio'}
                name={id}
                value={option.value}
                checked={selected(option.value)}
                onChange={() => {
                  if (field.type === 'yesno') onChange(option.value === 'true');
                  else if (!multiple) onChange(option.value);
                  else {
                    const current = Array.isArray(value) ? value : [];
                    onChange(current.includes(option.value) ? current.filter((v) => v !== option.value) : [...current, option.value]);
                  }
                }}
              />
              <span>{option.text}</span>
            </label>
          ))}
        </div>
      </fieldset>
    );
  }

  if (field.type === 'date') {
    return (
      <fieldset class={`field${error ? ' has-error' : ''}`} aria-describedby={describedBy}>
        <legend>{labelText}</legend>
        {extras}
        <DateInput
          id={id}
          value={typeof value === 'string' ? value : undefined}
          lang={lang}
          labels={{ day: t('form.day'), month: t('form.month'), year: t('form.year'), choose: t('form.chooseMonth') }}
          invalid={!!error}
          onChange={onChange}
          onBlur={onBlur}
        />
      </fieldset>
    );
  }

  if (field.type === 'ubigeo') {
    return (
      <fieldset class={`field${error ? ' has-error' : ''}`} aria-describedby={describedBy}>
        <legend>{labelText}</legend>
        {extras}
        <UbigeoPicker idPrefix={id} value={typeof value === 'string' ? value : ''} onChange={(code) => onChange(code || undefined)} onBlur={onBlur} invalid={!!error} />
      </fieldset>
    );
  }

  const text = typeof value === 'string' ? value : value === undefined ? '' : String(value);
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for={id}>{labelText}</label>
      {field.type === 'longtext' ? (
        <textarea id={id} rows={4} value={text} maxLength={field.maxLength} onInput={(e) => onChange(e.currentTarget.value)} onBlur={onBlur} {...aria} />
      ) : (
        <input
          id={id}
          name={field.id}
          type={INPUT_TYPE[field.type]?.type ?? 'text'}
          inputMode={INPUT_TYPE[field.type]?.inputMode}
          autocomplete={INPUT_TYPE[field.type]?.autocomplete ?? 'off'}
          value={text}
          onInput={(e) => onChange(e.currentTarget.value)}
          onBlur={onBlur}
          {...aria}
        />
      )}
      {extras}
    </div>
  );
}
