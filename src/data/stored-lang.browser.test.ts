// Runs in real Chromium: a stored language this build does not offer (disabled since, or from a
// newer build) never reaches the screen; the kiosk starts in Spanish.
import { afterAll, describe, expect, it } from 'vitest';
import { currentLang, initI18n } from '../i18n/i18n';
import { patronDatabase } from './patron-db';
import { getKioskSettings, saveKioskSettings } from './settings';

afterAll(async () => {
  sessionStorage.removeItem('chaski.lang');
  localStorage.removeItem('chaski.defaultLang');
  await patronDatabase().kiosk.delete('settings');
});

describe('a stored language the build does not offer', () => {
  it('falls back to Spanish in the librarian’s setting', async () => {
    await saveKioskSettings({ idleMinutes: 5, defaultLang: 'zz' });
    expect(await getKioskSettings()).toEqual({ idleMinutes: 5, defaultLang: 'es' });
    await saveKioskSettings({ idleMinutes: 5, defaultLang: 'ay' });
    expect((await getKioskSettings()).defaultLang).toBe('es');
    await saveKioskSettings({ idleMinutes: 5, defaultLang: 'qu' });
    expect((await getKioskSettings()).defaultLang).toBe('qu');
  });

  it('falls back to Spanish at start, from the session or the kiosk default', async () => {
    sessionStorage.setItem('chaski.lang', 'ay');
    localStorage.setItem('chaski.defaultLang', 'zz');
    await initI18n();
    expect(currentLang()).toBe('es');
    expect(document.documentElement.lang).toBe('es-PE');
  });
});
