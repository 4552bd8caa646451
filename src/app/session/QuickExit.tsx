// "Salir rápido / Usqhaylla lluqsiy": on a guide about violence or abuse (`sensitive: true` in
// content), for a patron who must hide what they were reading, at once, from someone who shares
// their home or looks over their shoulder. It never asks (that is what "Salir" does with unsent
// answers): the session ends as every session does (end-session.ts), and the screen is the home
// screen, scrolled to the top, with nothing behind Back.
//
// Fixed at the bottom right of the screen, big, in both languages (the patron's first), so it is
// there whatever was scrolled and whoever reads. From the keyboard: a Tab reaches it like any
// button, and Escape twice within ESCAPE_WINDOW_MS works from anywhere on the page. Twice, so
// that the Escape that closes a glossary box does not leave; not a letter key, which a patron
// typing in the search box would press.
import { useEffect, useState } from 'preact/hooks';
import { bothLanguages, loadBothLanguages, useI18n } from '../../i18n/i18n';
import { endSession } from './end-session';
import { LANG_TAG, languagesFor } from './SessionDialog';

export const ESCAPE_WINDOW_MS = 1500;

/** Ends the session now: no question, home, nothing behind Back, nothing of the guide on screen. */
export async function quickExit(): Promise<void> {
  // Out of the search box and the button: nothing keeps the focus that the guide gave it.
  if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
  window.scrollTo(0, 0);
  await endSession();
}

export function QuickExit() {
  const { lang } = useI18n();
  // The button works at once, in the patron's language; the other label follows as soon as its
  // strings are there (Quechua's may still be on their way just after the kiosk started).
  const [bothReady, setBothReady] = useState(false);
  useEffect(() => {
    let shown = true;
    void loadBothLanguages().then(() => shown && setBothReady(true));
    return () => {
      shown = false;
    };
  }, []);
  useEffect(() => {
    let lastEscape = -Infinity;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.repeat) return;
      if (event.timeStamp - lastEscape <= ESCAPE_WINDOW_MS) void quickExit();
      lastEscape = event.timeStamp;
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  const both = bothLanguages();
  const order = bothReady ? languagesFor(lang) : languagesFor(lang).slice(0, 1);
  return (
    <div class="quick-exit no-print">
      <button type="button" onClick={() => void quickExit()}>
        {order.map((l, i) => (
          <span key={l} lang={LANG_TAG[l]}>
            {/* Heard between the two names, not seen: each name has its own line. */}
            {i > 0 && <span class="visually-hidden"> / </span>}
            {both[l]('session.quickExit')}
          </span>
        ))}
      </button>
      <p class="quick-exit-keys" lang={LANG_TAG[order[0]!]}>
        {both[order[0]!]('session.quickExitKeys')}
      </p>
    </div>
  );
}
