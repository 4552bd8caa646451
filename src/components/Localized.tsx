// Renders a content text in the patron's language, or the next one of its fallback chain that
// has it (quz → qu → es). A text shown in another language is marked with that language's tag
// for screen readers; when it is the Spanish source, a short notice in the patron's language
// says so (in Spanish when that language has no notice string yet: ay, docs/languages.md). A
// Quechua variant shown Southern Quechua (quz → qu) gets no notice: the notice says "shown in
// Spanish", which would be false. Inside a guide (GlossaryProvider), the glossary's terms become
// buttons that explain them.
import type { ComponentChildren } from 'preact';
import type { LocalizedText } from '../core/content-schema';
import { DEFAULT_LANG, languageOf } from '../core/lang';
import { pickText } from '../core/localized';
import { useContext } from 'preact/hooks';
import { stringLang, useI18n } from '../i18n/i18n';
import { TermsContext } from './glossary-context';

type Tag = 'p' | 'span' | 'li' | 'h1' | 'h2' | 'h3' | 'div';

export function Localized({ text, as: As = 'span', class: className, children }: { text: LocalizedText; as?: Tag; class?: string; children?: ComponentChildren }) {
  const { t, lang } = useI18n();
  const picked = pickText(text, lang);
  const withTerms = useContext(TermsContext);
  return (
    <As class={className} lang={picked.fallback ? languageOf(picked.lang).tag : undefined}>
      {children}
      {withTerms ? withTerms(picked.text) : picked.text}
      {picked.fallback && picked.lang === DEFAULT_LANG && (
        <small class="fallback-notice" lang={languageOf(stringLang('common.missingTranslation', lang)).tag}>
          {' '}
          ({t('common.missingTranslation')})
        </small>
      )}
    </As>
  );
}
