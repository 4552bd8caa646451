// Filling a form: errors beside each field on leaving it and on Send, a draft saved as the
// patron types (and flushed when the page hides), and Send → outbox → receipt.
import { useEffect, useRef, useState } from 'preact/hooks';
import { v7 as uuidv7 } from 'uuid';
import { FieldInput } from '../../components/form/FieldInput';
import { Localized } from '../../components/Localized';
import type { Form, FormField } from '../../core/form-schema';
import { type Answers, type AnswerValue, checkField, type FieldError, isFieldVisible, validateAnswers } from '../../core/form-validate';
import { pickText } from '../../core/localized';
import { type PreparedSeal, prepareSeal } from '../../core/seal';
import { getForm, getGuides, getServerKey, guidesOffering } from '../../data/catalog';
import { draftGeneration, loadDraft, saveDraft, saveDraftNow } from '../../data/drafts';
import { useLiveQuery } from '../../data/live';
import { enqueueSubmission, type SealingKey } from '../../data/outbox';
import { StorageFullError } from '../../data/storage-health';
import { formatDate } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { navigate, paths } from '../router';
import { setUnsentOnScreen } from '../session/unsent';
import { requestSubmissionSync } from '../sync-trigger';
import { Missing } from './Missing';
import { ScreenHeading } from './ScreenHeading';

const AUTOSAVE_MS = 400;

export function FormScreen({ id, guideId, visit }: { id: string; guideId?: string; visit: number }) {
  const { t } = useI18n();
  // The server's sealing key is read with the form, so Send has it in hand (bench/outbox.ts).
  const loaded = useLiveQuery(async () => ({ form: await getForm(id), serverKey: await getServerKey() }), [id]);
  if (!loaded.loaded) return <p>{t('common.loading')}</p>;
  const { form, serverKey } = loaded.value!;
  if (!form) {
    return <Missing message={t('form.notFound')} visit={visit} />;
  }
  return (
    <>
      <BackToGuide formId={id} guideId={guideId} />
      <FormFiller key={`${id}:${guideId ?? ''}`} form={form.data} version={form.version} serverKey={serverKey} guideId={guideId} visit={visit} />
    </>
  );
}

/** The way back to the guide the form belongs to (or the one it comments on). */
function BackToGuide({ formId, guideId }: { formId: string; guideId?: string }) {
  const { t, lang } = useI18n();
  const guides = useLiveQuery(() => (guideId ? getGuides([guideId]) : guidesOffering(formId)), [formId, guideId]);
  if (!guides.value || guides.value.length === 0) return null;
  return (
    <nav class="breadcrumb no-print" aria-label={t('nav.breadcrumb')}>
      {guides.value.map((guide, i) => {
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

function useDraft(key: string) {
  const [answers, setAnswers] = useState<Answers>({});
  const [restored, setRestored] = useState(false);
  const latest = useRef<{ answers: Answers; dirty: boolean; sent: boolean }>({ answers: {}, dirty: false, sent: false });
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const session = useRef(draftGeneration());

  const flush = (unloading = false) => {
    clearTimeout(timer.current);
    if (latest.current.dirty && !latest.current.sent) {
      latest.current.dirty = false;
      if (unloading) saveDraftNow(key, key.split(':')[0]!, latest.current.answers, session.current);
      else void saveDraft(key, key.split(':')[0]!, latest.current.answers, session.current);
    }
  };
  const flushUnloading = () => flush(true);

  useEffect(() => {
    void loadDraft(key).then((draft) => {
      if (draft && Object.keys(draft).length > 0) {
        setAnswers(draft as Answers);
        latest.current.answers = draft as Answers;
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
  }, [key]);

  const update = (next: Answers) => {
    setAnswers(next);
    latest.current = { answers: next, dirty: true, sent: false };
    clearTimeout(timer.current);
    timer.current = setTimeout(() => flush(), AUTOSAVE_MS);
  };
  /** After Send the draft is gone (deleted with the outbox write): never write it back. */
  const markSent = (sent = true) => {
    clearTimeout(timer.current);
    latest.current.sent = sent;
  };
  return { answers, update, restored, markSent };
}

/** The seal for the next Send, prepared while the patron fills the form (the key agreement:
 * fresh ECDH key, HKDF), so Send only encrypts (bench/outbox.ts). `take()` hands it over once;
 * after a failed Send (a full disk) `renew()` prepares fresh keys. No server key: no seal. */
function usePreparedSeal(serverKey?: SealingKey) {
  const prepared = useRef<Promise<PreparedSeal> | undefined>(undefined);
  const renew = () => {
    prepared.current = serverKey ? prepareSeal(serverKey.publicKey) : undefined;
    prepared.current?.catch(() => undefined);
  };
  useEffect(() => renew(), [serverKey]);
  const take = async (): Promise<SealingKey | PreparedSeal | undefined> => {
    const ready = prepared.current;
    prepared.current = undefined;
    // If preparing failed (it should not), the key itself seals it at Send.
    return ready ? ready.catch(() => serverKey) : serverKey;
  };
  return { take, renew };
}

function FormFiller({ form, version, serverKey, guideId, visit }: { form: Form; version: number; serverKey?: SealingKey; guideId?: string; visit: number }) {
  const { t, lang } = useI18n();
  const draftKey = guideId ? `${form.id}:${guideId}` : form.id;
  const { answers, update, restored, markSent } = useDraft(draftKey);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  // A ref, not state: re-rendering the form on Send would hold up the outbox write behind it.
  const sending = useRef(false);
  const seal = usePreparedSeal(serverKey);
  const [storageFull, setStorageFull] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  // "Salir" and the idle countdown must know about answers typed a moment ago, before the draft
  // is saved.
  useEffect(() => setUnsentOnScreen(Object.values(answers).some((value) => value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0))), [answers]);
  useEffect(() => () => setUnsentOnScreen(false), []);

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
  };

  const message = (field: FormField, error: FieldError) => {
    if (error.code === 'pattern' && 'pattern' in field && field.pattern) return pickText(field.pattern.message, lang).text;
    // A date limit reads as a date ("14 de marzo de 1952"), not as 1952-03-14.
    const params = Object.fromEntries(Object.entries(error.params ?? {}).map(([key, value]) => [key, typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value, lang) : value]));
    return t(`errors.${error.code}`, params);
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
    const check = validateAnswers(form, answers);
    if (!check.ok) {
      setSubmitted(true);
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    sending.current = true;
    markSent();
    const id = uuidv7();
    const sealWith = seal.take();
    try {
      // Nothing renders before this write is issued: the patron's Send waits only for it.
      await enqueueSubmission(
        { id, formId: form.id, formVersion: version, createdAt: new Date().toISOString(), payload: { answers: check.answers as Record<string, string | number | boolean | string[]>, ...(guideId ? { context: { guideId } } : {}) } },
        draftKey,
        await sealWith,
      );
    } catch (error) {
      // Nothing was stored: the answers stay on screen (and in the draft), and the patron hears why.
      markSent(false);
      sending.current = false;
      seal.renew();
      if (!(error instanceof StorageFullError)) throw error;
      setSubmitted(true);
      setStorageFull(true);
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    navigate(paths.receipt(id));
    requestSubmissionSync();
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
      <button type="submit" class="button-primary" onPointerDown={pressStart}>
        {t('form.send')}
      </button>
    </form>
  );
}
