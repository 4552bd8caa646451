// The librarian's USB route for weeks without a connection: save the outbox to a file, load
// the server's receipts file back.
import { useState } from 'preact/hooks';
import { importContentPack } from '../../data/content-pack-import';
import { applyReceiptsFile, buildOutboxFile } from '../../data/sneakernet';
import { useI18n } from '../../i18n/i18n';
import { PACK_REFUSAL, RECEIPTS_REFUSAL } from '../code-words';

/** The text of the file just chosen, clearing the input so the same file can be chosen again. */
async function takeChosenFile(input: HTMLInputElement): Promise<string | undefined> {
  const chosen = input.files?.[0];
  if (!chosen) return undefined;
  const text = await chosen.text();
  input.value = '';
  return text;
}

export function UsbSection() {
  const { t } = useI18n();
  const [message, setMessage] = useState<{ text: string; error: boolean } | undefined>(undefined);

  const exportFile = async () => {
    const file = await buildOutboxFile();
    if (!file) return;
    const usageDays = file.usage?.length ?? 0;
    const notes = file.notes?.length ?? 0;
    const recordings = file.recordings?.length ?? 0;
    // Nothing waiting: no file to carry, and the librarian hears so rather than find an empty one.
    if (file.submissions.length === 0 && usageDays === 0 && notes === 0 && recordings === 0) return setMessage({ text: t('librarian.exportEmpty'), error: false });
    const blob = new Blob([JSON.stringify(file)], { type: 'application/json' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `chaski-envios-${file.exportedAt.slice(0, 10)}.json`;
    link.click();
    URL.revokeObjectURL(link.href);
    // Only notes or counts to carry: worth the trip, and the librarian hears why.
    const text =
      file.submissions.length > 0
        ? t('librarian.exported', { count: file.submissions.length, file: link.download })
        : recordings > 0
          ? t('librarian.exportedRecordings', { count: recordings, file: link.download })
          : notes > 0
            ? t('librarian.exportedNotes', { count: notes, file: link.download })
            : t('librarian.exportedUsage', { count: usageDays, file: link.download });
    setMessage({ text, error: false });
  };

  const importFile = async (input: HTMLInputElement) => {
    const text = await takeChosenFile(input);
    if (text === undefined) return;
    const result = await applyReceiptsFile(text);
    if (result.ok) setMessage({ text: t('librarian.receiptsApplied', { sent: result.sent }), error: false });
    else setMessage({ text: t(RECEIPTS_REFUSAL[result.code]), error: true });
  };

  const importPack = async (input: HTMLInputElement) => {
    const text = await takeChosenFile(input);
    if (text === undefined) return;
    const result = await importContentPack(text);
    if (result.ok) setMessage({ text: t('librarian.packApplied', { count: result.records }), error: false });
    else setMessage({ text: t(PACK_REFUSAL[result.code], { record: result.record }), error: true });
  };

  return (
    <section class="guide-section">
      <h2>{t('librarian.usb')}</h2>
      <p>{t('librarian.usbHelp')}</p>
      <div class="actions">
        <button type="button" onClick={() => void exportFile()}>
          {t('librarian.exportOutbox')}
        </button>
        <label class="button file-button">
          {t('librarian.importReceipts')}
          <input type="file" accept=".json,application/json" class="visually-hidden" onChange={(e) => void importFile(e.currentTarget)} />
        </label>
        <label class="button file-button">
          {t('librarian.importPack')}
          <input type="file" accept=".json,application/json" class="visually-hidden" onChange={(e) => void importPack(e.currentTarget)} />
        </label>
      </div>
      {message && (
        <p role="status" class={message.error ? 'field-error' : 'notice'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
