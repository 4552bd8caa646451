// For browser tests that render real screens: the strings loaded in Spanish, and an empty
// catalogue in IndexedDB for the test to fill (through catalog-apply, as a pull would).
import { database } from '../src/data/db';
import { AUDIO_CACHE } from '../src/data/storage-health';
import { initI18n, loadScreenStrings, setLang } from '../src/i18n/i18n';

export async function freshKioskScreens(): Promise<void> {
  await initI18n();
  await setLang('es');
  await loadScreenStrings();
  await emptyCatalogue();
}

/** The catalogue database with nothing in it (cursor and keys included), as before a first pull. */
export async function emptyCatalogue(): Promise<void> {
  const db = database();
  await db.transaction('rw', [db.categories, db.guides, db.forms, db.terms, db.audio, db.meta], async () => {
    await Promise.all([db.categories.clear(), db.guides.clear(), db.forms.clear(), db.terms.clear(), db.audio.clear(), db.meta.clear()]);
  });
}

/** Leaves no recording behind (records and cached bytes): a sync run in another test file would
 * otherwise go and fetch them from its scripted server. */
export async function forgetRecordings(): Promise<void> {
  await database().audio.clear();
  await caches.delete(AUDIO_CACHE);
}
