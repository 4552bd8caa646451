import { GuideList } from '../../components/GuideList';
import { searchGuides } from '../../data/catalog';
import { useLiveQuery } from '../../data/live';
import { useI18n } from '../../i18n/i18n';
import { paths } from '../router';
import { ScreenHeading } from './ScreenHeading';

export function SearchScreen({ query, visit }: { query: string; visit: number }) {
  const { t } = useI18n();
  const results = useLiveQuery(() => searchGuides(query), [query]);
  const hasQuery = query.trim().length > 0;
  return (
    <>
      <ScreenHeading visit={visit}>{t('search.heading')}</ScreenHeading>
      <p class="count" role="status" aria-live="polite">
        {!hasQuery
          ? t('search.hint')
          : !results.loaded
            ? t('common.loading')
            : results.value!.length === 0
              ? t('search.none')
              : t('search.results', { count: results.value!.length })}
      </p>
      {hasQuery && results.value && <GuideList guides={results.value} hrefFor={paths.guide} />}
    </>
  );
}
