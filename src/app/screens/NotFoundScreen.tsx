import { useI18n } from '../../i18n/i18n';
import { paths } from '../router';
import { ScreenHeading } from './ScreenHeading';

export function NotFoundScreen({ visit }: { visit: number }) {
  const { t } = useI18n();
  return (
    <>
      <ScreenHeading visit={visit}>{t('notFound.title')}</ScreenHeading>
      <a class="button" href={paths.home()}>{t('notFound.home')}</a>
    </>
  );
}
