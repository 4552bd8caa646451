// The library's own page in the librarian panel: what patrons came for at this kiosk, this
// month and the last, as bars with their numbers in tables, and a Print button for one A4
// sheet to take to a meeting with the municipality (print rules in styles.css). Only this
// kiosk's counts: the network's are in its public report. Reached from the panel only, so it
// shows only while the panel is unlocked.
import { useEffect, useState } from 'preact/hooks';
import { BarTable, type BarRow } from '../../components/usage/BarTable';
import { FiguresTable } from '../../components/usage/FiguresTable';
import { Section } from '../../components/Section';
import type { LocalizedText } from '../../core/content-schema';
import { pickText } from '../../core/localized';
import type { MonthSummary, Ranked, TopList } from '../../core/usage-summary';
import { monthName } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { ScreenHeading } from './ScreenHeading';
import { loadUsageReport, type UsageReportData } from './usage-report-data';

export function UsageReport({ visit, onBack }: { visit: number; onBack: () => void }) {
  const { t, lang } = useI18n();
  const [data, setData] = useState<UsageReportData | undefined>(undefined);
  useEffect(() => void loadUsageReport().then(setData), []);

  const monthLabel = (month: string) => {
    const [year, number] = month.split('-').map(Number) as [number, number];
    return t('usage.monthYear', { month: monthName(number - 1, lang), year });
  };
  /** A name from the catalogue in the page's language, marked when it is in Spanish instead. */
  const named = (names: Map<string, LocalizedText>, id: string) => {
    const text = names.get(id);
    if (!text) return { label: id };
    const picked = pickText(text, lang);
    return { label: picked.text, lang: picked.lang === lang ? undefined : 'es-PE' };
  };

  const back = (
    <p class="no-print">
      <button type="button" onClick={onBack}>
        {t('usage.back')}
      </button>
    </p>
  );
  if (!data) {
    return (
      <div class="usage-report">
        {back}
        <ScreenHeading visit={visit}>{t('usage.section')}</ScreenHeading>
        <p>{t('common.loading')}</p>
      </div>
    );
  }

  const { thisMonth, lastMonth, names } = data;
  const months = [thisMonth, lastMonth] as const;
  const headers = months.map((m) => monthLabel(m.month));
  const nothingIn = (m: MonthSummary) => t(m === thisMonth ? 'usage.nothingThisMonth' : 'usage.nothingLastMonth');
  const anything = months.some((m) => m.daysCounted > 0);

  /** One topic, the two months side by side, bars on one scale. */
  const pair = (title: string, columns: string[], rowsOf: (m: MonthSummary) => BarRow[], listOf?: (m: MonthSummary) => TopList<unknown>, help?: string) => {
    const rows = months.map(rowsOf);
    const max = Math.max(1, ...rows.flat().map((r) => r.value));
    return (
      <Section title={title}>
        {help && <p class="hint">{help}</p>}
        <div class="usage-pair">
          {months.map((m, i) => {
            const more = listOf?.(m).more ?? 0;
            return (
              <BarTable
                key={m.month}
                topic={title}
                caption={headers[i]!}
                headers={columns}
                rows={rows[i]!}
                max={max}
                empty={m.daysCounted === 0 ? nothingIn(m) : t('usage.none')}
                more={more > 0 ? t('usage.more', { count: more }) : undefined}
              />
            );
          })}
        </div>
      </Section>
    );
  };
  const rankedRows = (list: TopList<Ranked>, nameOf: (id: string) => { label: string; lang?: string }) =>
    list.entries.map((e) => ({ key: e.id, value: e.count, ...nameOf(e.id) }));

  return (
    <div class="usage-report">
      {back}
      <ScreenHeading visit={visit}>
        <span class="usage-title">{data.library ? t('usage.heading', { library: data.library }) : t('usage.section')}</span>
        <span class="usage-period">{t('usage.period', { thisMonth: headers[0], lastMonth: headers[1] })}</span>
      </ScreenHeading>
      <p class="hint">{t('usage.onlyThisKiosk')}</p>
      {!anything && <p class="empty">{t('usage.nothingYet')}</p>}
      {anything && (
        <>
          <p class="no-print">
            <button type="button" onClick={() => window.print()}>
              {t('usage.print')}
            </button>
          </p>
          <div class="guide-section">
            <FiguresTable
              caption={t('usage.summary')}
              headers={[t('usage.figure'), ...headers]}
              rows={[
                { key: 'sessions', label: t('usage.sessions'), values: months.map((m) => String(m.sessions)) },
                {
                  key: 'quechua',
                  label: t('usage.quechuaSessions'),
                  values: months.map((m) => (m.quechuaPercent === undefined ? String(m.quechuaSessions) : t('usage.share', { count: m.quechuaSessions, percent: m.quechuaPercent }))),
                },
                { key: 'offline', label: t('usage.offlineSessions'), values: months.map((m) => String(m.offlineSessions)) },
                { key: 'forms', label: t('usage.formsSent'), values: months.map((m) => String(m.formsSentTotal)) },
              ]}
            />
          </div>
          {pair(t('usage.lengths'), [t('usage.length'), t('usage.sessionCount')], (m) =>
            m.sessions === 0 ? [] : m.sessionLength.map((l) => ({ key: l.length, label: t(`usage.lengthNames.${l.length}`), value: l.count })),
          )}
          {pair(t('usage.guides'), [t('usage.guide'), t('usage.opened')], (m) => rankedRows(m.guides, (id) => named(names.guides, id)), (m) => m.guides)}
          {pair(t('usage.categories'), [t('usage.category'), t('usage.categoryOpened')], (m) => rankedRows(m.categories, (id) => named(names.categories, id)), (m) => m.categories)}
          {pair(t('usage.forms'), [t('usage.form'), t('usage.sent')], (m) => rankedRows(m.forms, (id) => named(names.forms, id)), (m) => m.forms)}
          {pair(
            t('usage.notUseful'),
            [t('usage.guide'), t('usage.no'), t('usage.yes')],
            (m) => m.notUseful.entries.map((e) => ({ key: e.id, value: e.notUseful, extra: [e.useful], ...named(names.guides, e.id) })),
            (m) => m.notUseful,
            t('usage.notUsefulHelp'),
          )}
          {pair(
            t('usage.unmet'),
            [t('usage.search'), t('usage.times')],
            (m) => rankedRows(m.unmetSearches, (id) => ({ label: id })),
            (m) => m.unmetSearches,
            t('usage.unmetHelp'),
          )}
          <p class="hint">{t('usage.privacy')}</p>
        </>
      )}
    </div>
  );
}
