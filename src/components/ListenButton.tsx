// A button that plays a recorded part of a guide (or the whole guide) in a human voice, for
// patrons who do not read: "Escuchar" / "Uyariy", pressed while it plays, then "Stop". Beside it,
// in the patron's language, whether the voice is Spanish (no Quechua recording of that part) and
// whether it was recorded from an earlier text of the guide.
import { useI18n } from '../i18n/i18n';

interface Props {
  /** What it plays, for assistive technology: "Paso 2"; none for the whole guide. */
  partName?: string;
  playing: boolean;
  onToggle: () => void;
  /** The large button at the top of a guide. */
  large?: boolean;
  /** The recording is in Spanish, the patron chose another language. */
  inSpanish?: boolean;
  stale?: boolean;
}

export function ListenButton({ partName, playing, onToggle, large, inSpanish, stale }: Props) {
  const { t, lang } = useI18n();
  const label = partName === undefined ? (playing ? t('listen.stop') : t('listen.allLabel')) : t(playing ? 'listen.stopPart' : 'listen.part', { part: partName });
  return (
    <span class={large ? 'listen listen-large no-print' : 'listen no-print'}>
      <button type="button" class="listen-button" aria-pressed={playing} aria-label={label} onClick={onToggle}>
        <span aria-hidden="true">{playing ? '■ ' : '▶ '}</span>
        {playing ? t('listen.stop') : t('listen.all')}
      </button>
      {inSpanish && (
        <small class="fallback-notice" lang={lang}>
          {' '}
          ({t('listen.inSpanish')})
        </small>
      )}
      {stale && (
        <small class="stale-audio" lang={lang}>
          {' '}
          {t('listen.stale')}
        </small>
      )}
    </span>
  );
}
