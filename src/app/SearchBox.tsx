// The search field in the header: results appear as the patron types (each keystroke replaces
// the search screen's URL, so Back leaves search in one step).
import { useI18n } from '../i18n/i18n';
import { navigate, paths } from './router';
import { sessionId } from './session/tab-session';

export function SearchBox({ query, onSearchScreen }: { query: string; onSearchScreen: boolean }) {
  const { t } = useI18n();
  return (
    <form
      class="search-box"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        const value = new FormData(event.currentTarget).get('q');
        navigate(paths.search(typeof value === 'string' ? value : ''), { replace: onSearchScreen });
      }}
    >
      <label for="search-input" class="visually-hidden">
        {t('search.label')}
      </label>
      {/* A new field for every patron session: Chromium keeps what was typed into a field in its
          undo history (Ctrl+Z would bring back the last patron's words) for as long as the
          field exists, a node per search all day long (e2e/day-at-the-kiosk.spec.ts). */}
      <input
        key={sessionId()}
        id="search-input"
        name="q"
        type="search"
        autocomplete="off"
        placeholder={t('search.placeholder')}
        value={query}
        onInput={(event) => navigate(paths.search(event.currentTarget.value), { replace: onSearchScreen })}
      />
      <button type="submit">{t('search.submit')}</button>
    </form>
  );
}
