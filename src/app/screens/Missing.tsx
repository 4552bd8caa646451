// What a screen shows when the thing it was opened for is not on this kiosk (a stale link, a
// guide removed from the catalogue): a plain title and the way home.
import { useI18n } from '../../i18n/i18n';
import { paths } from '../router';
import { ScreenHeading } from './ScreenHeading';

export function Missing({ message, visit }: { message: string; visit: number }) {
  const { t } = useI18n();
  return (
    <>
      <ScreenHeading visit={visit}>{message}</ScreenHeading>
      <a class="button" href={paths.home()}>
        {t('notFound.home')}
      </a>
    </>
  );
}
