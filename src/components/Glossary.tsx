// Plain words for the State's jargon: inside a GlossaryProvider (the guide screen), every
// Localized text shows the glossary's terms (CSE, ULE, declaración jurada …) as buttons; a tap
// opens the term's explanation in the patron's language. Terms come from content (core/
// content-schema Term) and are found by core/glossary-match; the text itself stays plain data.
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Term } from '../core/content-schema';
import { GlossaryMatcher } from '../core/glossary-match';
import { useI18n } from '../i18n/i18n';
import { TermsContext } from './glossary-context';
import { Localized } from './Localized';

export function GlossaryProvider({ terms, children }: { terms: Term[]; children: ComponentChildren }) {
  const { t } = useI18n();
  const matcher = useMemo(() => new GlossaryMatcher(terms), [terms]);
  const [shown, setShown] = useState<Term | undefined>(undefined);
  const opener = useRef<HTMLElement | null>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const open = (id: string, from: HTMLElement) => {
    opener.current = from;
    setShown(terms.find((term) => term.id === id));
  };
  const renderText = useMemo(() => (text: string) => <WithTerms text={text} matcher={matcher} open={open} label={t('glossary.what')} />, [matcher, t]);
  const close = () => {
    setShown(undefined);
    opener.current?.focus();
  };
  useEffect(() => {
    if (!shown) return;
    closeRef.current?.focus();
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && close();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [shown]);
  // The explanation itself is plain text: outside the provider, no term in it becomes a button.
  return (
    <>
      <TermsContext.Provider value={renderText}>{children}</TermsContext.Provider>
      {shown && (
        <div class="idle-overlay" onClick={(event) => event.target === event.currentTarget && close()}>
          <div class="idle-box term-box" role="dialog" aria-modal="true" aria-labelledby="term-title" aria-describedby="term-text">
            <h2 id="term-title">
              <Localized text={shown.term} />
            </h2>
            <div id="term-text">
              <Localized as="p" text={shown.explanation} />
            </div>
            <button ref={closeRef} type="button" class="button-primary" onClick={close}>
              {t('glossary.close')}
            </button>
          </div>
        </div>
      )}
    </>
  );
}

/** The text with its glossary terms as buttons. */
function WithTerms({ text, matcher, open, label }: { text: string; matcher: GlossaryMatcher; open(id: string, from: HTMLElement): void; label: string }) {
  return (
    <>
      {matcher.pieces(text).map((piece, i) =>
        'term' in piece ? (
          <button key={i} type="button" class="term" aria-haspopup="dialog" title={label} onClick={(event) => open(piece.term, event.currentTarget)}>
            {piece.text}
          </button>
        ) : (
          piece.text
        ),
      )}
    </>
  );
}
