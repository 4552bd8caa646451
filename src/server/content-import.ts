// Reads the YAML catalogue from a folder, validates every file with the schema the kiosk uses,
// and publishes it only if every file is valid: one bad file publishes nothing.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, YAMLParseError } from 'yaml';
import { type AudioRecord, guideParts } from '../core/audio';
import type { Guide } from '../core/content-schema';
import { CONTENT_KINDS, type RecordKind, validateRecord } from '../core/records';
import type { CatalogStore, PublishRecord, PublishSummary } from './catalog-store';

export interface ContentIssue {
  file: string;
  field: string;
  reason: string;
}

export class ContentError extends Error {
  constructor(readonly issues: ContentIssue[]) {
    super(
      `content is invalid, nothing was published:\n` +
        issues.map((i) => `  ${i.file}${i.field ? ` → ${i.field}` : ''}: ${i.reason}`).join('\n'),
    );
    this.name = 'ContentError';
  }
}

export const FOLDERS: Record<(typeof CONTENT_KINDS)[number], string> = { category: 'categories', guide: 'guides', form: 'forms', term: 'terms' };

/** Parses and validates the whole folder; throws ContentError listing every problem found. */
export async function loadContent(dir: string): Promise<PublishRecord[]> {
  if (!existsSync(dir)) throw new ContentError([{ file: dir, field: '', reason: 'folder does not exist' }]);
  const issues: ContentIssue[] = [];
  const records: PublishRecord[] = [];
  for (const kind of CONTENT_KINDS) {
    const folder = join(dir, FOLDERS[kind]);
    if (!existsSync(folder)) continue;
    const files = (await readdir(folder)).filter((f) => /\.ya?ml$/.test(f)).sort();
    for (const file of files) {
      const where = `${FOLDERS[kind]}/${file}`;
      let parsed: unknown;
      try {
        parsed = parse(await readFile(join(folder, file), 'utf8'), { prettyErrors: true });
      } catch (error) {
        const reason = error instanceof YAMLParseError ? `not valid YAML: ${error.message.split('\n')[0]}` : String(error);
        issues.push({ file: where, field: '', reason });
        continue;
      }
      const result = validateRecord(kind, parsed);
      if (!result.ok) {
        for (const issue of result.issues) issues.push({ file: where, ...issue });
        continue;
      }
      const expectedId = file.replace(/\.ya?ml$/, '');
      if (result.value.id !== expectedId) {
        issues.push({ file: where, field: 'id', reason: `must match the file name ("${expectedId}")` });
        continue;
      }
      records.push({ kind, id: result.value.id, data: result.value });
    }
  }
  const idsOf = (kind: RecordKind) => new Set(records.filter((r) => r.kind === kind).map((r) => r.id));
  const categoryIds = idsOf('category');
  const formIds = idsOf('form');
  const guideIds = idsOf('guide');
  for (const record of records) {
    if (record.kind !== 'guide') continue;
    const guide = record.data as { category: string; forms?: string[]; related?: string[] };
    if (!categoryIds.has(guide.category)) {
      issues.push({ file: `guides/${record.id}.yaml`, field: 'category', reason: `no category "${guide.category}" exists` });
    }
    for (const [i, form] of (guide.forms ?? []).entries()) {
      if (!formIds.has(form)) issues.push({ file: `guides/${record.id}.yaml`, field: `forms.${i}`, reason: `no form "${form}" exists` });
    }
    for (const [i, other] of (guide.related ?? []).entries()) {
      if (!guideIds.has(other) || other === record.id) issues.push({ file: `guides/${record.id}.yaml`, field: `related.${i}`, reason: other === record.id ? 'a guide cannot send the patron to itself' : `no guide "${other}" exists` });
    }
  }
  if (issues.length === 0 && records.length === 0) {
    // Publishing an empty folder would turn the whole catalogue into tombstones.
    issues.push({ file: dir, field: '', reason: 'no categories or guides found' });
  }
  if (issues.length > 0) throw new ContentError(issues);
  // Categories first, so a kiosk never holds a guide whose category it has not seen yet.
  return records;
}

/** Publishes the folder's content; a recorded guide part whose guide (or part: a step taken
 * away) is no longer in it is removed in the same transaction, so no kiosk keeps playing it. */
export async function importContent(store: CatalogStore, dir: string): Promise<PublishSummary> {
  const records = await loadContent(dir);
  const guides = new Map(records.filter((r) => r.kind === 'guide').map((r) => [r.id, r.data as Guide]));
  const isOrphan = (body: unknown) => {
    const { guideId, part } = body as AudioRecord;
    const guide = guides.get(guideId);
    return !guide || !(guideParts(guide) as string[]).includes(part);
  };
  return store.publish(records, CONTENT_KINDS, { orphans: { kind: 'audio', isOrphan } });
}

export function describeSummary(summary: PublishSummary): string {
  const parts = [
    `${summary.added.length} added`,
    `${summary.updated.length} updated`,
    `${summary.removed.length} removed`,
    `${summary.unchanged} unchanged`,
  ];
  return `catalogue: ${parts.join(', ')}`;
}
