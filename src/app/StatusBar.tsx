// Online or offline, when the catalogue was last updated, and "Update now", in the current
// language. Sync state comes from data/ and sync/; this only shows it.
import { useEffect, useState } from 'preact/hooks';
import { useLiveQuery } from '../data/live';
import { readSyncInfo } from '../data/sync-state';
import { formatDate, formatTime, relativeDay } from '../i18n/format';
import { useI18n } from '../i18n/i18n';
import { syncNow } from '../sync/sync-now';
import { isSyncing, onSyncingChange } from '../sync/sync-status';

function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}

function useSyncing(): boolean {
  const [syncing, setSyncing] = useState(isSyncing());
  useEffect(() => onSyncingChange(setSyncing), []);
  return syncing;
}

/** Re-renders every minute so "today" becomes "yesterday" at midnight. */
function useMinuteClock(): Date {
  const [now, setNow] = useState(new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function StatusBar() {
  const { t, lang } = useI18n();
  const online = useOnline();
  const syncing = useSyncing();
  const now = useMinuteClock();
  const info = useLiveQuery(readSyncInfo, []);
  const lastPull = info.value?.lastPullAt ? new Date(info.value.lastPullAt) : undefined;

  let when: string | undefined;
  if (lastPull) {
    const day = relativeDay(lastPull, now);
    const time = formatTime(lastPull);
    when = day === 'today' ? t('status.today', { time }) : day === 'yesterday' ? t('status.yesterday', { time }) : formatDate(lastPull.toISOString(), lang);
  }

  return (
    <section class="status-bar" aria-label={t('status.label')}>
      <span class={online ? 'pill pill-online' : 'pill pill-offline'} role="status" data-testid="connection">
        {online ? t('status.online') : t('status.offline')}
      </span>
      <span class="freshness" data-testid="freshness">
        {when ? t('status.updated', { when }) : t('status.never')}
      </span>
      {info.value?.lastError && !syncing && online && <span class="sync-error">{t('status.failed')}</span>}
      <button type="button" class="button-small" onClick={() => void syncNow({ urgent: true })} disabled={syncing || !online}>
        {syncing ? t('status.updating') : t('status.updateNow')}
      </button>
    </section>
  );
}
