// `npm run content:check`: everything the importer checks (schema, links between records) plus
// the rules a publisher must not forget: full Quechua in the official alphabet, no Spanish copy,
// no review or price-check date in the future, no empty category.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as v from 'valibot';
import { parse } from 'yaml';
import { checkQuechua, type QuechuaAllowList } from '../core/quechua-check';
import type { PublishRecord } from './catalog-store';
import { type ContentIssue, ContentError, FOLDERS, loadContent } from './content-import';

const ALLOW_LIST_FILE = 'quechua-allow.yaml';

const AllowList = v.strictObject({
  names: v.optional(v.array(v.pipe(v.string(), v.trim(), v.minLength(1))), []),
  same: v.optional(v.array(v.pipe(v.string(), v.trim(), v.minLength(1))), []),
});

export interface ContentReport {
  counts: { categories: number; guides: number; forms: number; terms: number };
  issues: ContentIssue[];
}

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

/** Every form says what the patron must still do once it is sent: the receipt shows it, so
 * nobody goes home thinking a pre-application was the service itself. */
function formRules(record: PublishRecord): ContentIssue[] {
  if (record.kind !== 'form') return [];
  const form = record.data as { afterSend?: unknown };
  return form.afterSend ? [] : [{ file: fileOf(record), field: 'afterSend', reason: 'must say what the patron must still do after sending (shown on the receipt)' }];
}

export async function checkContent(dir: string, today = new Date()): Promise<ContentReport> {
  let records: PublishRecord[];
  try {
    records = await loadContent(dir);
  } catch (error) {
    if (error instanceof ContentError) return { counts: { categories: 0, guides: 0, forms: 0, terms: 0 }, issues: error.issues };
    throw error;
  }
  const count = (kind: string) => records.filter((r) => r.kind === kind).length;
  const counts = { categories: count('category'), guides: count('guide'), forms: count('form'), terms: count('term') };
  const allow = await readAllowList(dir);
  if ('reason' in allow) return { counts, issues: [allow] };

  const isoToday = today.toISOString().slice(0, 10);
  const issues: ContentIssue[] = [];
  for (const record of records) {
    for (const issue of checkQuechua(record.data, allow)) issues.push({ file: fileOf(record), ...issue });
    issues.push(...guideRules(record, isoToday), ...formRules(record));
  }
  const usedCategories = new Set(records.filter((r) => r.kind === 'guide').map((r) => (r.data as { category: string }).category));
  for (const record of records) {
    if (record.kind === 'category' && !usedCategories.has(record.id)) {
      issues.push({ file: fileOf(record), field: '', reason: 'no guide is in this category (patrons would open an empty screen)' });
    }
  }
  return { counts, issues };
}
