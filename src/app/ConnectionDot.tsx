// The patron's only view of syncing: a small, quiet "connected / not connected". Everything else
// about it (when the guides were updated, errors, "update now") is the librarian's business and
// lives in the panel; the kiosk syncs by itself.
import { useI18n } from '../i18n/i18n';
import { useConnection } from './connection';

export function ConnectionDot() {
  const { t } = useI18n();
  const { connection } = useConnection();
  const online = connection === 'online';
  return (
    <span class={`connection-dot ${online ? 'is-online' : 'is-offline'}`} role="status" data-testid="connection">
      <span class="dot" aria-hidden="true" />
      {online ? t('status.online') : t('status.offline')}
    </span>
  );
}
