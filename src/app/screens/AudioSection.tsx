// The recorded guides' audio on this kiosk, for the librarian: how many recordings the network
// published, how many are kept here and the room they take, the most they may take, and files
// refused because their bytes were not the published ones (a sign of a bad link or worse).
import { useEffect, useState } from 'preact/hooks';
import { Section } from '../../components/Section';
import { type AudioUsage, audioCacheChanges, audioUsage, fetchMissingAudio } from '../../data/audio-cache';
import { AUDIO_BUDGET_CHOICES_MB, saveAudioBudgetMb } from '../../data/audio-budget';
import { useI18n } from '../../i18n/i18n';
import { serverOrigin } from '../../sync/server-origin';
import { useStore } from '../use-store';

const MB = 1024 * 1024;

export function AudioSection() {
  const { t } = useI18n();
  const changes = useStore(audioCacheChanges);
  const [usage, setUsage] = useState<AudioUsage | undefined>(undefined);
  const [saved, setSaved] = useState(false);
  const refresh = () => void audioUsage().then(setUsage);
  useEffect(refresh, [changes]);
  if (!usage) return null;
  const budgetMb = Math.round(usage.budgetBytes / MB);
  const choices = AUDIO_BUDGET_CHOICES_MB.includes(budgetMb as never) ? AUDIO_BUDGET_CHOICES_MB : [...AUDIO_BUDGET_CHOICES_MB, budgetMb].sort((a, b) => a - b);
  const choose = async (megabytes: number) => {
    await saveAudioBudgetMb(megabytes);
    setSaved(true);
    refresh();
    // A larger budget fetches more now, a smaller one drops files until they fit (audio-cache.ts).
    void fetchMissingAudio(serverOrigin())
      .catch((error: unknown) => console.warn('Chaski: fetching the recorded guides failed', error))
      .finally(refresh);
  };
  return (
    <Section title={t('listen.panel.title')}>
      <p data-testid="audio-published">{t('listen.panel.published', { n: usage.publishedCount })}</p>
      <p data-testid="audio-cached">{t('listen.panel.cached', { n: usage.cachedCount, mb: (usage.cachedBytes / MB).toFixed(1) })}</p>
      {usage.refused > 0 && <p data-testid="audio-refused">{t('listen.panel.refused', { n: usage.refused })}</p>}
      <div class="field">
        <label for="audio-budget">{t('listen.panel.budget')}</label>
        <select id="audio-budget" value={String(budgetMb)} onChange={(e) => void choose(Number((e.currentTarget as HTMLSelectElement).value))}>
          {choices.map((mb) => (
            <option key={mb} value={String(mb)}>
              {mb} MB
            </option>
          ))}
        </select>
      </div>
      <p class="hint">{t('listen.panel.hint')}</p>
      {saved && <p role="status">{t('listen.panel.saved')}</p>}
    </Section>
  );
}
