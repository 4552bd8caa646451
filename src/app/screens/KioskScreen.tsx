// Enrolling this kiosk with the library network: an enrolment code and the library's name buy
// the token the kiosk sends submissions with.
import { useState } from 'preact/hooks';
import type { EnrollResponse } from '../../core/protocol';
import { getKioskIdentity, saveKioskIdentity } from '../../data/kiosk-identity';
import { useLiveQuery } from '../../data/live';
import { useI18n } from '../../i18n/i18n';
import { requestSubmissionSync } from '../sync-trigger';
import { ScreenHeading } from './ScreenHeading';

export function KioskScreen({ visit }: { visit: number }) {
  const { t } = useI18n();
  const identity = useLiveQuery(getKioskIdentity, []);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const enroll = async (event: Event) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    setBusy(true);
    setProblem(undefined);
    try {
      const response = await fetch('/api/v1/kiosks/enroll', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: data.get('code'), library: data.get('library') }),
      });
      if (!response.ok) {
        setProblem(t('kiosk.invalid'));
        return;
      }
      const enrolled = (await response.json()) as EnrollResponse;
      await saveKioskIdentity({ kioskId: enrolled.kioskId, token: enrolled.token, library: enrolled.library });
      requestSubmissionSync();
    } catch {
      setProblem(t('kiosk.offline'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ScreenHeading visit={visit}>{t('kiosk.title')}</ScreenHeading>
      {identity.value ? (
        <p class="notice" role="status">{t('kiosk.done', { library: identity.value.library })}</p>
      ) : (
        <form class="form" onSubmit={(e) => void enroll(e)}>
          <p>{t('kiosk.intro')}</p>
          <div class="field">
            <label for="kiosk-code">{t('kiosk.code')}</label>
            <input id="kiosk-code" name="code" required autocomplete="off" />
          </div>
          <div class="field">
            <label for="kiosk-library">{t('kiosk.library')}</label>
            <input id="kiosk-library" name="library" required maxLength={120} />
          </div>
          {problem && <p class="field-error" role="alert">{problem}</p>}
          <button type="submit" class="button-primary" disabled={busy}>
            {t('kiosk.submit')}
          </button>
        </form>
      )}
    </>
  );
}
