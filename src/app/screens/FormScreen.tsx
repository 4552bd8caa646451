// Filling a form: errors beside each field on leaving it and on Send, a draft saved as the
// patron types (and flushed when the page hides), and Send → outbox → receipt.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { FieldInput } from '../../components/form/FieldInput';
import { Localized } from '../../components/Localized';
import type { Guide } from '../../core/content-schema';
import type { Form, FormField } from '../../core/form-schema';
import { type Answers, type AnswerValue, checkField, type FieldError, isFieldVisible } from '../../core/form-validate';
import { pickText } from '../../core/localized';
import { getForm, getGuides, getServerKey, guidesOffering } from '../../data/catalog';
import { type DraftRef, draftGeneration, loadDraft, saveDraft, saveDraftNow } from '../../data/drafts';
import { useLiveQuery } from '../../data/live';
import { countUsage } from '../../data/usage';
import type { SealingKey } from '../../data/outbox';
import { formSender, newSubmissionId } from '../../data/submit';
import { formatDate } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { FIELD_ERROR } from '../code-words';
import { navigate, paths } from '../router';
import { QuickExit } from '../session/QuickExit';
import { unsentOnScreen } from '../session/unsent';
import { usageSessions } from '../session/usage-session';
import { requestSubmissionSync } from '../sync-trigger';
import { Missing } from './Missing';
import { ScreenHeading } from './ScreenHeading';

const AUTOSAVE_MS = 400;

export function FormScreen({ id, guideId, visit }: { id: string; guideId?: string; visit: number }) {
  const { t } = useI18n();
  // The server's sealing key is read with the form, so Send has it in hand (bench/outbox.ts).
  const loaded = useLiveQuery(async () => ({ form: await getForm(id), serverKey: await getServerKey() }), [id]);
  // The guide the form belongs to (or the one it comments on). A form of a sensitive guide has
  // the guide's quick exit, and is not counted: it would tell what the patron was reading.
  const guides = useLiveQuery(() => (guideId ? getGuides([guideId]) : guidesOffering(id)), [id, guideId]);
  const sensitive = guides.value?.some((guide) => guide.sensitive === true) ?? false;
  useEffect(() => {
    if (sensitive) usageSessions.sensitiveGuideOpened();
  }, [sensitive, visit]);
  if (!loaded.loaded) return <p>{t('common.loading')}</p>;
  const { form, serverKey } = loaded.value!;
  if (!form) {
    return <Missing message={t('form.notFound')} visit={visit} />;
  }
  return (
    <>
      {sensitive && <QuickExit />}
      <BackToGuide guides={guides.value ?? []} />
      <FormFiller key={`${id}:${guideId ?? ''}`} form={form.data} version={form.version} serverKey={serverKey} guideId={guideId} visit={visit} counted={!sensitive} />
    </>
  );
}

/** The way back to the guide the form belongs to (or the one it comments on). */
function BackToGuide({ guides }: { guides: Guide[] }) {
  const { t, lang } = useI18n();
  if (guides.length === 0) return null;
  return (
    <nav class="breadcrumb no-print" aria-label={t('nav.breadcrumb')}>
      {guides.map((guide, i) => {
        const title = pickText(guide.title, lang);
        return (
          <span key={guide.id}>
            {i > 0 && ' · '}
            <a href={paths.guide(guide.id)}>{t('form.backToGuide', { title: title.text })}</a>
          </span>
        );
      })}
    </nav>
  );
}

function useDraft(ref: DraftRef) {
  const [answers, setAnswers] = useState<Answers>({});
  const [restored, setRestored] = useState(false);
  const latest = useRef<{ answers: Answers; dirty: boolean; sent: boolean }>({ answers: {}, dirty: false, sent: false });
  // The id the answers will be sent under, kept with the draft (data/submit.ts newSubmissionId).
  const submissionId = useRef('');
  submissionId.current ||= newSubmissionId();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const session = useRef(draftGeneration());

  const flush = (unloading = false) => {
    clearTimeout(timer.current);
    if (latest.current.dirty && !latest.current.sent) {
      latest.current.dirty = false;
      if (unloading) saveDraftNow(ref, latest.current.answers, submissionId.current, session.current);
      else void saveDraft(ref, latest.current.answers, submissionId.current, session.current);
    }
  };
  const flushUnloading = () => flush(true);

  useEffect(() => {
    void loadDraft(ref).then((draft) => {
      if (draft?.submissionId) submissionId.current = draft.submissionId;
      if (draft && Object.keys(draft.answers).length > 0) {
        setAnswers(draft.answers as Answers);
        latest.current.answers = draft.answers as Answers;
        setRestored(true);
      }
    });
    // The page may be closed or hidden at any moment: write what is pending right away.
    const onHide = () => {
      if (document.visibilityState === 'hidden') flush(true);
    };
    window.addEventListener('pagehide', flushUnloading);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      flush();
      window.removeEventListener('pagehide', flushUnloading);
      document.removeEventListener('visibilitychange', onHide);
    };
  }, [ref.formId, ref.guideId]);

  const update = (next: Answers) => {
    setAnswers(next);
    latest.current = { answers: next, dirty: true, sent: false };
    clearTimeout(timer.current);
    timer.current = setTimeout(() => flush(), AUTOSAVE_MS);
  };
  /** After Send the draft is gone (deleted once the outbox row is written): never write it back. */
  const markSent = (sent = true) => {
    clearTimeout(timer.current);
    latest.current.sent = sent;
    // Not sent after all (refused, or no space): the answers are saved as before.
    if (!sent && latest.current.dirty) timer.current = setTimeout(() => flush(), AUTOSAVE_MS);
  };
  return { answers, update, restored, markSent, submissionId };
}

/** `counted`: whether sending it counts in the usage (not for a sensitive guide's form). */
function FormFiller({ form, version, serverKey, guideId, visit, counted }: { form: Form; version: number; serverKey?: SealingKey; guideId?: string; visit: number; counted: boolean }) {
  const { t, lang } = useI18n();
  const { answers, update, restored, markSent, submissionId } = useDraft({ formId: form.id, guideId });
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  // A ref, not state: re-rendering the form on Send would hold up the outbox write behind it.
  const sending = useRef(false);
  // Prepares the seal for the next Send while the patron fills the form.
  const sender = useMemo(() => formSender({ form, version, guideId, serverKey }), [form, version, guideId, serverKey]);
  const [storageFull, setStorageFull] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  // "Salir" and the idle countdown must know about answers typed a moment ago, before the draft
  // is saved.
  useEffect(() => unsentOnScreen.set(Object.values(answers).some((value) => value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0))), [answers]);
  useEffect(() => () => unsentOnScreen.set(false), []);

  // While Enviar is being pressed, the field being left does not show its error yet: the error
  // would push the button down under the finger and the tap would land on nothing. Send checks
  // every field anyway; if the press is abandoned, the held errors show then.
  const pressingSend = useRef(false);
  const heldBlurs = useRef<string[]>([]);
  const markTouched = (fieldId: string) => setTouched((s) => (s.has(fieldId) ? s : new Set(s).add(fieldId)));
  const fieldLeft = (fieldId: string) => (pressingSend.current ? heldBlurs.current.push(fieldId) : markTouched(fieldId));
  const pressStart = () => {
    pressingSend.current = true;
    const release = () => {
      window.removeEventListener('pointerup', release, true);
      window.removeEventListener('pointercancel', release, true);
      // After the click that follows the release has run.
      setTimeout(() => {
        pressingSend.current = false;
        for (const fieldId of heldBlurs.current.splice(0)) markTouched(fieldId);
      });
    };
    window.addEventListener('pointerup', release, true);
    window.addEventListener('pointercancel', release, true);
    // The answers are checked and sealed while the finger is down: the release only writes.
    if (!sending.current) sender.press(answers, submissionId.current);
  };

  const message = (field: FormField, error: FieldError) => {
    if (error.code === 'pattern' && 'pattern' in field && field.pattern) return pickText(field.pattern.message, lang).text;
    // A date limit reads as a date ("14 de marzo de 1952"), not as 1952-03-14.
    const params = Object.fromEntries(Object.entries(error.params ?? {}).map(([key, value]) => [key, typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value, lang) : value]));
    return t(FIELD_ERROR[error.code], params);
  };
  const visible = form.fields.filter((field) => isFieldVisible(form, field, answers));
  const errors = new Map<string, string>();
  for (const field of visible) {
    if (!submitted && !touched.has(field.id)) continue;
    const error = checkField(field, answers[field.id]);
    if (error) errors.set(field.id, message(field, error));
  }

  const send = async (event: Event) => {
    event.preventDefault();
    if (sending.current) return;
    sending.current = true;
    // Send checks every field: the errors held while Enviar was pressed would only re-render the
    // form in the middle of the outbox write (the release's timer runs while sealing awaits).
    heldBlurs.current.length = 0;
    markSent();
    // Nothing renders before the outbox write is issued: the patron's Send waits only for it.
    const outcome = await sender.send(answers, submissionId.current);
    if (outcome.ok) {
      // Once per form sent: the outbox holds it now (`sending` keeps a second tap out).
      if (counted) countUsage({ kind: 'form', id: form.id });
      navigate(paths.receipt(outcome.id));
      requestSubmissionSync();
      return;
    }
    // Nothing was stored: the answers stay on screen (and in the draft), and the patron hears why.
    markSent(false);
    sending.current = false;
    setSubmitted(true);
    setStorageFull(outcome.reason === 'storage_full');
    requestAnimationFrame(() => summaryRef.current?.focus());
  };

  const title = pickText(form.title, lang);
  const errorCount = submitted ? visible.filter((f) => checkField(f, answers[f.id])).length : 0;
  return (
    <form class="form" noValidate autocomplete="off" onSubmit={(e) => void send(e)}>
      <ScreenHeading visit={visit} lang={title.lang === lang ? undefined : 'es-PE'}>
        {title.text}
      </ScreenHeading>
      <p class="agency">{form.agency}</p>
      <Localized as="p" text={form.description} />
      {restored && <p class="notice">{t('form.draftRestored')}</p>}
      <div ref={summaryRef} tabIndex={-1} role="alert" class={errorCount > 0 || storageFull ? 'error-summary' : undefined}>
        {storageFull ? t('storage.sendFailed') : errorCount > 0 && t('form.errorsSummary', { count: errorCount })}
      </div>
      {visible.map((field) => (
        <FieldInput
          key={field.id}
          field={field}
          value={answers[field.id] as AnswerValue | undefined}
          error={errors.get(field.id)}
          onChange={(value) => update({ ...answers, [field.id]: value })}
          onBlur={() => fieldLeft(field.id)}
        />
      ))}
      {form.afterSend && (
        <section class="guide-section">
          <h2>{t('form.afterSend')}</h2>
          <Localized as="p" text={form.afterSend} />
        </section>
      )}
      {/* Send starts on the button's click, not on the form's submit event: Chromium fires that
          one several milliseconds later at 4× CPU (bench/outbox.ts). Enter in a field clicks the
          button too; onSubmit stays for any other way a form is submitted. */}
      <button type="submit" class="button-primary" onPointerDown={pressStart} onClick={(e) => void send(e)}>
        {t('form.send')}
      </button>
    </form>
  );
}
