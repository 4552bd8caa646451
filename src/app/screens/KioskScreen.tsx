// First run: the librarian enrols the kiosk with the library network (enrolment code, library
// name, the library's district for the network's report) and chooses the PIN that opens the
// librarian panel. The server is not asked for: the
// kiosk talks only to the one it was built for (src/sync/server-origin.ts), so nobody standing
// at an unenrolled kiosk can point it at a server of their own. Once enrolled, this screen only
// says so: enrolling again is done from the panel, behind the PIN.
import { useState } from 'preact/hooks';
import { isAcceptablePin } from '../../core/pin';
import { getKioskIdentity } from '../../data/kiosk-identity';
import { requestPersistentStorage } from '../../data/storage';
import { useLiveQuery } from '../../data/live';
import { useI18n } from '../../i18n/i18n';
import { ENROL_PROBLEM } from '../code-words';
import { enrollKiosk } from '../../sync/enroll';
import { serverOrigin } from '../../sync/server-origin';
import { paths } from '../router';
import { panelUnlocked } from '../session/librarian-lock';
import { requestSubmissionSync } from '../sync-trigger';
import { DistrictField } from './DistrictField';
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
    setBusy(true);
    setProblem(undefined);
    try {
      const outcome = await enrollKiosk({ code: String(data.get('code') ?? ''), library: String(data.get('library') ?? '').trim(), district: String(data.get('district') ?? ''), pin });
      if (outcome.status !== 'enrolled') return setProblem(t(ENROL_PROBLEM[outcome.status]));
      // The librarian just chose the PIN: no need to type it again right away.
      panelUnlocked.set(true);
      requestSubmissionSync();
      // An enrolled kiosk keeps patrons' submissions: ask the browser never to evict its data.
      void requestPersistentStorage();
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
          <p>
            <span class="label">{t('kiosk.server')}:</span> <span data-testid="kiosk-server">{serverOrigin()}</span>
          </p>
          <EnrolField id="kiosk-code" name="code" label={t('kiosk.code')} maxLength={40} />
          <EnrolField id="kiosk-library" name="library" label={t('kiosk.library')} maxLength={120} />
          <DistrictField idPrefix="kiosk-district" />
          <EnrolField id="kiosk-pin" name="pin" label={t('librarian.setPin')} type="password" numeric maxLength={8} />
          <EnrolField id="kiosk-pin2" name="pin2" label={t('librarian.confirmPin')} type="password" numeric maxLength={8} />
          {problem && <p class="field-error" role="alert">{problem}</p>}
          <button type="submit" class="button-primary" disabled={busy}>
            {t('kiosk.submit')}
          </button>
        </form>
      )}
    </>
  );
}

export function EnrolField({ id, name, label, type = 'text', value, numeric, maxLength }: { id: string; name: string; label: string; type?: string; value?: string; numeric?: boolean; maxLength: number }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input id={id} name={name} type={type} required defaultValue={value} autocomplete="off" inputMode={numeric ? 'numeric' : undefined} maxLength={maxLength} />
    </div>
  );
}
