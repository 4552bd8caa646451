// "Salir / Lluqsiy": the patron ends the session themselves, at any time. With answers typed and
// not sent it asks first, in the patron's language first, and the button that erases says so.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLiveQuery } from '../../data/live';
import { hasDrafts } from '../../data/session';
import { bothLanguages, useI18n } from '../../i18n/i18n';
import { endSession } from './end-session';
import { LANG_TAG, languagesFor, SessionDialog } from './SessionDialog';
import { useStore } from '../use-store';
import { unsentOnScreen } from './unsent';

export function FinishButton() {
  const { t, lang } = useI18n();
  const drafts = useLiveQuery(hasDrafts, []);
  const typing = useStore(unsentOnScreen);
  const [asking, setAsking] = useState(false);
  const stayRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) stayRef.current?.focus();
  }, [asking]);

  const finish = () => {
    if (drafts.value || typing) setAsking(true);
    else void endSession();
  };
  const both = bothLanguages();
  const order = languagesFor(lang);
  return (
    <>
      <button type="button" class="finish" onClick={finish}>
        {t('session.finish')}
      </button>
      {asking && (
        <SessionDialog id="erase" title={order.map((l) => <span key={l} lang={LANG_TAG[l]}>{both[l]('session.eraseQuestion')}</span>)} onTap={() => setAsking(false)}>
          <div id="erase-text">
            {order.map((l) => (
              <p key={l} lang={LANG_TAG[l]}>
                {both[l]('session.eraseExplained')}
              </p>
            ))}
          </div>
          <div class="dialog-actions">
            <button ref={stayRef} type="button" class="button-primary" onClick={() => setAsking(false)}>
              {t('session.keepWriting')}
            </button>
            <button
              type="button"
              class="button-danger"
              onClick={() => {
                setAsking(false);
                void endSession();
              }}
            >
              {t('session.eraseAndLeave')}
            </button>
          </div>
        </SessionDialog>
      )}
    </>
  );
}
