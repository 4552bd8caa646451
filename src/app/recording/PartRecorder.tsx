// One part of a guide to read aloud: its text, Record / Finish, the draft to hear back, record
// again or throw away, and a file from a phone instead. What is recorded is kept at once
// (data/recordings.ts), so a page left or a kiosk restarted loses nothing.
import { useEffect, useState } from 'preact/hooks';
import { discardDraft, type RecordingRow, type RecordingSaveResult, saveDraftRecording } from '../../data/recordings';
import { StorageFullError } from '../../data/storage-health';
import { useI18n } from '../../i18n/i18n';
import { type ActiveRecording, audioFileDuration, type MicrophoneProblem, startRecording } from './microphone';

export type RecordingProblem = MicrophoneProblem | Exclude<RecordingSaveResult, { ok: true }>['problem'] | 'unreadable' | 'notSaved' | 'whoMissing';

interface Props {
  guideId: string;
  lang: string;
  part: string;
  label: string;
  /** The text the part reads, shown to read from. */
  text: string;
  /** The draft of this part, if one was recorded and not sent. */
  draft?: RecordingRow;
  recordedBy: string;
  onProblem: (problem: RecordingProblem | undefined) => void;
}

export function PartRecorder({ guideId, lang, part, label, text, draft, recordedBy, onProblem }: Props) {
  const { t } = useI18n();
  const [active, setActive] = useState<ActiveRecording | undefined>(undefined);
  const [seconds, setSeconds] = useState(0);
  const playUrl = useObjectUrl(draft?.audio);
  const id = `part-${part}`;

  // A recording running when the page goes is dropped, and the microphone released.
  useEffect(() => () => active?.cancel(), [active]);
  useEffect(() => {
    if (!active) return;
    const started = Date.now();
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 250);
    return () => clearInterval(timer);
  }, [active]);

  const keep = async (audio: Blob, durationMs: number) => {
    try {
      const saved = await saveDraftRecording({ guideId, lang, part, audio, durationMs, recordedBy });
      onProblem(saved.ok ? undefined : saved.problem);
    } catch (error) {
      onProblem(error instanceof StorageFullError ? 'notSaved' : 'invalid');
    }
  };
  const record = async () => {
    if (!recordedBy.trim()) return onProblem('whoMissing');
    onProblem(undefined);
    setSeconds(0);
    const started = await startRecording();
    if (typeof started === 'string') return onProblem(started);
    setActive(started);
  };
  const finish = async () => {
    if (!active) return;
    const { audio, durationMs } = await active.stop();
    setActive(undefined);
    await keep(audio, durationMs);
  };
  const useFile = async (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    if (!recordedBy.trim()) return onProblem('whoMissing');
    const durationMs = await audioFileDuration(file);
    if (durationMs === undefined) return onProblem('unreadable');
    await keep(file, durationMs);
  };

  return (
    <li class="part-recorder" data-part={part}>
      <h3 id={`${id}-label`}>{label}</h3>
      <p class="hint">{t('recording.readThis')}</p>
      <blockquote class="read-aloud" lang={lang === 'es' ? 'es-PE' : lang}>
        {text.split('\n').map((line, i) => (
          <p key={i}>{line}</p>
        ))}
      </blockquote>
      {active ? (
        <button type="button" class="recording-now" aria-describedby={`${id}-label`} onClick={() => void finish()}>
          {t('recording.stop', { seconds })}
        </button>
      ) : (
        <button type="button" aria-describedby={`${id}-label`} onClick={() => void record()}>
          {draft ? t('recording.recordAgain') : t('recording.record')}
        </button>
      )}
      {active && (
        <p role="status" class="notice">
          {t('recording.recording', { seconds })}
        </p>
      )}
      {draft && playUrl && !active && (
        <div class="draft">
          <p>{t('recording.draft', { seconds: Math.round(draft.durationMs / 1000) })}</p>
          <audio controls src={playUrl} aria-label={label} data-testid={`draft-${part}`} />
          <button type="button" aria-describedby={`${id}-label`} onClick={() => void discardDraft(draft.id)}>
            {t('recording.discard')}
          </button>
        </div>
      )}
      {!active && (
        <div class="field">
          <label for={`${id}-file`}>{t('recording.file')}</label>
          <input id={`${id}-file`} type="file" accept="audio/*" onChange={(e) => void useFile(e)} />
        </div>
      )}
    </li>
  );
}

/** An object URL for a Blob while it is shown, revoked after. */
function useObjectUrl(blob: Blob | undefined): string | undefined {
  const [url, setUrl] = useState<string | undefined>(undefined);
  useEffect(() => {
    const next = blob ? URL.createObjectURL(blob) : undefined;
    setUrl(next);
    return () => {
      if (next) URL.revokeObjectURL(next);
    };
  }, [blob]);
  return url;
}
