import { useI18n } from '../i18n/i18n';
import { applyUpdate, updateWaiting } from './sw-bridge';
import { useStore } from './use-store';

export function UpdateBanner() {
  const { t } = useI18n();
  const available = useStore(updateWaiting);
  if (!available) return null;
  return (
    <div class="update-banner" role="status">
      <span>{t('update.available')}</span>
      <button type="button" onClick={applyUpdate}>
        {t('update.reload')}
      </button>
    </div>
  );
}
