// Renders the benchmark figures as Markdown: one table per section, each figure beside its
// budget and the command that reproduces it.
import type { Figure } from './support';

export interface Machine {
  date: string;
  commit: string;
  cpu: string;
  memoryGiB: number;
  node: string;
  chromium: string;
}

function verdict(figure: Figure): string {
  if (!figure.budget) return '';
  const { limit, lowerIsBetter = true } = figure.budget;
  const ok = lowerIsBetter ? figure.value <= limit : figure.value >= limit;
  return `${ok ? '✅' : '❌'} ${lowerIsBetter ? '≤' : '≥'} ${limit}`;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderMarkdown(machine: Machine, figures: Figure[], failures: string[]): string {
  const lines = [
    '# Chaski benchmark report',
    '',
    `${machine.date} · commit ${machine.commit} · ${machine.cpu} · ${machine.memoryGiB} GiB · Node ${machine.node} · ${machine.chromium}`,
    '',
    'Produced by `npm run bench`. Timings come from a shared, noisy machine: read them as ratios',
    'within this run (each ratio compares Chaski with the physical floor measured the same way, at the',
    'same moment), not as absolute numbers. Byte counts are exact.',
    '',
  ];
  const sections = [...new Set(figures.map((f) => f.section))];
  for (const section of sections) {
    lines.push(`## ${section}`, '', '| figure | value | budget | command |', '|---|---|---|---|');
    for (const f of figures.filter((x) => x.section === section)) {
      const name = f.note ? `${f.name} — ${f.note}` : f.name;
      lines.push(`| ${cell(name)} | ${f.value} ${f.unit} | ${verdict(f)} | \`${cell(f.command)}\` |`);
    }
    lines.push('');
  }
  if (failures.length > 0) {
    lines.push('## Sections that failed', '', ...failures.map((f) => `- ${cell(f.split('\n')[0] ?? f)}`), '');
  }
  return lines.join('\n');
}
