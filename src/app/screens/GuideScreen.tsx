import { useEffect, useRef } from 'preact/hooks';
import { GlossaryProvider } from '../../components/Glossary';
import { GuideFacts } from '../../components/GuideFacts';
import { ListenButton } from '../../components/ListenButton';
import { LocalNotesBox } from '../../components/LocalNotesBox';
import { Localized } from '../../components/Localized';
import { OutsideAddress, readableAddress } from '../../components/OutsideAddress';
import { Section } from '../../components/Section';
import type { AudioPart } from '../../core/audio';
import type { Guide } from '../../core/content-schema';
import { FEEDBACK_FORM_ID } from '../../core/feedback-form';
import { pickText } from '../../core/localized';
import { peruDay } from '../../core/peru-day';
import { getCategory, getForm, getGuide, getGuides, listTerms } from '../../data/catalog';
import { useLiveQuery } from '../../data/live';
import { notesForGuide } from '../../data/local-notes';
import { countUsage } from '../../data/usage';
import { formatDate } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { paths } from '../router';
import { QuickExit } from '../session/QuickExit';
import type { UsageSessionTracker } from '../session/usage-session';
import { type GuideListening, useGuideListening } from './guide-listening';
import { GuideUseful } from './GuideUseful';
import { Missing } from './Missing';
import { ScreenHeading } from './ScreenHeading';

/** `sessions`: the patron sessions' memory (session/usage-session.ts), for "was it useful?". */
export function GuideScreen({ id, visit, sessions }: { id: string; visit: number; sessions: UsageSessionTracker }) {
  const { t, lang } = useI18n();
  const guide = useLiveQuery(() => getGuide(id), [id]);
  const terms = useLiveQuery(listTerms, []);
  // What this library wrote on the guide, live: a note saved in the panel or arriving from the
  // library's other kiosks shows without a reload. Shown on sensitive guides too (nothing counted).
  const notes = useLiveQuery(() => notesForGuide(id), [id]);
  // Recorded parts, for patrons who do not read: buttons only where a recording is cached.
  const listening = useGuideListening(guide.value?.id === id ? guide.value : undefined, lang);
  // Only the guide this screen was asked for: right after a link to another guide, the query
  // still holds the last one for a render, and must not count it (or its sensitivity) twice.
  const found = guide.value?.id === id;
  // A guide about violence or abuse: nothing that names it is counted (not its opening, print,
  // QR codes or "was it useful?"), nor the session's unmet searches from now on.
  const sensitive = found && guide.value?.sensitive === true;
  // Once per visit: a catalogue update re-rendering the guide is not another opening.
  useEffect(() => {
    if (sensitive) sessions.sensitiveGuideOpened();
    else if (found) countUsage({ kind: 'guide', id });
  }, [id, visit, found, sensitive, sessions]);
  // A QR code scrolled into view, counted once per visit whichever of the guide's it was.
  const qrCounted = useRef<string | undefined>(undefined);
  const qrShown = () => {
    if (sensitive || qrCounted.current === `${id}:${visit}`) return;
    qrCounted.current = `${id}:${visit}`;
    countUsage({ kind: 'qr', id });
  };
  if (!guide.loaded) return <p>{t('common.loading')}</p>;
  if (!guide.value) {
    return <Missing message={t('guide.notFound')} visit={visit} />;
  }
  const g = guide.value;
  const title = pickText(g.title, lang);
  const listen = (part: AudioPart) => <PartListen part={part} listening={listening} />;
  return (
    <GlossaryProvider terms={terms.value ?? []}>
      <article class={sensitive ? 'guide sensitive' : 'guide'}>
        {sensitive && <QuickExit />}
        <GuideBreadcrumb guide={g} />
        <ScreenHeading visit={visit} lang={title.lang === lang ? undefined : 'es-PE'}>
          {title.text}
        </ScreenHeading>
        {listening.parts.size > 0 && <GuideListen listening={listening} />}
        <p class="agency">
          <span class="label">{t('guide.agency')}:</span> {g.agency}
        </p>
        {listen('summary')}
        <Localized as="p" class="summary" text={g.summary} />
        <p class="no-print">
          <button
            type="button"
            onClick={() => {
              if (!sensitive) countUsage({ kind: 'printed', id: g.id });
              window.print();
            }}
          >
            {t('guide.print')}
          </button>
        </p>

        <LocalNotesBox notes={(notes.value ?? []).filter((note) => note.guideId === id)} />

        <Section title={t('guide.audience')} action={listen('audience')}>
          <Localized as="p" text={g.audience} />
        </Section>

        <GuideFacts requirements={g.requirements} steps={g.steps} cost={g.cost} today={peruDay()} listen={listen} />

        <Section title={t('guide.where')} action={listen('where')}>
          <Localized as="p" text={g.where} />
          {g.online && (
            <div>
              <p>
                <span class="label">{t('guide.online')}: </span>
                <Localized text={g.online.text} />
              </p>
              <OutsideAddress url={g.online.url} qrLabel={t('guide.qr', { address: readableAddress(g.online.url) })} onShown={qrShown} />
            </div>
          )}
        </Section>

        <Section title={t('guide.duration')}>
          <Localized as="p" text={g.duration} />
        </Section>

        {g.problems && (
          <Section title={t('guide.problems')} action={listen('problems')}>
            <Localized as="p" text={g.problems} />
          </Section>
        )}

        <RelatedGuides ids={g.related ?? []} />
        <GuideForms guide={g} sessions={sessions} />

        <Section title={t('guide.source')}>
          <div>
            <p>{t('guide.sourceLink', { agency: g.agency })}</p>
            <OutsideAddress url={g.source} qrLabel={t('guide.qr', { address: readableAddress(g.source) })} onShown={qrShown} />
            <p class="hint no-print">{t('guide.scanHint')}</p>
          </div>
          <p class="meta">
            {t('guide.reviewed', { date: formatDate(g.reviewed, lang) })}
            {/* On paper only, on the same line: a patron who takes it home knows how old it is. */}
            <span class="print-only"> · {t('guide.printedOn', { date: formatDate(peruDay(), lang) })}</span>
          </p>
        </Section>
      </article>
    </GlossaryProvider>
  );
}

/** The large "Escuchar" at the top: every recorded part in order. It says "in Spanish" when no
 * part is in the patron's language, and "older than the text" when any part is. */
function GuideListen({ listening }: { listening: GuideListening }) {
  const { t } = useI18n();
  const parts = [...listening.parts.values()];
  return (
    <p class="listen-guide no-print">
      <ListenButton large playing={listening.playing === 'all'} onToggle={() => listening.toggle('all')} inSpanish={parts.every((p) => p.fallback)} stale={parts.some((p) => p.stale)} />
      {listening.failed && (
        <span role="status" class="listen-failed">
          {' '}
          {t('listen.failed')}
        </span>
      )}
    </p>
  );
}

/** A part's own "Escuchar", named by the part ("Escuchar: Paso 2"); nothing when it has no
 * recording to play. */
function PartListen({ part, listening }: { part: AudioPart; listening: GuideListening }) {
  const { t } = useI18n();
  const playable = listening.parts.get(part);
  if (!playable) return null;
  const step = /^step-(\d+)$/.exec(part);
  const partName = step ? t('listen.parts.step', { n: step[1] }) : t(`listen.parts.${part as Exclude<AudioPart, `step-${number}`>}`);
  return <ListenButton partName={partName} playing={listening.playing === part} onToggle={() => listening.toggle(part)} inSpanish={playable.fallback} stale={playable.stale} />;
}

/** Other guides this one sends the patron to ("first get your CSE"), as links. */
function RelatedGuides({ ids }: { ids: string[] }) {
  const { t, lang } = useI18n();
  const related = useLiveQuery(() => getGuides(ids), [ids.join(',')]);
  if (!related.value || related.value.length === 0) return null;
  return (
    <div class="no-print">
      <Section title={t('guide.related')}>
        <ul class="form-links">
          {related.value.map((other) => {
            const title = pickText(other.title, lang);
            return (
              <li key={other.id}>
                <a class="button" href={paths.guide(other.id)} lang={title.lang === lang ? undefined : 'es-PE'}>
                  {title.text}
                </a>
              </li>
            );
          })}
        </ul>
      </Section>
    </div>
  );
}

/** The forms a patron can fill here for this service, "was it useful?", and the feedback form
 * every guide has. */
function GuideForms({ guide, sessions }: { guide: Guide; sessions: UsageSessionTracker }) {
  const { t, lang } = useI18n();
  const ids = guide.forms ?? [];
  const forms = useLiveQuery(async () => (await Promise.all([...ids, FEEDBACK_FORM_ID].map((id) => getForm(id)))).filter((f) => f !== undefined), [ids.join(',')]);
  const service = (forms.value ?? []).filter((f) => f.id !== FEEDBACK_FORM_ID);
  // No "was it useful?" and no feedback form on a sensitive guide: the answer would be counted
  // by the guide's id, and the comment would name it in the outbox.
  const feedback = guide.sensitive ? undefined : (forms.value ?? []).find((f) => f.id === FEEDBACK_FORM_ID);
  return (
    <div class="no-print">
      {service.length > 0 && (
        <Section title={t('form.forms')}>
          <ul class="form-links">
            {service.map((form) => {
              const title = pickText(form.data.title, lang);
              return (
                <li key={form.id}>
                  <a class="button" href={paths.form(form.id)} lang={title.lang === lang ? undefined : 'es-PE'}>
                    {title.text}
                  </a>
                </li>
              );
            })}
          </ul>
        </Section>
      )}
      {!guide.sensitive && <GuideUseful key={guide.id} guideId={guide.id} feedbackHref={feedback ? paths.form(FEEDBACK_FORM_ID, guide.id) : undefined} sessions={sessions} />}
      {feedback && (
        <p class="feedback-link">
          <a href={paths.form(FEEDBACK_FORM_ID, guide.id)}>{t('form.feedback')}</a>
        </p>
      )}
    </div>
  );
}

function GuideBreadcrumb({ guide }: { guide: Guide }) {
  const { t, lang } = useI18n();
  const category = useLiveQuery(() => getCategory(guide.category), [guide.category]);
  const name = category.value ? pickText(category.value.name, lang) : undefined;
  return (
    <nav class="breadcrumb no-print" aria-label={t('nav.breadcrumb')}>
      <a href={paths.home()}>{t('nav.home')}</a>
      {name && (
        <>
          {' › '}
          <a href={paths.category(guide.category)} lang={name.lang === lang ? undefined : 'es-PE'}>
            {name.text}
          </a>
        </>
      )}
    </nav>
  );
}
