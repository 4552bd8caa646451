// How much of the device the recorded guides' audio may take: the librarian's choice in the
// panel, read by the audio store (audio-cache.ts). Apart from settings.ts, which the first screen
// loads.
import { patronDatabase } from './patron-db';

/** The choices offered, in MB. */
export const AUDIO_BUDGET_CHOICES_MB = [30, 60, 120, 250] as const;
export const DEFAULT_AUDIO_BUDGET_MB = 60;
const MB = 1024 * 1024;

export async function getAudioBudgetBytes(): Promise<number> {
  const stored = (await patronDatabase().kiosk.get('audioBudgetMb'))?.value;
  return Math.round((typeof stored === 'number' && stored >= 0 ? stored : DEFAULT_AUDIO_BUDGET_MB) * MB);
}

export async function saveAudioBudgetMb(megabytes: number): Promise<void> {
  await patronDatabase().kiosk.put({ key: 'audioBudgetMb', value: megabytes });
}
