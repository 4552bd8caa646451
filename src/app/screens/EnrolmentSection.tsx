// In the panel, behind the PIN: which library and server this kiosk is enrolled with, a warning
// when the server no longer accepts its token (revoked), and enrolling again with a new code.
import { useState } from 'preact/hooks';
import { Section } from '../../components/Section';
import { getKioskIdentity, getPushBackoff } from '../../data/kiosk-identity';
import { useLiveQuery } from '../../data/live';
import { useI18n } from '../../i18n/i18n';
import { ENROL_PROBLEM } from '../code-words';
import { enrollKiosk } from '../../sync/enroll';
import { serverOrigin } from '../../sync/server-origin';
import { syncNow } from '../../sync/sync-now';
import { DistrictField } from './DistrictField';
import { EnrolField } from './KioskScreen';

export function EnrolmentSection() {
  const { t } = useI18n();
  const identity = useLiveQuery(getKioskIdentity, []);
  const backoff = useLiveQuery(getPushBackoff, []);
  const [message, setMessage] = useState<{ text: string; error: boolean } | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  if (!identity.value) return null;

  const reenrol = async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    setBusy(true);
    try {
      const outcome = await enrollKiosk({ code: String(data.get('code') ?? ''), library: String(data.get('library') ?? '').trim(), district: String(data.get('district') ?? '') });
      if (outcome.status !== 'enrolled') return setMessage({ text: t(ENROL_PROBLEM[outcome.status]), error: true });
      setMessage({ text: t('librarian.reenrolled', { library: outcome.library }), error: false });
      form.reset();
      void syncNow({ urgent: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title={t('librarian.enrolment')}>
      <dl class="facts">
        <dt>{t('librarian.library')}</dt>
        <dd>{identity.value.library}</dd>
        <dt>{t('kiosk.server')}</dt>
        <dd data-testid="panel-server">{serverOrigin()}</dd>
        <dt>{t('librarian.kioskId')}</dt>
        <dd class="receipt-code">{identity.value.kioskId}</dd>
      </dl>
      {backoff.value?.lastError === 'unauthorized' && (
        <p class="field-error" role="alert">
          {t('librarian.unauthorized')}
        </p>
      )}
      <form class="form" onSubmit={(e) => void reenrol(e)}>
        <p>{t('librarian.reenrolHelp')}</p>
        <EnrolField id="reenrol-code" name="code" label={t('kiosk.code')} maxLength={40} />
        <EnrolField id="reenrol-library" name="library" label={t('kiosk.library')} value={identity.value.library} maxLength={120} />
        <DistrictField idPrefix="reenrol-district" initial={identity.value.district} />
        <button type="submit" disabled={busy}>
          {t('librarian.reenrol')}
        </button>
        {message && (
          <p role="status" class={message.error ? 'field-error' : 'notice'}>
            {message.text}
          </p>
        )}
      </form>
    </Section>
  );
}
