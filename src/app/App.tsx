// The shell around every screen: skip link, header (home, search, language), status bar,
// update banner, and the current screen.
import { useEffect } from 'preact/hooks';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useI18n } from '../i18n/i18n';
import { onAuxClick, onLinkClick, paths, type Route, useRoute } from './router';
import { lazyScreen } from './lazy';
import { FinishButton } from './session/FinishButton';
import { IdleGuard } from './session/IdleGuard';
import { panelUnlocked } from './session/librarian-lock';
import { usageSessions } from './session/usage-session';
import { HomeScreen } from './screens/HomeScreen';
import { NotFoundScreen } from './screens/NotFoundScreen';
import { SearchBox } from './SearchBox';
import { ConnectionDot } from './ConnectionDot';
import { StorageBanner } from './StorageBanner';
import { UpdateBanner } from './UpdateBanner';

// The category, guide and search screens too: the home screen is the first load; a guide's QR
// codes and glossary, and the search engine (data/search.ts), are not.
const CategoryScreen = lazyScreen(() => import('./screens/patron-screens').then((m) => m.CategoryScreen), { strings: false });
const GuideScreen = lazyScreen(() => import('./screens/patron-screens').then((m) => m.GuideScreen));
const FormScreen = lazyScreen(() => import('./screens/patron-screens').then((m) => m.FormScreen));
const ReceiptScreen = lazyScreen(() => import('./screens/patron-screens').then((m) => m.ReceiptScreen));
const KioskScreen = lazyScreen(() => import('./screens/librarian-screens').then((m) => m.KioskScreen));
const LibrarianScreen = lazyScreen(() => import('./screens/librarian-screens').then((m) => m.LibrarianScreen));
const SearchScreen = lazyScreen(() => import('./screens/patron-screens').then((m) => m.SearchScreen));

function Screen({ route, visit }: { route: Route; visit: number }) {
  switch (route.name) {
    case 'home':
      return <HomeScreen visit={visit} />;
    case 'category':
      return <CategoryScreen id={route.id} visit={visit} />;
    case 'guide':
      return <GuideScreen id={route.id} visit={visit} sessions={usageSessions} />;
    case 'search':
      return <SearchScreen query={route.query} visit={visit} />;
    case 'form':
      return <FormScreen id={route.id} guideId={route.guideId} visit={visit} />;
    case 'receipt':
      return <ReceiptScreen id={route.id} visit={visit} />;
    case 'kiosk':
      return <KioskScreen visit={visit} />;
    case 'librarian':
      return <LibrarianScreen visit={visit} />;
    case 'notFound':
      return <NotFoundScreen visit={visit} />;
  }
}

const COMPLAINTS_FORM = 'libro-reclamaciones';

export function App() {
  const { t } = useI18n();
  const { route, visit } = useRoute();
  const onSearch = route.name === 'search';
  // The panel locks as soon as the librarian leaves it, by any link or by Back.
  const inPanel = route.name === 'librarian' || route.name === 'kiosk';
  useEffect(() => {
    if (!inPanel) panelUnlocked.set(false);
  }, [inPanel]);
  return (
    <div class="shell" onClick={onLinkClick} onAuxClick={onAuxClick}>
      <a class="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header class="top-bar">
        <a class="brand" href={paths.home()}>
          {/* public/icon.svg, drawn in the page: an <img> of it cost every load (and the home
              snapshot's paint) a request through the service worker and an SVG document. */}
          <svg viewBox="0 0 64 64" width="40" height="40" aria-hidden="true" focusable="false">
            <rect width="64" height="64" rx="12" fill="#7a2e12" />
            <circle cx="32" cy="32" r="19" fill="#fbf7f0" />
            <path d="M22 38l10-16 10 16" fill="none" stroke="#7a2e12" stroke-width="4" stroke-linecap="round" stroke-linejoin="round" />
          </svg>
          <span>
            <span class="brand-name">{t('app.name')}</span>
            <span class="brand-tagline">{t('app.tagline')}</span>
          </span>
        </a>
        <SearchBox query={onSearch ? route.query : ''} onSearchScreen={onSearch} />
        <LanguageSwitch />
        <ConnectionDot />
        <FinishButton />
      </header>
      <StorageBanner />
      <UpdateBanner />
      {/* Search screens keep focus in the search field while the patron types. */}
      <main id="main" tabIndex={-1}>
        <Screen route={route} visit={onSearch ? 0 : visit} />
      </main>
      <IdleGuard route={route} />
      <footer class="footer no-print">
        {/* Every public service in Peru must show its complaints book; this is the library
            network's own (content/forms/libro-reclamaciones.yaml). */}
        <a href={paths.form(COMPLAINTS_FORM)}>{t('nav.complaints')}</a>
        <a href={paths.librarian()} class="librarian-link" aria-label={t('nav.librarian')}>
          <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
            <path d="M12 8a4 4 0 1 0 0 8a4 4 0 1 0 0-8z M12 2v3 M12 19v3 M2 12h3 M19 12h3 M4.9 4.9l2.1 2.1 M17 17l2.1 2.1 M4.9 19.1 7 17 M17 7l2.1-2.1" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" />
          </svg>
        </a>
      </footer>
    </div>
  );
}
