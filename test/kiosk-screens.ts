// For browser tests that render real screens: the strings loaded in Spanish, and an empty
// catalogue in IndexedDB for the test to fill (through catalog-apply, as a pull would).
import { database } from '../src/data/db';
import { initI18n, loadScreenStrings, setLang } from '../src/i18n/i18n';

export async function freshKioskScreens(): Promise<void> {
  await initI18n();
  await setLang('es');
  await loadScreenStrings();
  const db = database();
  await db.transaction('rw', [db.categories, db.guides, db.forms, db.terms, db.audio, db.meta], async () => {
    await Promise.all([db.categories.clear(), db.guides.clear(), db.forms.clear(), db.terms.clear(), db.audio.clear(), db.meta.clear()]);
  });
}
