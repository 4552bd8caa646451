// The librarian's door: enrolment on first run, then the PIN (with its growing lockout), then
// the panel. Patron screens never show any of this.
import { useState } from 'preact/hooks';
import { getKioskIdentity } from '../../data/kiosk-identity';
import { pinLockedUntil, unlockWithPin } from '../../data/librarian';
import { useLiveQuery } from '../../data/live';
import { StorageFullError } from '../../data/storage-health';
import { formatTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { panelUnlocked } from '../session/librarian-lock';
import { useStore } from '../use-store';
import { KioskScreen } from './KioskScreen';
import { LibrarianPanel } from './LibrarianPanel';
import { ScreenHeading } from './ScreenHeading';

export function LibrarianScreen({ visit }: { visit: number }) {
  const { t } = useI18n();
  const identity = useLiveQuery(getKioskIdentity, []);
  const lockedUntil = useLiveQuery(() => pinLockedUntil(), []);
  const unlocked = useStore(panelUnlocked);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [checking, setChecking] = useState(false);

  if (!identity.loaded) return <p>{t('common.loading')}</p>;
  if (!identity.value) return <KioskScreen visit={visit} />;
  if (unlocked) return <LibrarianPanel visit={visit} />;

  const lockMessage = (until: string) => t('librarian.locked', { time: formatTime(new Date(until)) });
  const unlock = async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const pin = String(new FormData(form).get('pin') ?? '');
    setChecking(true);
    try {
      const result = await unlockWithPin(pin);
      if (result.ok) {
        setProblem(undefined);
        panelUnlocked.set(true);
      } else setProblem(result.lockedUntil ? lockMessage(result.lockedUntil) : t('librarian.wrongPin'));
    } catch (error) {
      // A wrong try that could not be recorded (no space left) is still refused.
      if (!(error instanceof StorageFullError)) throw error;
      setProblem(t('storage.full'));
    } finally {
      setChecking(false);
      form.reset();
    }
  };
  return (
    <form class="form" onSubmit={(e) => void unlock(e)}>
      <ScreenHeading visit={visit}>{t('librarian.title')}</ScreenHeading>
      <div class="field">
        <label for="librarian-pin">{t('librarian.pin')}</label>
        <input id="librarian-pin" name="pin" type="password" inputMode="numeric" autocomplete="off" required maxLength={8} disabled={checking} />
      </div>
      {(problem ?? (lockedUntil.value ? lockMessage(lockedUntil.value) : undefined)) && (
        <p class="field-error" role="alert">
          {problem ?? lockMessage(lockedUntil.value!)}
        </p>
      )}
      <button type="submit" class="button-primary" disabled={checking}>
        {t('librarian.unlock')}
      </button>
    </form>
  );
}
