// "Did this guide help you?" under a guide: Sí / No, big enough for a finger, answered once.
// After an answer it thanks the patron, and after No it offers the feedback form, where they
// can say what is wrong. Presentational: whoever renders it counts the answer.
import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';

export type UsefulAnswer = 'useful' | 'notUseful';

export function UsefulQuestion({ answer, onAnswer, feedbackHref }: { answer?: UsefulAnswer; onAnswer(answer: UsefulAnswer): void; feedbackHref?: string }) {
  const { t } = useI18n();
  const thanks = useRef<HTMLDivElement>(null);
  const answeredHere = useRef(false);
  // The buttons go away with the answer: the focus goes to the thanks, not to the page's top.
  useEffect(() => {
    if (answer !== undefined && answeredHere.current) thanks.current?.focus();
  }, [answer]);
  const choose = (chosen: UsefulAnswer) => {
    answeredHere.current = true;
    onAnswer(chosen);
  };
  return (
    <section class="useful" aria-labelledby="useful-question">
      <h2 id="useful-question">{t('guide.useful')}</h2>
      {answer === undefined && (
        <div class="useful-answers">
          <button type="button" onClick={() => choose('useful')}>
            {t('form.yes')}
          </button>
          <button type="button" onClick={() => choose('notUseful')}>
            {t('form.no')}
          </button>
        </div>
      )}
      <div ref={thanks} role="status" tabIndex={-1} class="useful-thanks">
        {answer !== undefined && <p>{t(answer === 'useful' ? 'guide.usefulThanks' : 'guide.notUsefulThanks')}</p>}
        {answer === 'notUseful' && feedbackHref && (
          <a class="button" href={feedbackHref}>
            {t('guide.tellUs')}
          </a>
        )}
      </div>
    </section>
  );
}
