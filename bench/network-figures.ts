// The figures of `npm run bench network` (bench/network.ts): what a run measured, turned into the
// rates an operator sizes with (CPU-seconds and PostgreSQL writes per 1,000 kiosks at the real
// 5-minute cadence) and into the ramp's verdicts.
import { CYCLE_S, KINDS, type StepResult } from './network-load';
import { type Figure, machineLoad, percentile, round, sum } from './support';

export const SECTION = 'Library network load (one and two nodes, one PostgreSQL)';
export const COMMAND = 'npm run bench network';
export const P99_LIMIT_MS = 200;
const LAG_LIMIT_MS = 50;

export interface Cpu {
  nodes: number[];
  postgres: number;
  generator: number;
  wallS: number;
  /** Share of the time some runnable task waited for a core (/proc/pressure/cpu, "some"). */
  pressure: number;
  /** Share of the machine's cores busy, everybody's work included. */
  machineBusy: number;
}
export interface PgStats { commits: number; written: number; walBytes: number }
export interface Measured extends StepResult { cpu: Cpu; pg: PgStats; publishMs: number[]; repeated?: string }

const p = (m: Measured, kind: (typeof KINDS)[number], q: number) => round(percentile(m.latencies[kind], q), 1);
const used = (m: Measured) => KINDS.filter((k) => m.latencies[k].length > 0);

/** Why a step fails the 200-ms p99 limit, or null when it passes. */
export function fails(m: Measured): string | null {
  if (m.errors > 0) return `${m.errors} errors (${m.errorSamples.join('; ')})`;
  const worst = used(m).map((k) => [k, percentile(m.latencies[k], 99)] as const).sort((a, b) => b[1] - a[1])[0]!;
  const lag = percentile(m.lagMs, 99);
  // Latency counts from the moment a request was due, so a late generator shows in it too.
  const late = lag > LAG_LIMIT_MS ? ` (the generator itself sent p99 ${round(lag, 0)} ms late)` : '';
  if (worst[1] > P99_LIMIT_MS) return `p99 of ${worst[0]} ${round(worst[1], 0)} ms${late}`;
  if (m.skipped > 0) return `${m.skipped} syncs skipped (the previous one still running)${late}`;
  if (late) return `the generator fell behind${late}`;
  return null;
}

const pct = (cpuS: number, m: Measured) => round((100 * cpuS) / m.cpu.wallS, 0);
export const latencyNote = (m: Measured) => used(m).map((k) => `${k}: ${m.latencies[k].length} × p50 ${p(m, k, 50)} / p99 ${p(m, k, 99)} ms`).join('; ');
export const cpuNote = (m: Measured) =>
  `CPU (% of one core): node${m.cpu.nodes.length > 1 ? 's' : ''} ${m.cpu.nodes.map((c) => pct(c, m)).join(' + ')}, PostgreSQL ${pct(m.cpu.postgres, m)}, generator ${pct(m.cpu.generator, m)}; machine ${round(100 * m.cpu.machineBusy, 0)}% busy, tasks waiting for a core ${round(100 * m.cpu.pressure, 0)}% of the time`;

/** A step's cost per 1,000 kiosks: CPU-seconds per 5-minute cycle, PostgreSQL's rates at the
 * real cadence (the measured rate ÷ the compression). */
function costs(f: (name: string, value: number, unit: string, note?: string) => Figure, what: string, m: Measured, kiosks: number): Figure[] {
  const thousandsOfKioskCycles = (kiosks * m.cpu.wallS * m.compression) / CYCLE_S / 1000;
  const cpu = (s: number) => round(s / thousandsOfKioskCycles, 3);
  const real = (n: number) => round(n / thousandsOfKioskCycles / CYCLE_S, 3);
  const measured = (n: number, unit = '/s') => `${round(n / m.cpu.wallS, 0)}${unit} measured`;
  return [
    f(`node CPU-seconds per 1,000 kiosks per 5-minute cycle, ${what}`, cpu(sum(m.cpu.nodes)), 'CPU-s', cpuNote(m)),
    f(`PostgreSQL CPU-seconds per 1,000 kiosks per 5-minute cycle, ${what}`, cpu(m.cpu.postgres), 'CPU-s'),
    f(`load generator CPU-seconds per 1,000 kiosks per 5-minute cycle, ${what}`, cpu(m.cpu.generator), 'CPU-s', 'the simulated kiosks, on the same cores'),
    f(`PostgreSQL transactions per 1,000 kiosks at the real cadence, ${what}`, real(m.pg.commits), '/s', `${measured(m.pg.commits)}; read-only ones included (every poll reads the feed's head)`),
    f(`PostgreSQL rows written per 1,000 kiosks at the real cadence, ${what}`, real(m.pg.written), '/s', `${measured(m.pg.written)}: submissions inserted, kiosks' last_seen_at updated on every authenticated request`),
    f(`PostgreSQL WAL per 1,000 kiosks at the real cadence, ${what}`, round(real(m.pg.walBytes) / 1024, 2), 'KiB/s', `${measured(m.pg.walBytes / 1024, ' KiB/s')} (the bench cluster runs with fsync off)`),
  ];
}

export function figuresOf(label: string, runs: { base: Measured; full: Measured; ramp: Measured[] }, kiosks: number): Figure[] {
  const { base, full, ramp } = runs;
  const f = (name: string, value: number, unit: string, note?: string): Figure => ({ section: SECTION, name: `${label}: ${name}`, value, unit, command: COMMAND, ...(note ? { note } : {}) });
  const at = (m: Measured) => `${m.compression}× (${kiosks.toLocaleString('en')} kiosks each syncing every ${round(CYCLE_S / m.compression, 1)} s), ${m.seconds} s`;
  const out = [
    f(`requests/s at ${at(base)}`, round(base.completed / base.seconds, 0), 'req/s', `offered ${round(base.offeredPerS, 0)}/s; ${base.errors} errors, ${base.skipped} skipped; content published once (import ${base.publishMs.map((ms) => round(ms, 0)).join(', ')} ms); ${machineLoad()}`),
    ...used(base).map((k) => f(`${k} p99 at ${base.compression}×`, p(base, k, 99), 'ms', `p50 ${p(base, k, 50)} ms, ${base.latencies[k].length} requests`)),
    ...costs(f, 'the mix with one publication', base, kiosks),
    f(`full sync (poll + notes, or push): requests/s at ${at(full)}`, round(full.completed / full.seconds, 0), 'req/s', latencyNote(full)),
    ...costs(f, 'full sync (notes read too), no publication', full, kiosks),
  ];
  let best: Measured | undefined;
  for (const m of ramp) {
    const failed = fails(m);
    if (!failed && m.compression > (best?.compression ?? 0)) best = m;
    const worst = Math.max(...used(m).map((k) => percentile(m.latencies[k], 99)));
    const verdict = `${failed ? `FAILS: ${failed}` : 'passes'}${m.repeated ? ` on the repeat (the first try: ${m.repeated})` : ''}`;
    out.push(f(`ramp ${m.compression}× (${round(m.offeredPerS, 0)} req/s offered): worst p99`, round(worst, 1), 'ms', `${verdict}; ${round(m.completed / m.seconds, 0)} req/s done; ${latencyNote(m)}; ${cpuNote(m)}; generator p99 lateness ${round(percentile(m.lagMs, 99), 1)} ms`));
  }
  if (ramp[0]) out.push(...costs(f, `the mix without publication (ramp ${ramp[0].compression}×)`, ramp[0], kiosks).slice(0, 2));
  out.push(f(`largest network within ${P99_LIMIT_MS} ms p99, at the real 5-minute cadence`, best ? kiosks * best.compression : 0, 'kiosks', best ? `the ${best.compression}× step, ${round(best.completed / best.seconds, 0)} req/s; ${machineLoad()}` : 'no ramp step passed'));
  return out;
}
