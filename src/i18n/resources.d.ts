// Types the i18next resources from the Spanish strings, so `t('…')` with a key that has no
// Spanish text fails `tsc`; i18n/locale-keys.ts makes Quechua hold the same keys.
import 'i18next';
import type common from '../../locales/es/common.json';
import type screens from '../../locales/es/screens.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    fallbackNS: 'screens';
    resources: { translation: typeof common; screens: typeof screens };
  }
}
