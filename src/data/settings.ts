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
