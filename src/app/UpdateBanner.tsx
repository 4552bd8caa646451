import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import { applyUpdate, onUpdateAvailable } from './sw-bridge';

export function UpdateBanner() {
  const { t } = useI18n();
  const [available, setAvailable] = useState(false);
  useEffect(() => onUpdateAvailable(setAvailable), []);
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
