// Feeds the usage session tracker (usage-session.ts) from the page: the patron's taps, keys and
// movements, the page being closed, the librarian panel (the library's own use, not a patron's
// session), and the kiosk's idle time.
import { flushUsage } from '../../data/usage';
import { getKioskSettings } from '../../data/settings';
import { PRESENCE, STARTS } from './activity';
import { panelUnlocked } from './librarian-lock';
import { type UsageSessionTracker, usageSessions } from './usage-session';


/** Starts counting the page's sessions; returns a function that stops. */
export function startUsageCounting(tracker: UsageSessionTracker = usageSessions, target: Window = window): () => void {
  const interaction = () => tracker.interaction();
  const presence = () => tracker.presence();
  // The kiosk switched off or the browser closed: the session in progress is counted and
  // written while the page can still write.
  const closing = () => tracker.end();
  const hidden = () => {
    if (target.document.visibilityState === 'hidden') void flushUsage();
  };
  const readIdleTime = () => void getKioskSettings().then((settings) => tracker.setIdleMinutes(settings.idleMinutes), () => undefined);
  for (const type of STARTS) target.addEventListener(type, interaction, { capture: true, passive: true });
  for (const type of PRESENCE) target.addEventListener(type, presence, { capture: true, passive: true });
  target.addEventListener('pagehide', closing);
  target.document.addEventListener('visibilitychange', hidden);
  readIdleTime();
  const stopPanel = panelUnlocked.subscribe((open) => {
    if (open) return tracker.panelOpened();
    // Leaving the panel ends the librarian's session, not counted: the next tap is a patron's.
    // The idle time may have just been changed there.
    tracker.end();
    readIdleTime();
  });
  return () => {
    for (const type of STARTS) target.removeEventListener(type, interaction, { capture: true });
    for (const type of PRESENCE) target.removeEventListener(type, presence, { capture: true });
    target.removeEventListener('pagehide', closing);
    target.document.removeEventListener('visibilitychange', hidden);
    stopPanel();
  };
}
