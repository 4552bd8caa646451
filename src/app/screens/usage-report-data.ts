// What the usage page reads: this kiosk's usage days for this month and the last (added up by
// core/usage-summary.ts), the names to show for the ids they hold, and the library's name.
// Read once when the page opens: counting goes on while it is open, but a page that changed
// under the librarian's eyes (or while printing) would help nobody.
import type { LocalizedText } from '../../core/content-schema';
import { type MonthSummary, reportMonths, summarizeUsage } from '../../core/usage-summary';
import { formTitles, getGuides, listCategories } from '../../data/catalog';
import { getKioskIdentity } from '../../data/kiosk-identity';
import { usageDays } from '../../data/usage';

export interface UsageReportData {
  library: string;
  thisMonth: MonthSummary;
  lastMonth: MonthSummary;
  /** Titles by id, in both languages; an id with none is no longer in the catalogue. */
  names: {
    guides: Map<string, LocalizedText>;
    categories: Map<string, LocalizedText>;
    forms: Map<string, LocalizedText>;
  };
}

export async function loadUsageReport(now = new Date()): Promise<UsageReportData> {
  const { fromDay, toDay } = reportMonths(now);
  const { thisMonth, lastMonth } = summarizeUsage(await usageDays(fromDay, toDay), now);
  const guideIds = [...new Set([thisMonth, lastMonth].flatMap((m) => [...m.guides.entries, ...m.notUseful.entries].map((e) => e.id)))];
  const [identity, guides, categories, forms] = await Promise.all([getKioskIdentity(), getGuides(guideIds), listCategories(), formTitles()]);
  return {
    library: identity?.library ?? '',
    thisMonth,
    lastMonth,
    names: {
      guides: new Map(guides.map((g) => [g.id, g.title])),
      categories: new Map(categories.map((c) => [c.id, c.name])),
      forms,
    },
  };
}
