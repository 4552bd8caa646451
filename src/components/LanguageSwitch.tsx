// The registry's enabled languages (locales/languages.json), each by its own name, on every
// screen; takes effect at once. Buttons, not a menu: one tap, reachable by Tab, and with three or
// more languages they wrap inside the header instead of overflowing it (styles: .lang-switch).
import type { Language } from '../core/language-registry';
import { switchLanguages } from '../core/language-chain';
import { REGISTRY } from '../core/lang';
import { setLang, useI18n } from '../i18n/i18n';

/** `languages`: the registry's enabled ones; tests pass another registry's. */
export function LanguageSwitch({ languages = switchLanguages(REGISTRY) }: { languages?: readonly Language[] }) {
  const { t, lang } = useI18n();
  return (
    <div class="lang-switch" role="group" aria-label={t('lang.label')}>
      {languages.map(({ code, name, tag }) => (
        <button key={code} type="button" lang={tag} aria-pressed={code === lang} onClick={() => void setLang(code)}>
          {name}
        </button>
      ))}
    </div>
  );
}
