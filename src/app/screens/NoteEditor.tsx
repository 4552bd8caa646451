// The form for one local note, new or being changed: the guide, the Spanish text (required), the
// Quechua text (optional: better empty than Spanish), the last day. Each problem is written in
// the panel's language beside its field (aria-describedby, aria-invalid), and focus goes to the
// first field to fix. Only IndexedDB is touched (data/local-notes.ts), so it works offline.
import { useRef, useState } from 'preact/hooks';
import type { ParseKeys } from 'i18next';
import { addDays, NOTE_MAX_DAYS_AHEAD, NOTE_TEXT_MAX } from '../../core/local-note-rules';
import { addMonths, peruDay } from '../../core/peru-day';
import type { LocalNoteRow } from '../../data/local-notes';
import { saveLocalNote } from '../../data/local-notes-edit';
import { formatDate } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';

export interface GuideOption {
  id: string;
  label: string;
  /** Set when the title is shown in Spanish on a Quechua panel. */
  lang?: string;
}

type Field = 'guide' | 'es' | 'expires';
type Problems = Partial<Record<Field | 'form', ParseKeys>>;

/** The same day three months on (the last day of the month when it has no such day). */
function threeMonthsAfter(day: string): string {
  const month = addMonths(day.slice(0, 7), 3);
  const [year, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${month}-${String(Math.min(Number(day.slice(8)), last)).padStart(2, '0')}`;
}

export function NoteEditor({ guides, note, onSaved, onCancel }: { guides: GuideOption[]; note?: LocalNoteRow; onSaved: () => void; onCancel?: () => void }) {
  const { t, lang } = useI18n();
  const [problems, setProblems] = useState<Problems>({});
  const [saving, setSaving] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const today = peruDay();
  const latest = addDays(today, NOTE_MAX_DAYS_AHEAD);
  const max = formatDate(latest, lang);

  const submit = async (event: Event) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const guideId = String(data.get('guide') ?? '');
    const es = String(data.get('es') ?? '');
    const qu = String(data.get('qu') ?? '');
    const expires = String(data.get('expires') ?? '');
    const found: Problems = {};
    if (!guideId) found.guide = 'notes.errors.guide';
    if (!es.trim()) found.es = 'notes.errors.empty';
    if (!expires) found.expires = 'notes.errors.noDay';
    else if (expires < today) found.expires = 'notes.errors.past';
    else if (expires > latest) found.expires = 'notes.errors.far';
    if (Object.keys(found).length === 0) {
      setSaving(true);
      try {
        const saved = await saveLocalNote({ id: note?.id, guideId, es, qu, expires });
        if (saved.ok) {
          setProblems({});
          onSaved();
          return;
        }
        if (saved.problem === 'empty') found.es = 'notes.errors.empty';
        else if (saved.problem === 'expires') found.expires = 'notes.errors.past';
        else found.form = 'notes.errors.invalid';
      } catch {
        // The disk is full (the storage banner says so) or IndexedDB failed: nothing was saved.
        found.form = 'notes.errors.notSaved';
      } finally {
        setSaving(false);
      }
    }
    setProblems(found);
    const first = (['guide', 'es', 'expires'] as const).find((field) => found[field]);
    if (first) form.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
  };

  /** The attributes that tie a field to its hint and its problem. */
  const described = (field: Field, hint?: string) => ({
    'aria-invalid': problems[field] ? true : undefined,
    'aria-describedby': [hint, problems[field] ? `note-${field}-error` : undefined].filter(Boolean).join(' ') || undefined,
  });
  const problem = (field: Field) =>
    problems[field] && (
      <p id={`note-${field}-error`} class="field-error">
        {t(problems[field], { max })}
      </p>
    );
  const fieldClass = (field: Field) => (problems[field] ? 'field has-error' : 'field');

  return (
    <form ref={form} class="form note-editor" noValidate onSubmit={(e) => void submit(e)}>
      <div class={fieldClass('guide')}>
        <label for="note-guide">{t('notes.guide')}</label>
        {/* `selected` on the option, not defaultValue on the select: Preact sets the select's value
            before its options exist. */}
        <select id="note-guide" name="guide" required {...described('guide')}>
          <option value="">{t('notes.chooseGuide')}</option>
          {guides.map((guide) => (
            <option key={guide.id} value={guide.id} lang={guide.lang} selected={guide.id === note?.guideId}>
              {guide.label}
            </option>
          ))}
        </select>
        {problem('guide')}
      </div>
      <div class={fieldClass('es')}>
        <label for="note-es">{t('notes.es')}</label>
        <p id="note-es-hint" class="field-help">
          {t('notes.esHint')}
        </p>
        <textarea id="note-es" name="es" lang="es-PE" rows={3} maxLength={NOTE_TEXT_MAX} required defaultValue={note?.text.es ?? ''} {...described('es', 'note-es-hint')} />
        {problem('es')}
      </div>
      <div class="field">
        <label for="note-qu">{t('notes.qu')}</label>
        <p id="note-qu-hint" class="field-help">
          {t('notes.quHint')}
        </p>
        <textarea id="note-qu" name="qu" lang="qu" rows={3} maxLength={NOTE_TEXT_MAX} defaultValue={note?.text.qu ?? ''} aria-describedby="note-qu-hint" />
      </div>
      <div class={fieldClass('expires')}>
        <label for="note-expires">{t('notes.expires')}</label>
        <p id="note-expires-hint" class="field-help">
          {t('notes.expiresHint', { max })}
        </p>
        <input id="note-expires" name="expires" type="date" required min={today} max={latest} defaultValue={note?.expires ?? threeMonthsAfter(today)} {...described('expires', 'note-expires-hint')} />
        {problem('expires')}
      </div>
      {problems.form && (
        <p class="error-summary" role="alert">
          {t(problems.form)}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="button-primary" disabled={saving}>
          {t('notes.save')}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('notes.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
