import { useI18n } from '../../i18n/i18n';
import { Missing } from './Missing';

export function NotFoundScreen({ visit }: { visit: number }) {
  const { t } = useI18n();
  return <Missing message={t('notFound.title')} visit={visit} />;
}
