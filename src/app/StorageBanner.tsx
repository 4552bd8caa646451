// Said plainly, on every screen, while the device has no space left: patrons know why Send
// failed, the librarian knows to act. Disappears by itself once a write succeeds again.
import { storageFull } from '../data/storage-health';
import { useI18n } from '../i18n/i18n';
import { useStore } from './use-store';

export function StorageBanner() {
  const { t } = useI18n();
  const full = useStore(storageFull);
  if (!full) return null;
  return (
    <div class="storage-banner" role="alert" data-testid="storage-full">
      {t('storage.full')}
    </div>
  );
}
