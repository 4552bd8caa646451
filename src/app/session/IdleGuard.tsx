// After the kiosk's idle time (3 minutes by default) with something to forget, on any screen, a
// full-screen countdown in both languages offers "I'm still here"; when it runs out, the
// session ends. Something to forget: a screen other than home, a screen behind Back, unsent
// answers (also when the patron went home without ending), a language other than the kiosk's,
// or an open librarian panel. Time is read from the clock each second, so a sleeping tab
// cannot cheat it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLiveQuery } from '../../data/live';
import { hasDrafts } from '../../data/session';
import { getKioskSettings } from '../../data/settings';
import { bothLanguages, useI18n } from '../../i18n/i18n';
import { historyDepth, type Route } from '../router';
import { useStore } from '../use-store';
import { ACTIVITY } from './activity';
import { COUNTDOWN_SECONDS } from './countdown';
import { endSession } from './end-session';
import { panelUnlocked } from './librarian-lock';
import { LANG_TAG, languagesFor, SessionDialog } from './SessionDialog';
import { unsentOnScreen } from './unsent';


export function IdleGuard({ route }: { route: Route }) {
  const { lang } = useI18n();
  const settings = useLiveQuery(getKioskSettings, []);
  const lastActivity = useRef(Date.now());
  const [remaining, setRemaining] = useState<number | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const drafts = useLiveQuery(hasDrafts, []);
  const typing = useStore(unsentOnScreen);
  const panelOpen = useStore(panelUnlocked);
  const idleMs = (settings.value?.idleMinutes ?? 3) * 60_000;
  const unsent = drafts.value === true || typing;
  const somethingToForget = route.name !== 'home' || historyDepth() > 0 || unsent || panelOpen || lang !== (settings.value?.defaultLang ?? 'es');

  useEffect(() => {
    const touch = () => {
      if (remaining === null) lastActivity.current = Date.now();
    };
    for (const type of ACTIVITY) window.addEventListener(type, touch, { capture: true, passive: true });
    return () => {
      for (const type of ACTIVITY) window.removeEventListener(type, touch, { capture: true });
    };
  }, [remaining]);

  useEffect(() => {
    lastActivity.current = Date.now();
  }, [route]);

  useEffect(() => {
    const timer = setInterval(() => {
      if (!somethingToForget) return setRemaining(null);
      const idle = Date.now() - lastActivity.current;
      if (idle < idleMs) return setRemaining(null);
      const left = Math.ceil((idleMs + COUNTDOWN_SECONDS * 1000 - idle) / 1000);
      if (left <= 0) {
        setRemaining(null);
        lastActivity.current = Date.now();
        void endSession();
      } else setRemaining(left);
    }, 1000);
    return () => clearInterval(timer);
  }, [idleMs, somethingToForget]);

  const shown = remaining !== null;
  useEffect(() => {
    if (shown) buttonRef.current?.focus();
  }, [shown]);
  if (!shown) return null;

  const both = bothLanguages();
  const order = languagesFor(lang);
  const stay = () => {
    lastActivity.current = Date.now();
    setRemaining(null);
  };
  return (
    // Any tap, on the button or around it, means "still here".
    <SessionDialog id="idle" title={order.map((l) => <span key={l} lang={LANG_TAG[l]}>{both[l]('session.question')}</span>)} onTap={stay} anywhere>
      <div id="idle-text" aria-live="assertive">
        {order.map((l) => (
          <p key={l} lang={LANG_TAG[l]}>
            {both[l]('session.countdown', { count: remaining })}
            {unsent && ` ${both[l]('session.unsentErased')}`}
          </p>
        ))}
      </div>
      <p class="idle-seconds" aria-hidden="true">{remaining}</p>
      <button ref={buttonRef} type="button" class="button-primary" onClick={stay}>
        {order.map((l, i) => (
          <span key={l}>
            {i > 0 && ' · '}
            <span lang={LANG_TAG[l]}>{both[l]('session.stillHere')}</span>
          </span>
        ))}
      </button>
    </SessionDialog>
  );
}
