// `npm run content:check`: everything the importer checks (schema, links between records) plus
// the rules a publisher must not forget: every text in each complete language of the registry
// (locales/languages.json: full Quechua) and no text under an unregistered code, Quechua and its
// variants in the official alphabet, no Spanish copy, no review or price-check date in the
// future, no empty category, no fact past its end date.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as v from 'valibot';
import { parse } from 'yaml';
import type { Guide } from '../core/content-schema';
import { addDays, datedFacts, hasPassed } from '../core/dated-facts';
import { peruDay } from '../core/peru-day';
import { REGISTRY } from '../core/lang';
import { checkLanguages } from '../core/language-check';
import { type LanguageRegistry, parseLanguageRegistry } from '../core/language-registry';
import type { QuechuaAllowList } from '../core/quechua-check';
import type { PublishRecord } from './catalog-store';
import { type ContentIssue, ContentError, FOLDERS, loadContent } from './content-import';

const ALLOW_LIST_FILE = 'quechua-allow.yaml';

const AllowList = v.strictObject({
  names: v.optional(v.array(v.pipe(v.string(), v.trim(), v.minLength(1))), []),
  same: v.optional(v.array(v.pipe(v.string(), v.trim(), v.minLength(1))), []),
});

export interface ContentReport {
  counts: { categories: number; guides: number; forms: number; terms: number };
  /** Problems that stop publishing. */
  issues: ContentIssue[];
  /** Things to see to soon that do not stop publishing: facts about to end. */
  warnings: ContentIssue[];
}

/** How long before a fact's end date the publisher is told, to confirm it or replace it in time
 * for kiosks that sync only now and then. */
export const ENDING_SOON_DAYS = 60;

async function readAllowList(dir: string): Promise<QuechuaAllowList | ContentIssue> {
  const path = join(dir, ALLOW_LIST_FILE);
  if (!existsSync(path)) return { names: [], same: [] };
  const result = v.safeParse(AllowList, parse(await readFile(path, 'utf8')) ?? {});
  if (result.success) return result.output;
  return { file: ALLOW_LIST_FILE, field: '', reason: `must hold lists "names" and "same" of texts (${result.issues[0].message})` };
}

const fileOf = (record: PublishRecord) => `${FOLDERS[record.kind as keyof typeof FOLDERS]}/${record.id}.yaml`;

/** Publisher rules for guides that the schema leaves optional, so older records still load on
 * kiosks: every guide says what to do when something goes wrong; no date is in the future. */
function guideRules(record: PublishRecord, today: string): ContentIssue[] {
  if (record.kind !== 'guide') return [];
  const guide = record.data as { reviewed: string; cost: { checked?: string }; problems?: unknown };
  const issues: ContentIssue[] = [];
  if (!guide.problems) issues.push({ file: fileOf(record), field: 'problems', reason: 'must say what to do if something goes wrong' });
  if (guide.reviewed > today) issues.push({ file: fileOf(record), field: 'reviewed', reason: `is in the future (${guide.reviewed})` });
  if (guide.cost.checked && guide.cost.checked > today) {
    issues.push({ file: fileOf(record), field: 'cost.checked', reason: `is in the future (${guide.cost.checked})` });
  }
  return issues;
}

/** A fact past its `until` must be updated before publishing (kiosks would only say "it may have
 * changed"); one ending within ENDING_SOON_DAYS is a warning. Days are Peru's, as on the kiosk. */
function datedFactRules(record: PublishRecord, today: string): { issues: ContentIssue[]; warnings: ContentIssue[] } {
  const issues: ContentIssue[] = [];
  const warnings: ContentIssue[] = [];
  if (record.kind !== 'guide') return { issues, warnings };
  const soon = addDays(today, ENDING_SOON_DAYS);
  for (const fact of datedFacts(record.data as Guide)) {
    const field = `${fact.field}.until`;
    if (hasPassed(fact.until, today)) {
      issues.push({ file: fileOf(record), field, reason: `ended on ${fact.until}: update or remove this fact (kiosks show "may have changed" instead of it)` });
    } else if (fact.until <= soon) {
      warnings.push({ file: fileOf(record), field, reason: `ends on ${fact.until}: confirm it and move the date, or prepare what replaces it` });
    }
  }
  return { issues, warnings };
}

/** Every form says what the patron must still do once it is sent: the receipt shows it, so
 * nobody goes home thinking a pre-application was the service itself. */
function formRules(record: PublishRecord): ContentIssue[] {
  if (record.kind !== 'form') return [];
  const form = record.data as { afterSend?: unknown };
  return form.afterSend ? [] : [{ file: fileOf(record), field: 'afterSend', reason: 'must say what the patron must still do after sending (shown on the receipt)' }];
}

/** The registry in a JSON file (a test's temporary copy, or a network's own list). */
export async function readLanguageRegistry(file: string): Promise<LanguageRegistry> {
  return parseLanguageRegistry(JSON.parse(await readFile(file, 'utf8')));
}

/** `languages`: the registry to check against; the app's own (locales/languages.json) unless a
 * test passes another. */
export async function checkContent(dir: string, today = new Date(), languages: LanguageRegistry = parseLanguageRegistry(REGISTRY)): Promise<ContentReport> {
  let records: PublishRecord[];
  try {
    records = await loadContent(dir);
  } catch (error) {
    if (error instanceof ContentError) return { counts: { categories: 0, guides: 0, forms: 0, terms: 0 }, issues: error.issues, warnings: [] };
    throw error;
  }
  const count = (kind: string) => records.filter((r) => r.kind === kind).length;
  const counts = { categories: count('category'), guides: count('guide'), forms: count('form'), terms: count('term') };
  const allow = await readAllowList(dir);
  if ('reason' in allow) return { counts, issues: [allow], warnings: [] };

  const isoToday = today.toISOString().slice(0, 10);
  const peruToday = peruDay(today);
  const issues: ContentIssue[] = [];
  const warnings: ContentIssue[] = [];
  for (const record of records) {
    for (const issue of checkLanguages(record.data, languages, allow)) issues.push({ file: fileOf(record), ...issue });
    issues.push(...guideRules(record, isoToday), ...formRules(record));
    const dated = datedFactRules(record, peruToday);
    issues.push(...dated.issues);
    warnings.push(...dated.warnings);
  }
  const usedCategories = new Set(records.filter((r) => r.kind === 'guide').map((r) => (r.data as { category: string }).category));
  for (const record of records) {
    if (record.kind === 'category' && !usedCategories.has(record.id)) {
      issues.push({ file: fileOf(record), field: '', reason: 'no guide is in this category (patrons would open an empty screen)' });
    }
  }
  return { counts, issues, warnings };
}
