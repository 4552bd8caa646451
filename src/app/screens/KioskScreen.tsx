// First run: the librarian enrols the kiosk with the library network (server, enrolment code,
// library name) and chooses the PIN that opens the librarian panel.
import { useState } from 'preact/hooks';
import { isAcceptablePin } from '../../core/pin';
import type { EnrollResponse } from '../../core/protocol';
import { getKioskIdentity, saveKioskIdentity } from '../../data/kiosk-identity';
import { setPin } from '../../data/librarian';
import { useLiveQuery } from '../../data/live';
import { useI18n } from '../../i18n/i18n';
import { paths } from '../router';
import { setPanelUnlocked } from '../session/librarian-lock';
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
    const pin = String(data.get('pin') ?? '');
    if (!isAcceptablePin(pin)) return setProblem(t('librarian.pinWeak'));
    if (pin !== data.get('pin2')) return setProblem(t('librarian.pinMismatch'));
    const serverUrl = new URL(String(data.get('server') || location.origin)).origin;
    setBusy(true);
    setProblem(undefined);
    try {
      const response = await fetch(`${serverUrl}/api/v1/kiosks/enroll`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: data.get('code'), library: data.get('library') }),
      });
      if (!response.ok) {
        setProblem(t('kiosk.invalid'));
        return;
      }
      const enrolled = (await response.json()) as EnrollResponse;
      await setPin(pin);
      await saveKioskIdentity({ kioskId: enrolled.kioskId, token: enrolled.token, library: enrolled.library, serverUrl });
      // The librarian just chose the PIN: no need to type it again right away.
      setPanelUnlocked(true);
      requestSubmissionSync();
    } catch {
      setProblem(t('kiosk.offline'));
    } finally {
      setBusy(false);
    }
  };

  if (!identity.loaded) return <p>{t('common.loading')}</p>;
  return (
    <>
      <ScreenHeading visit={visit}>{t('kiosk.title')}</ScreenHeading>
      {identity.value ? (
        <>
          <p class="notice" role="status">{t('kiosk.done', { library: identity.value.library })}</p>
          <a class="button" href={paths.librarian()}>{t('librarian.title')}</a>
        </>
      ) : (
        <form class="form" onSubmit={(e) => void enroll(e)}>
          <p>{t('kiosk.intro')}</p>
          <Field id="kiosk-server" name="server" label={t('librarian.serverUrl')} type="url" value={location.origin} />
          <Field id="kiosk-code" name="code" label={t('kiosk.code')} />
          <Field id="kiosk-library" name="library" label={t('kiosk.library')} />
          <Field id="kiosk-pin" name="pin" label={t('librarian.setPin')} type="password" numeric />
          <Field id="kiosk-pin2" name="pin2" label={t('librarian.confirmPin')} type="password" numeric />
          {problem && <p class="field-error" role="alert">{problem}</p>}
          <button type="submit" class="button-primary" disabled={busy}>
            {t('kiosk.submit')}
          </button>
        </form>
      )}
    </>
  );
}

function Field({ id, name, label, type = 'text', value, numeric }: { id: string; name: string; label: string; type?: string; value?: string; numeric?: boolean }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input id={id} name={name} type={type} required defaultValue={value} autocomplete="off" inputMode={numeric ? 'numeric' : undefined} maxLength={120} />
    </div>
  );
}
