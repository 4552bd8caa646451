// Español / Runasimi, on every screen; takes effect at once.
import { LANGS, type Lang } from '../core/lang';
import { setLang, useI18n } from '../i18n/i18n';

const NATIVE_NAME: Record<Lang, { key: 'lang.es' | 'lang.qu'; tag: string }> = {
  es: { key: 'lang.es', tag: 'es-PE' },
  qu: { key: 'lang.qu', tag: 'qu' },
};

export function LanguageSwitch() {
  const { t, lang } = useI18n();
  return (
    <div class="lang-switch" role="group" aria-label={t('lang.label')}>
      {LANGS.map((code) => (
        <button
          key={code}
          type="button"
          lang={NATIVE_NAME[code].tag}
          aria-pressed={code === lang}
          onClick={() => void setLang(code)}
        >
          {t(NATIVE_NAME[code].key)}
        </button>
      ))}
    </div>
  );
}
