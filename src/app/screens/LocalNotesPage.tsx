// The panel's page for this library's local notes (issue 16): what is true here and a national
// guide cannot say. The librarian writes, changes and deletes notes; each is saved in IndexedDB
// at once (offline too) and the sync engine takes it to the server, which publishes it to every
// kiosk of the library. Reached from the panel only, so it shows only while the panel is unlocked.
import { useEffect, useRef, useState } from 'preact/hooks';
import { Section } from '../../components/Section';
import { noteIsShown } from '../../core/local-note-rules';
import { pickText } from '../../core/localized';
import { peruDay } from '../../core/peru-day';
import { useLiveQuery } from '../../data/live';
import { type LocalNoteRow, notesForPanel } from '../../data/local-notes';
import { deleteLocalNote, guideChoices } from '../../data/local-notes-edit';
import { formatDate } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { NOTE_REJECTION } from '../code-words';
import { type GuideOption, NoteEditor } from './NoteEditor';
import { ScreenHeading } from './ScreenHeading';

export function LocalNotesPage({ visit, onBack }: { visit: number; onBack: () => void }) {
  const { t, lang } = useI18n();
  const notes = useLiveQuery(notesForPanel, []);
  const choices = useLiveQuery(guideChoices, []);
  const [editing, setEditing] = useState<LocalNoteRow | undefined>(undefined);
  // A new editor (empty, or filled with the note) after each save, cancel or edit.
  const [round, setRound] = useState(0);
  const [message, setMessage] = useState('');
  const editorHeading = useRef<HTMLHeadingElement>(null);

  const guides: GuideOption[] = (choices.value ?? [])
    .map((guide) => {
      const title = pickText(guide.title, lang);
      return { id: guide.id, label: title.text, lang: title.lang === lang ? undefined : 'es-PE' };
    })
    .sort((a, b) => a.label.localeCompare(b.label, 'es'));
  const titleOf = (id: string) => guides.find((guide) => guide.id === id);

  /** A fresh editor, with the note to change or empty. The focus goes to its heading, just
   * under what was said: the button that was pressed (Save, Yes, Change) is gone or far below. */
  const startEditor = (note: LocalNoteRow | undefined, said: string) => {
    setEditing(note);
    setRound((n) => n + 1);
    setMessage(said);
    requestAnimationFrame(() => editorHeading.current?.focus());
  };
  const edit = (note: LocalNoteRow) => startEditor(note, '');

  return (
    <div class="panel local-notes-page">
      <p>
        <button type="button" onClick={onBack}>
          {t('usage.back')}
        </button>
      </p>
      <ScreenHeading visit={visit}>{t('notes.section')}</ScreenHeading>
      <p>{t('notes.sectionHelp')}</p>
      <p role="status" class={message ? 'notice' : undefined}>
        {message}
      </p>

      <section class="guide-section" aria-labelledby="note-editor-heading">
        <h2 id="note-editor-heading" ref={editorHeading} tabIndex={-1}>
          {editing ? t('notes.editing') : t('notes.add')}
        </h2>
        {choices.loaded && (
          <NoteEditor
            key={round}
            guides={guides}
            note={editing}
            onSaved={() => startEditor(undefined, t('notes.saved'))}
            onCancel={editing ? () => startEditor(undefined, '') : undefined}
          />
        )}
      </section>

      <Section title={t('notes.list')}>
        {notes.value?.length === 0 && <p>{t('notes.empty')}</p>}
        {notes.value && notes.value.length > 0 && (
          <ul class="note-list" data-testid="note-list">
            {notes.value.map((note) => (
              <NoteItem key={note.id} note={note} guide={titleOf(note.guideId)} onEdit={() => edit(note)} onDeleted={() => startEditor(undefined, t('notes.deleted'))} />
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}

/** One note in the list: its guide, both texts, its last day, where it stands, and its buttons. */
function NoteItem({ note, guide, onEdit, onDeleted }: { note: LocalNoteRow; guide?: GuideOption; onEdit: () => void; onDeleted: () => void }) {
  const { t, lang } = useI18n();
  const [asking, setAsking] = useState(false);
  // The question takes the focus on its safe answer, so Enter by mistake deletes nothing.
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) keep.current?.focus();
  }, [asking]);
  const status = note.rejection
    ? { class: 'status-rejected', text: t('notes.status.rejected', { reason: t(NOTE_REJECTION[note.rejection]) }) }
    : !noteIsShown(note, peruDay())
      ? { class: 'status-rejected', text: t('notes.status.expired') }
      : note.revision > note.sentRevision
        ? { class: 'status-waiting', text: t('notes.status.waiting') }
        : { class: 'status-sent', text: t('notes.status.sent') };
  const questionId = `note-delete-${note.id}`;
  return (
    <li class="note-item" data-testid="note-item">
      <h3 lang={guide?.lang}>{guide ? guide.label : t('notes.noTitle', { id: note.guideId })}</h3>
      <p>
        <span class="label">{t('lang.es')}:</span> <span lang="es-PE">{note.text.es}</span>
      </p>
      {note.text.qu && (
        <p>
          <span class="label">{t('lang.qu')}:</span> <span lang="qu">{note.text.qu}</span>
        </p>
      )}
      <p>{t('notes.lastDay', { date: formatDate(note.expires, lang) })}</p>
      <p class={status.class} data-testid="note-status">
        {status.text}
      </p>
      {asking ? (
        <div class="actions" role="group" aria-labelledby={questionId}>
          <p id={questionId} class="note-question">
            {t('notes.deleteQuestion')}
          </p>
          <button type="button" class="button-danger" onClick={() => void deleteLocalNote(note.id).then(onDeleted)}>
            {t('notes.deleteYes')}
          </button>
          <button type="button" ref={keep} onClick={() => setAsking(false)}>
            {t('notes.deleteNo')}
          </button>
        </div>
      ) : (
        <div class="actions">
          <button type="button" onClick={onEdit}>
            {t('notes.edit')}
          </button>
          <button type="button" onClick={() => setAsking(true)}>
            {t('notes.delete')}
          </button>
        </div>
      )}
    </li>
  );
}
