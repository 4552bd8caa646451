// The librarian panel: connection and sync times, the catalogue, the outbox by status (form,
// time and receipt code, never a patron's answers), this kiosk's usage and the library's local
// notes (each its own page, opened from here), storage, settings, Sync now.
import { useEffect, useState } from 'preact/hooks';
import { Section } from '../../components/Section';
import type { Lang } from '../../core/lang';
import { pickText } from '../../core/localized';
import { catalogueCounts, formTitles } from '../../data/catalog';
import { getKioskIdentity, lastDeliveryTime } from '../../data/kiosk-identity';
import { useLiveQuery } from '../../data/live';
import { listOutboxEntries, retrySubmissions } from '../../data/outbox';
import { getKioskSettings, saveKioskSettings } from '../../data/settings';
import { requestPersistentStorage, storageStatus } from '../../data/storage';
import { readSyncInfo } from '../../data/sync-state';
import { agoKey } from '../../i18n/ago';
import { formatBytes, formatDate, formatTime } from '../../i18n/format';
import { rememberKioskDefaultLang, useI18n } from '../../i18n/i18n';
import { syncNow } from '../../sync/sync-now';
import { syncRunning } from '../../sync/sync-status';
import { OUTBOX_REASON, SYNC_ERROR } from '../code-words';
import { useConnection } from '../connection';
import { panelUnlocked } from '../session/librarian-lock';
import { useStore } from '../use-store';
import { AudioSection } from './AudioSection';
import { EnrolmentSection } from './EnrolmentSection';
import { ScreenHeading } from './ScreenHeading';
import { UsageReport } from './UsageReport';
import { UsbSection } from './UsbSection';
import { LocalNotesPage } from './LocalNotesPage';
import { RecordingsPage } from '../recording/RecordingsPage';
import { LanguageOptions } from '../../components/LanguageOptions';

type SubPage = 'usage' | 'notes' | 'recordings';

/** The panel, or the usage page or the local notes page in its place. Each page lives inside the
 * panel (no route of its own), so it shows only while the panel is unlocked, and leaving by any
 * link or Back locks them all. */
export function LibrarianPanel({ visit }: { visit: number }) {
  const [page, setPage] = useState<SubPage | undefined>(undefined);
  // Each switch moves focus to the new view's heading, as a navigation does.
  const [switches, setSwitches] = useState(0);
  const show = (next: SubPage | undefined) => {
    setPage(next);
    setSwitches((n) => n + 1);
  };
  if (page === 'usage') return <UsageReport visit={visit + switches} onBack={() => show(undefined)} />;
  if (page === 'notes') return <LocalNotesPage visit={visit + switches} onBack={() => show(undefined)} />;
  if (page === 'recordings') return <RecordingsPage visit={visit + switches} onBack={() => show(undefined)} />;
  return <PanelHome visit={visit + switches} onUsage={() => show('usage')} onNotes={() => show('notes')} onRecordings={() => show('recordings')} />;
}

function PanelHome({ visit, onUsage, onNotes, onRecordings }: { visit: number; onUsage: () => void; onNotes: () => void; onRecordings: () => void }) {
  const { t, lang } = useI18n();
  const identity = useLiveQuery(getKioskIdentity, []);
  const sync = useLiveQuery(readSyncInfo, []);
  const deliveredAt = useLiveQuery(lastDeliveryTime, []);
  const { connection, networkThere, contact } = useConnection();
  const counts = useLiveQuery(catalogueCounts, []);
  const outbox = useLiveQuery(listOutboxEntries, []);
  const titles = useLiveQuery(formTitles, []);
  const syncing = useStore(syncRunning);
  const when = (iso?: string) => (iso ? `${formatDate(iso, lang)}, ${formatTime(new Date(iso))}` : t('librarian.never'));
  const ago = (iso?: string) => {
    if (!iso) return t('librarian.never');
    const { key, count } = agoKey(new Date(iso), new Date());
    return `${t(key, { count })} (${when(iso)})`;
  };
  const connectionText = !networkThere
    ? t('librarian.noNetwork')
    : connection === 'online'
      ? t('librarian.contactOk', { ago: ago(contact?.at) })
      : t(connection === 'failing' ? 'librarian.contactFailing' : 'librarian.contactUnreachable', { ago: ago(contact?.lastOkAt) });

  return (
    <div class="panel">
      <ScreenHeading visit={visit}>{t('librarian.title')}</ScreenHeading>
      <p>
        <span class="label">{t('librarian.library')}:</span> {identity.value?.library}
      </p>
      <Section title={t('librarian.connection')}>
        <dl class="facts">
          <dt>{t('status.label')}</dt>
          <dd data-testid="panel-connection">{connectionText}</dd>
          <dt>{t('librarian.lastPull')}</dt>
          <dd data-testid="last-pull">{ago(sync.value?.lastPullAt)}</dd>
          {sync.value?.lastError && connection === 'online' && (
            <>
              <dt>{t('librarian.lastError')}</dt>
              <dd data-testid="last-error">{t(SYNC_ERROR[sync.value.lastError])}</dd>
            </>
          )}
          <dt>{t('librarian.lastDelivered')}</dt>
          <dd data-testid="last-push">{ago(deliveredAt.value)}</dd>
          <dt>{t('librarian.catalogue')}</dt>
          <dd data-testid="catalogue-counts">{counts.value && t('librarian.counts', counts.value)}</dd>
        </dl>
        <button type="button" onClick={() => void syncNow({ urgent: true })} disabled={syncing}>
          {syncing ? t('status.updating') : t('status.updateNow')}
        </button>
      </Section>

      <Section title={t('librarian.outbox')}>
        {outbox.value && outbox.value.length === 0 && <p>{t('librarian.outboxEmpty')}</p>}
        {outbox.value && outbox.value.length > 0 && (
          <>
            <ul class="outbox-list" data-testid="outbox">
              {outbox.value.map((entry) => {
                const title = titles.value?.get(entry.formId);
                return (
                  <li key={entry.id} class={`outbox-entry status-${entry.status}`}>
                    <span class="receipt-code">{entry.receipt}</span>
                    <span>{title ? pickText(title, lang).text : entry.formId}</span>
                    <span>{when(entry.createdAt)}</span>
                    <strong>{entry.status === 'rejected' ? t('librarian.rejected') : syncing ? t('librarian.sending') : t('librarian.waiting')}</strong>
                    {entry.rejection && (
                      <span class="reason">
                        {t(OUTBOX_REASON[entry.rejection.code], { status: entry.rejection.httpStatus })}
                        {entry.rejection.fields.length > 0 && ` ${t('librarian.fields', { fields: entry.rejection.fields.join(', ') })}`}
                      </span>
                    )}
                    {entry.status === 'rejected' && (
                      <button type="button" onClick={() => void retrySubmissions([entry.id]).then(() => syncNow({ urgent: true }))}>
                        {t('librarian.retry')}
                      </button>
                    )}
                  </li>
                );
              })}
            </ul>
            <button type="button" onClick={() => void retrySubmissions().then(() => syncNow({ urgent: true }))}>
              {t('librarian.retryAll')}
            </button>
          </>
        )}
      </Section>

      <Section title={t('usage.section')}>
        <p>{t('usage.sectionHelp')}</p>
        <button type="button" onClick={onUsage}>
          {t('usage.open')}
        </button>
      </Section>

      <Section title={t('notes.section')}>
        <p>{t('notes.sectionHelp')}</p>
        <button type="button" onClick={onNotes}>
          {t('notes.open')}
        </button>
      </Section>

      <Section title={t('recording.section')}>
        <p>{t('recording.sectionHelp')}</p>
        <button type="button" onClick={onRecordings}>
          {t('recording.open')}
        </button>
      </Section>

      <UsbSection />
      <EnrolmentSection />
      <StorageSection />
      <AudioSection />
      <SettingsSection />

      <button type="button" onClick={() => panelUnlocked.set(false)}>
        {t('librarian.lock')}
      </button>
    </div>
  );
}

function StorageSection() {
  const { t } = useI18n();
  const [status, setStatus] = useState<Awaited<ReturnType<typeof storageStatus>> | undefined>(undefined);
  const refresh = () => void storageStatus().then(setStatus);
  useEffect(refresh, []);
  return (
    <Section title={t('librarian.storage')}>
      {status?.usage !== undefined && status.quota !== undefined && (
        <p data-testid="storage-use">{t('librarian.storageUse', { used: formatBytes(status.usage), quota: formatBytes(status.quota) })}</p>
      )}
      <p data-testid="storage-persisted">{status?.persisted ? t('librarian.persistent') : t('librarian.notPersistent')}</p>
      {status && !status.persisted && (
        <button type="button" onClick={() => void requestPersistentStorage().then(refresh)}>
          {t('librarian.requestPersist')}
        </button>
      )}
    </Section>
  );
}

function SettingsSection() {
  const { t } = useI18n();
  const settings = useLiveQuery(getKioskSettings, []);
  const [saved, setSaved] = useState(false);
  if (!settings.value) return null;
  const save = async (event: Event) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const idleMinutes = Math.min(60, Math.max(1, Math.round(Number(data.get('idle')) || 3)));
    const defaultLang = data.get('lang') as Lang;
    await saveKioskSettings({ idleMinutes, defaultLang });
    rememberKioskDefaultLang(defaultLang);
    setSaved(true);
  };
  return (
    <Section title={t('librarian.settings')}>
      <form class="form" onSubmit={(e) => void save(e)} onInput={() => setSaved(false)}>
        <div class="field">
          <label for="setting-idle">{t('librarian.idleMinutes')}</label>
          <input id="setting-idle" name="idle" type="number" min={1} max={60} defaultValue={String(settings.value.idleMinutes)} />
        </div>
        <div class="field">
          <label for="setting-lang">{t('librarian.defaultLang')}</label>
          <select id="setting-lang" name="lang" defaultValue={settings.value.defaultLang}>
            <LanguageOptions />
          </select>
        </div>
        <button type="submit">{t('librarian.save')}</button>
        {saved && <p role="status">{t('librarian.saved')}</p>}
      </form>
    </Section>
  );
}
