// "En esta biblioteca": what this library's librarians wrote on a guide (the office's days here,
// the next campaign, "bring a copy of the water bill"), in a box of its own so a patron can tell
// it from the national guide's text. It prints with the guide (compact rules in styles.css).
import { useId } from 'preact/hooks';
import { pickText } from '../core/localized';
import { formatDate } from '../i18n/format';
import { useI18n } from '../i18n/i18n';

export interface ShownNote {
  id: string;
  text: { es: string; qu?: string };
  /** The last day it is shown (YYYY-MM-DD, Peru). */
  expires: string;
}

/** Nothing at all when there is no note: an empty box would only take space, on screen and paper. */
export function LocalNotesBox({ notes }: { notes: ShownNote[] }) {
  const { t, lang } = useI18n();
  const id = useId();
  if (notes.length === 0) return null;
  return (
    <section class="guide-section local-notes" aria-labelledby={id} data-testid="local-notes">
      <h2 id={id}>{t('guide.localNotes')}</h2>
      <ul>
        {notes.map((note) => {
          // A note without Quechua is shown in Spanish, marked so a screen reader reads it so.
          // Not <Localized>: a librarian's words get no glossary buttons, and no "not yet in
          // runasimi" notice, which promises a translation nobody is making.
          const picked = pickText(note.text, lang);
          return (
            <li key={note.id}>
              <p class="local-note-text" lang={picked.lang === lang ? undefined : 'es-PE'}>
                {picked.text}
              </p>
              <p class="meta">{t('guide.localNoteUntil', { date: formatDate(note.expires, lang) })}</p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
