import { GuideList } from '../../components/GuideList';
import { searchGuides } from '../../data/catalog';
import { useLiveQuery } from '../../data/live';
import { useI18n } from '../../i18n/i18n';
import { paths } from '../router';
import { ScreenHeading } from './ScreenHeading';

const SHOWN = 50;

export function SearchScreen({ query, visit }: { query: string; visit: number }) {
  const { t } = useI18n();
  // The answer names its query: while the next keystroke's search runs, the previous results
  // stay on screen (no "loading" flash at every key, which a screen reader would announce).
  const results = useLiveQuery(async () => ({ query, ...(await searchGuides(query, SHOWN)) }), [query]);
  const hasQuery = query.trim().length > 0;
  const shown = results.value;
  return (
    <>
      <ScreenHeading visit={visit}>{t('search.heading')}</ScreenHeading>
      <p class="count" role="status" aria-live="polite" data-query={hasQuery && shown ? shown.query : undefined}>
        {!hasQuery
          ? t('search.hint')
          : !shown
            ? t('common.loading')
            : shown.tooShort
              ? t('search.too_short')
              : shown.total === 0
                ? t('search.none')
                : t('search.results', { count: shown.total })}
      </p>
      {hasQuery && shown && shown.total > shown.guides.length && <p class="hint">{t('search.more', { shown: shown.guides.length })}</p>}
      {hasQuery && shown && <GuideList guides={shown.guides} hrefFor={paths.guide} />}
    </>
  );
}
