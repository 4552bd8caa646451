// Ending a patron's session (idle timeout, "Terminar / Tukuy", or at start when the last one
// never ended): unsent answers are erased, the panel locks, the screen goes home with no
// earlier screen behind Back, and the language returns to the kiosk's default.
import { forgetDraftsOlderThan, forgetPatronSession } from '../../data/session';
import { getKioskSettings } from '../../data/settings';
import { currentLang, rememberKioskDefaultLang, setLang } from '../../i18n/i18n';
import { navigate, paths, rewindHistory } from '../router';
import { COUNTDOWN_SECONDS } from './countdown';
import { panelUnlocked } from './librarian-lock';
import { renewSessionId, startedFresh } from './tab-session';
import { usageSessions } from './usage-session';

export async function endSession(): Promise<void> {
  // Counted while the patron's language is still on screen; the counts hold no patron data,
  // so they stay.
  usageSessions.end();
  // Leave the form first, so nothing on screen can write a draft back afterwards.
  panelUnlocked.set(false);
  navigate(paths.home(), { replace: true });
  await forgetPatronSession({ receipts: true });
  renewSessionId();
  rewindHistory();
  await setLang((await getKioskSettings()).defaultLang);
}

/** At start: a new browser session means the last patron's never ended (a crash, a power cut,
 * a closed browser), so it ends now, in the kiosk's language; a reload keeps the session, but
 * drafts left longer than the idle time are erased, as the countdown would have done. Runs
 * beside the language's loading (`i18nReady`), and checks the language once that is done. */
export async function endLeftoverSession(i18nReady: Promise<void>, now = new Date()): Promise<void> {
  const settings = await getKioskSettings();
  rememberKioskDefaultLang(settings.defaultLang);
  if (startedFresh()) await forgetPatronSession();
  else await forgetDraftsOlderThan(new Date(now.getTime() - settings.idleMinutes * 60_000 - COUNTDOWN_SECONDS * 1000));
  await i18nReady;
  if (startedFresh() && currentLang() !== settings.defaultLang) await setLang(settings.defaultLang);
}
