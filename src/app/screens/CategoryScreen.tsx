import { useEffect } from 'preact/hooks';
import { GuideList } from '../../components/GuideList';
import { pickText } from '../../core/localized';
import { getCategory, guidesInCategory } from '../../data/catalog';
import { useLiveQuery } from '../../data/live';
import { countUsage } from '../../data/usage';
import { useI18n } from '../../i18n/i18n';
import { paths } from '../router';
import { Missing } from './Missing';
import { ScreenHeading } from './ScreenHeading';

export function CategoryScreen({ id, visit }: { id: string; visit: number }) {
  const { t, lang } = useI18n();
  const category = useLiveQuery(() => getCategory(id), [id]);
  const guides = useLiveQuery(() => guidesInCategory(id), [id]);
  const found = category.value !== undefined;
  // Once per visit, not at every catalogue update.
  useEffect(() => {
    if (found) countUsage({ kind: 'category', id });
  }, [id, visit, found]);
  if (!category.loaded || !guides.loaded) return <p>{t('common.loading')}</p>;
  if (!category.value) {
    return <Missing message={t('category.notFound')} visit={visit} />;
  }
  const name = pickText(category.value.name, lang);
  return (
    <>
      <Breadcrumb />
      <ScreenHeading visit={visit} lang={name.lang === lang ? undefined : 'es-PE'}>
        {name.text}
      </ScreenHeading>
      <p class="count">{t('category.guides', { count: guides.value!.length })}</p>
      <GuideList guides={guides.value!} hrefFor={paths.guide} />
    </>
  );
}

export function Breadcrumb() {
  const { t } = useI18n();
  return (
    <nav class="breadcrumb" aria-label={t('nav.breadcrumb')}>
      <a href={paths.home()}>← {t('nav.home')}</a>
    </nav>
  );
}
