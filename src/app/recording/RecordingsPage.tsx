// The panel's page for reading guides aloud (issue 17): pick a guide and the language you read
// in, record each part (summary, who it is for, what to bring, each step, cost, where, problems),
// hear it back, and send. Sent recordings go with the next sync, in chunks a bad link can
// resume, or in the USB outbox file; an editor of the network approves them before any kiosk
// plays them. Reached from the panel only, like the local notes.
import { useEffect, useState } from 'preact/hooks';
import type { TFunction } from 'i18next';
import { Section } from '../../components/Section';
import { guideParts, partText } from '../../core/audio';
import { languageOf } from '../../core/lang';
import { pickText } from '../../core/localized';
import { getGuide } from '../../data/catalog';
import { useLiveQuery } from '../../data/live';
import { guideChoices } from '../../data/local-notes-edit';
import { allRecordings, forgetRecording, lastRecorder, type RecordingRow, sendDrafts } from '../../data/recordings';
import { useI18n } from '../../i18n/i18n';
import { syncNow } from '../../sync/sync-now';
import { ScreenHeading } from '../screens/ScreenHeading';
import { PartRecorder, type RecordingProblem } from './PartRecorder';
import { LanguageOptions } from '../../components/LanguageOptions';

/** A part's name as the guide screen heads it. */
export function partLabel(t: TFunction, part: string): string {
  const step = /^step-(\d+)$/.exec(part);
  if (step) return t('recording.parts.step', { n: step[1] });
  if (part === 'summary') return t('recording.parts.summary');
  return t(`guide.${part as 'audience' | 'requirements' | 'cost' | 'where' | 'problems'}`);
}

export function RecordingsPage({ visit, onBack }: { visit: number; onBack: () => void }) {
  const { t, lang: uiLang } = useI18n();
  const choices = useLiveQuery(guideChoices, []);
  const [guideId, setGuideId] = useState('');
  const [lang, setLang] = useState<string>(uiLang);
  const [recordedBy, setRecordedBy] = useState('');
  const [problem, setProblem] = useState<RecordingProblem | undefined>(undefined);
  const [message, setMessage] = useState('');
  const guide = useLiveQuery(() => (guideId ? getGuide(guideId) : Promise.resolve(undefined)), [guideId]);
  const recordings = useLiveQuery(allRecordings, []);
  useEffect(() => void lastRecorder().then((name) => setRecordedBy((typed) => typed || name)), []);

  const titles = new Map((choices.value ?? []).map((choice) => [choice.id, pickText(choice.title, uiLang).text]));
  const sorted = [...titles].sort((a, b) => a[1].localeCompare(b[1], 'es'));
  const drafts = (recordings.value ?? []).filter((r) => r.status === 'draft' && r.guideId === guideId && r.lang === lang);
  const sent = (recordings.value ?? []).filter((r) => r.status !== 'draft');
  const parts = guide.value ? guideParts(guide.value).flatMap((part) => {
    const text = partText(guide.value!, part, lang);
    return text === undefined ? [] : [{ part, text }];
  }) : [];

  const send = async () => {
    const count = await sendDrafts(guideId, lang);
    setMessage(count > 0 ? t('recording.sent') : t('recording.nothingToSend'));
    if (count > 0) void syncNow({ urgent: true });
  };

  return (
    <div class="panel recordings-page">
      <p>
        <button type="button" onClick={onBack}>
          {t('usage.back')}
        </button>
      </p>
      <ScreenHeading visit={visit}>{t('recording.section')}</ScreenHeading>
      <p>{t('recording.sectionHelp')}</p>
      <div class="form">
        <div class="field">
          <label for="recording-guide">{t('recording.guide')}</label>
          <select id="recording-guide" value={guideId} onChange={(e) => setGuideId((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">{t('recording.chooseGuide')}</option>
            {sorted.map(([id, title]) => (
              <option key={id} value={id}>
                {title}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="recording-lang">{t('recording.lang')}</label>
          <select id="recording-lang" value={lang} onChange={(e) => setLang((e.currentTarget as HTMLSelectElement).value)}>
            <LanguageOptions />
          </select>
        </div>
        <div class="field">
          <label for="recording-who">{t('recording.who')}</label>
          <p class="hint" id="recording-who-hint">
            {t('recording.whoHint')}
          </p>
          <input id="recording-who" aria-describedby="recording-who-hint" maxLength={80} autocomplete="off" value={recordedBy} onInput={(e) => setRecordedBy((e.currentTarget as HTMLInputElement).value)} />
        </div>
      </div>
      <p role="alert" class={problem ? 'error' : undefined}>
        {problem && t(problem === 'whoMissing' ? 'recording.whoMissing' : `recording.problems.${problem}`)}
      </p>

      {guide.value && (
        <section class="guide-section" aria-labelledby="recording-parts">
          <h2 id="recording-parts">{titles.get(guideId)}</h2>
          {parts.length === 0 && <p>{t('recording.noParts')}</p>}
          <ol class="part-list">
            {parts.map(({ part, text }) => (
              <PartRecorder
                key={`${guideId}/${lang}/${part}`}
                guideId={guideId}
                lang={lang}
                part={part}
                label={partLabel(t, part)}
                text={text}
                draft={drafts.find((d) => d.part === part)}
                recordedBy={recordedBy}
                onProblem={setProblem}
              />
            ))}
          </ol>
          {parts.length > 0 && (
            <button type="button" class="primary" onClick={() => void send()}>
              {t('recording.send', { count: drafts.length })}
            </button>
          )}
          <p role="status">{message}</p>
        </section>
      )}

      <Section title={t('recording.list')}>
        {sent.length === 0 && <p>{t('recording.empty')}</p>}
        {sent.length > 0 && (
          <ul class="recording-list" data-testid="recording-list">
            {sent.map((row) => (
              <SentRecording key={row.id} row={row} title={titles.get(row.guideId) ?? row.guideId} />
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}

function SentRecording({ row, title }: { row: RecordingRow; title: string }) {
  const { t } = useI18n();
  const settled = row.status === 'approved' || row.status === 'rejected' || row.status === 'refused';
  const status =
    row.status === 'waiting'
      ? row.received > 0
        ? t('recording.status.uploading', { percent: Math.floor((row.received / row.bytes) * 100) })
        : t('recording.status.waiting')
      : row.status === 'rejected' || row.status === 'refused'
        ? t(`recording.status.${row.status}`, { reason: row.reason ?? '' })
        : t(`recording.status.${row.status as 'pending' | 'approved'}`);
  return (
    <li class={`recording-entry status-${row.status}`}>
      <span>
        {title} · {partLabel(t, row.part)} · <span lang={languageOf(row.lang).tag}>{languageOf(row.lang).name}</span>
      </span>
      <strong>{status}</strong>
      {settled && (
        <button type="button" onClick={() => void forgetRecording(row.id)}>
          {t('recording.forget')}
        </button>
      )}
    </li>
  );
}
