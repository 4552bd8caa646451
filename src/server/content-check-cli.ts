// `npm run content:check [dir]`: prints every problem in the content folder and fails if any.
import { resolve } from 'node:path';
import { checkContent } from './content-check';
import { readConfig } from './config';

const dir = resolve(process.argv[2] ?? readConfig().contentDir);
const { counts, issues, warnings } = await checkContent(dir);
// Warnings first and on stderr whatever the outcome: a fact about to end must not hide behind OK.
for (const w of warnings) console.error(`content:check warning: ${w.file}${w.field ? ` → ${w.field}` : ''}: ${w.reason}`);
if (issues.length > 0) {
  console.error(`content:check found ${issues.length} problem(s) in ${dir}:`);
  for (const i of issues) console.error(`  ${i.file}${i.field ? ` → ${i.field}` : ''}: ${i.reason}`);
  process.exit(1);
}
console.log(`content:check: ${counts.categories} categories, ${counts.guides} guides, ${counts.forms} forms, ${counts.terms} glossary terms, all in Spanish and Quechua: OK`);
