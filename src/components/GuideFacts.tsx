// The parts of a guide that can stop being true on a date: what to bring, the steps and the
// cost. A fact past its `until` (content-schema) is not stated: the patron reads that it may
// have changed and to ask at the library, in their language, so nobody travels to pay a
// campaign price that ended.
import type { ComponentChildren } from 'preact';
import type { AudioPart } from '../core/audio';
import type { Cost, DatedText } from '../core/content-schema';
import { hasPassed } from '../core/dated-facts';
import { formatDate, formatSoles } from '../i18n/format';
import { useI18n } from '../i18n/i18n';
import { Localized } from './Localized';
import { Section } from './Section';

interface Props {
  requirements: DatedText[];
  steps: DatedText[];
  cost: Cost;
  /** Today in Peru, YYYY-MM-DD (core/peru-day.ts). */
  today: string;
  /** The "Escuchar" button of a part, when it has a recording (GuideScreen). */
  listen?: (part: AudioPart) => ComponentChildren;
}

export function GuideFacts({ requirements, steps, cost, today, listen }: Props) {
  const { t, lang } = useI18n();
  const stale = t('guide.staleFact');
  return (
    <>
      <Section title={t('guide.requirements')} action={listen?.('requirements')}>
        <p class="hint no-print">{t('guide.requirementsHint')}</p>
        <ul class="checklist">
          {requirements.map((item, i) =>
            hasPassed(item.until, today) ? (
              <li key={i} class="stale-fact">
                {stale}
              </li>
            ) : (
              <li key={i}>
                <label>
                  <input type="checkbox" />
                  <Localized text={item} />
                </label>
              </li>
            ),
          )}
        </ul>
      </Section>

      <Section title={t('guide.steps')}>
        <ol class="steps">
          {steps.map((step, i) =>
            hasPassed(step.until, today) ? (
              <li key={i} class="stale-fact">
                {stale}
              </li>
            ) : (
              <Localized key={i} as="li" text={step}>
                {listen?.(`step-${i + 1}`)}
              </Localized>
            ),
          )}
        </ol>
      </Section>

      <Section title={t('guide.cost')} action={listen?.('cost')}>
        {hasPassed(cost.until, today) ? (
          <p class="cost stale-fact">{stale}</p>
        ) : (
          <>
            {'free' in cost ? (
              <p class="cost">{t('guide.free')}</p>
            ) : (
              <>
                <p class="cost">{'varies' in cost ? t('guide.costVaries') : formatSoles(cost.soles, lang)}</p>
                {cost.note && <Localized as="p" text={cost.note} />}
                <p class="meta">{t('guide.costChecked', { date: formatDate(cost.checked, lang) })}</p>
              </>
            )}
            {/* A campaign price or a free period says when it ends, so the patron can plan. */}
            {cost.until && <p class="meta">{t('guide.costUntil', { date: formatDate(cost.until, lang) })}</p>}
          </>
        )}
      </Section>
    </>
  );
}
