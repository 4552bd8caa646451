// Renders a content text in the patron's language. When the Quechua text is missing it shows
// the Spanish one, marked as Spanish for screen readers, with a short notice in Quechua. Inside
// a guide (GlossaryProvider), the glossary's terms become buttons that explain them.
import type { ComponentChildren } from 'preact';
import type { LocalizedText } from '../core/content-schema';
import { pickText } from '../core/localized';
import { useContext } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import { TermsContext } from './glossary-context';

type Tag = 'p' | 'span' | 'li' | 'h1' | 'h2' | 'h3' | 'div';

export function Localized({ text, as: As = 'span', class: className, children }: { text: LocalizedText; as?: Tag; class?: string; children?: ComponentChildren }) {
  const { t, lang } = useI18n();
  const picked = pickText(text, lang);
  const withTerms = useContext(TermsContext);
  return (
    <As class={className} lang={picked.lang === lang ? undefined : 'es-PE'}>
      {children}
      {withTerms ? withTerms(picked.text) : picked.text}
      {picked.fallback && (
        <small class="fallback-notice" lang={lang}>
          {' '}
          ({t('common.missingTranslation')})
        </small>
      )}
    </As>
  );
}
