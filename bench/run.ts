// `npm run bench [section …]`: measures Chaski against its budgets (docs/architecture.md) and writes
// bench/results/report.md and report.json. Not part of npm test: timings on a shared machine
// are for reading as ratios within one run, not for pass/fail.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { renderMarkdown } from './report';
import { SECTIONS } from './sections';
import { type Figure, ROOT } from './support';

const wanted = process.argv.slice(2);
const unknown = wanted.filter((id) => !SECTIONS.some((s) => s.id === id));
if (unknown.length > 0) {
  console.error(`unknown section(s): ${unknown.join(', ')}; choose from ${SECTIONS.map((s) => s.id).join(', ')}`);
  process.exit(2);
}

if (!process.env.BENCH_SKIP_BUILD) {
  // The build as it is deployed: with its precompressed copies (src/server/precompress.ts).
  console.log('building the app (npm run build) …');
  execFileSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'ignore' });
}

const figures: Figure[] = [];
const failures: string[] = [];
for (const section of SECTIONS.filter((s) => wanted.length === 0 || wanted.includes(s.id))) {
  const started = Date.now();
  console.log(`▶ ${section.id}: ${section.title}`);
  try {
    const found = await section.run();
    figures.push(...found);
    for (const f of found) console.log(`  ${f.name}: ${f.value} ${f.unit}`);
  } catch (error) {
    failures.push(`${section.id}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    console.error(`  ✗ ${section.id} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  console.log(`  (${Math.round((Date.now() - started) / 1000)} s)`);
}

const chromiumVersion = (() => {
  try {
    return execFileSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
})();
const machine = {
  date: new Date().toISOString(),
  commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim(),
  cpu: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  chromium: chromiumVersion,
};
const dir = join(ROOT, 'bench', 'results');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'report.json'), JSON.stringify({ machine, figures, failures }, null, 2) + '\n');
writeFileSync(join(dir, 'report.md'), renderMarkdown(machine, figures, failures));
console.log(`\nwrote bench/results/report.md and report.json (${figures.length} figures, ${failures.length} failed sections)`);
if (failures.length > 0) process.exit(1);
