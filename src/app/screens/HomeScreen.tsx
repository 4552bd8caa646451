import { CategoryGrid } from '../../components/CategoryGrid';
import { listCategories } from '../../data/catalog';
import { useLiveQuery } from '../../data/live';
import { useI18n } from '../../i18n/i18n';
import { useEffect } from 'preact/hooks';
import { saveHomeSnapshot, takePaintedCategories } from '../home-snapshot';
import { paths } from '../router';
import { ScreenHeading } from './ScreenHeading';

export function HomeScreen({ visit }: { visit: number }) {
  const { t, lang } = useI18n();
  // On a repeat load the snapshot already shows the categories: the first render matches it.
  const categories = useLiveQuery(listCategories, [], () => takePaintedCategories(lang));
  useEffect(() => {
    if (categories.loaded && categories.value && categories.value.length > 0) saveHomeSnapshot(lang, categories.value);
  }, [lang, categories.value]);
  return (
    <>
      <ScreenHeading visit={visit}>{t('home.heading')}</ScreenHeading>
      {!categories.loaded ? (
        <p>{t('common.loading')}</p>
      ) : categories.value!.length === 0 ? (
        <p class="empty">{t('home.empty')}</p>
      ) : (
        <nav aria-label={t('home.categories')}>
          <CategoryGrid categories={categories.value!} hrefFor={paths.category} />
        </nav>
      )}
    </>
  );
}
