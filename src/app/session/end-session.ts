// Ending a patron's session (idle timeout or "Terminar / Tukuy"): unsent answers are erased,
// the screen goes home, and the language returns to the kiosk's default for the next person.
import { forgetPatronSession } from '../../data/session';
import { getKioskSettings } from '../../data/settings';
import { setLang } from '../../i18n/i18n';
import { navigate, paths } from '../router';
import { setPanelUnlocked } from './librarian-lock';

export async function endSession(): Promise<void> {
  // Leave the form first, so nothing on screen can write a draft back afterwards.
  setPanelUnlocked(false);
  navigate(paths.home(), { replace: true });
  await forgetPatronSession();
  await setLang((await getKioskSettings()).defaultLang);
}
