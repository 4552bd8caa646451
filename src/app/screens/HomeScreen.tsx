import { CategoryIcon } from '../../components/CategoryIcon';
import { Localized } from '../../components/Localized';
import { listCategories } from '../../data/catalog';
import { useLiveQuery } from '../../data/live';
import { useI18n } from '../../i18n/i18n';
import { paths } from '../router';
import { ScreenHeading } from './ScreenHeading';

export function HomeScreen({ visit }: { visit: number }) {
  const { t } = useI18n();
  const categories = useLiveQuery(listCategories, []);
  return (
    <>
      <ScreenHeading visit={visit}>{t('home.heading')}</ScreenHeading>
      {!categories.loaded ? (
        <p>{t('common.loading')}</p>
      ) : categories.value!.length === 0 ? (
        <p class="empty">{t('home.empty')}</p>
      ) : (
        <nav aria-label={t('home.categories')}>
          <ul class="category-grid">
            {categories.value!.map((category) => (
              <li key={category.id}>
                <a class="category-card" href={paths.category(category.id)}>
                  <CategoryIcon name={category.icon} />
                  <Localized as="span" class="category-name" text={category.name} />
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </>
  );
}
