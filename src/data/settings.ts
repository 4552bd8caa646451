// Settings a librarian chooses for this kiosk.
import { DEFAULT_LANG, isEnabledLang, type Lang } from '../core/lang';
import { patronDatabase } from './patron-db';

export interface KioskSettings {
  /** Minutes without a touch or key before the kiosk offers to end the session. */
  idleMinutes: number;
  /** The language a new patron finds. */
  defaultLang: Lang;
}

export const DEFAULT_SETTINGS: KioskSettings = { idleMinutes: 3, defaultLang: DEFAULT_LANG };

export async function getKioskSettings(): Promise<KioskSettings> {
  const stored = (await patronDatabase().kiosk.get('settings'))?.value as Partial<KioskSettings> | undefined;
  const settings = { ...DEFAULT_SETTINGS, ...stored };
  // A language this build does not offer (disabled since, or from a newer build): Spanish.
  return isEnabledLang(settings.defaultLang) ? settings : { ...settings, defaultLang: DEFAULT_LANG };
}

export async function saveKioskSettings(settings: KioskSettings): Promise<void> {
  await patronDatabase().kiosk.put({ key: 'settings', value: settings });
}

/** How much of the device the recorded guides' audio may take (data/audio-cache.ts). Kept
 * apart from KioskSettings: it is about storage, not about what a patron finds. */
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
