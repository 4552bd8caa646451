// "Terminar / Tukuy": the patron ends the session themselves, at any time.
import { useI18n } from '../../i18n/i18n';
import { endSession } from './end-session';

export function FinishButton() {
  const { t } = useI18n();
  return (
    <button type="button" class="finish" onClick={() => void endSession()}>
      {t('session.finish')}
    </button>
  );
}
