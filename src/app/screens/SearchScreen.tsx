// Search results as the patron types: guides, then the forms and topics that match. A search that
// finds nothing is never a dead end: it offers the topics, and the librarian; and it is counted
// as a need the catalogue does not meet, once the patron stops typing or leaves.
import { useEffect, useRef } from 'preact/hooks';
import { CategoryGrid } from '../../components/CategoryGrid';
import { GuideList } from '../../components/GuideList';
import { Localized } from '../../components/Localized';
import { useLiveQuery } from '../../data/live';
import { useCatalogueSearch } from '../../data/live-search';
import { listCategories } from '../../data/catalog';
import { useI18n } from '../../i18n/i18n';
import type { Category } from '../../core/content-schema';
import { paths } from '../router';
import { usageSessions } from '../session/usage-session';
import { ScreenHeading } from './ScreenHeading';

/** The best 20: what a kiosk screen shows in three scrolls; more words narrow it ("search.more").
 * Each row shown is a row read and laid out at every keystroke (50 cost a two-letter word about
 * 40 ms at 4× CPU, bench/search.ts). */
const SHOWN = 20;
/** How long the patron must stop typing before a search that found nothing counts. */
export const UNMET_SEARCH_PAUSE_MS = 1500;

export function SearchScreen({ query, visit }: { query: string; visit: number }) {
  const { t } = useI18n();
  // The answer names its query: while the next keystroke's search runs, the previous results
  // stay on screen (no "loading" flash at every key, which a screen reader would announce).
  const results = useCatalogueSearch(query, SHOWN);
  const hasQuery = query.trim().length > 0;
  const shown = results.value;
  const nothing = hasQuery && shown && !shown.tooShort && shown.total === 0 && shown.forms.length === 0 && shown.categories.length === 0;
  useUnmetSearch(nothing ? shown.query : undefined);
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
      {hasQuery && shown && shown.forms.length > 0 && (
        <section class="search-more" aria-labelledby="search-forms">
          <h2 id="search-forms">{t('search.forms')}</h2>
          <ul class="form-links">
            {shown.forms.map((form) => (
              <li key={form.id}>
                <a class="button" href={paths.form(form.id)}>
                  <Localized text={form.data.title} />
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      {hasQuery && shown && shown.categories.length > 0 && <Topics title={t('search.topics')} categories={shown.categories} />}
      {nothing && <NothingFound />}
    </>
  );
}

/** Where to go from a search that found nothing: every topic, and the person who can help. */
function NothingFound() {
  const { t } = useI18n();
  const categories = useLiveQuery(listCategories, []);
  return (
    <>
      <p class="notice">{t('search.askLibrarian')}</p>
      {categories.value && <Topics title={t('search.allTopics')} categories={categories.value} />}
    </>
  );
}

function Topics({ title, categories }: { title: string; categories: Category[] }) {
  return (
    <section class="search-more" aria-label={title}>
      <h2>{title}</h2>
      <CategoryGrid categories={categories} hrefFor={paths.category} />
    </section>
  );
}

/** Counts a search that found nothing once the patron paused on it, or left the search screen
 * with it; not the words on the way to a search that finds something. */
function useUnmetSearch(query: string | undefined) {
  const pending = useRef<string | undefined>(undefined);
  useEffect(() => {
    pending.current = query;
    if (query === undefined) return;
    const timer = setTimeout(() => {
      pending.current = undefined;
      usageSessions.unmetSearch(query);
    }, UNMET_SEARCH_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [query]);
  useEffect(
    () => () => {
      if (pending.current !== undefined) usageSessions.unmetSearch(pending.current);
    },
    [],
  );
}
