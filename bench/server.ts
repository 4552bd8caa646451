// Sync-server throughput (issue item 7): requests per second and p99 latency of the three calls a
// kiosk makes (an idle poll answered 304, a full first pull, a push of submissions), measured with
// autocannon against the real server process, once on PGlite and once on a real PostgreSQL 15.
// autocannon runs in this process, on the same 2 cores as the server: the CPU each side used is
// recorded beside every figure, because the load generator's share is taken from the server.
import { createCipheriv, hkdfSync, randomBytes, randomInt } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { v7 as uuidv7 } from 'uuid';
import type { ChangesPage, EnrollResponse, SubmissionsResponse } from '../src/core/protocol';
import { type PublicKeyJwk, seal, sealContext } from '../src/core/seal';
import { startPostgres } from '../test/server/support';
import { ADMIN_TOKEN, type BenchSection, ENROLL_CODE, type Figure, round, startChaski } from './support';

const SECTION = 'Sync server throughput (autocannon)';
const COMMAND = 'npm run bench server';
// 10 connections ≈ ten kiosks of a library network syncing at the same moment, enough to keep
// the server busy; 10 s gives thousands of samples for the 304s but only tens to hundreds for the
// full page and the pushes (their p99 is then near the maximum), and keeps both databases' runs
// within ~3½ minutes on a 2-core machine. Each run follows
// a 3 s warm-up (JIT, connection pools, PGlite's buffer cache) whose numbers are dropped.
const CONNECTIONS = 10;
const DURATION_S = 10;
const WARMUP_S = 3;
const TIMEOUT_S = 30; // the server's own request timeout; autocannon's default (10 s) is shorter
const KIOSKS = 10;
export const CLK_TCK = 100; // Linux USER_HZ: /proc/<pid>/stat counts CPU time in these ticks
const ACCEPT_ENCODING = 'gzip, deflate, br'; // what Chromium sends (the kiosk is a PWA in it)

type DbKind = 'PGlite' | 'PostgreSQL';
interface Measured { scenario: string; reqPerSec: number; p50: number; p99: number; responses: number; bytesPerResponse: number; cpu: CpuShare; note: string }
interface CpuShare { server: number; postgres: number; loadGenerator: number; machine: number; serverSeconds: number; postgresSeconds: number }

// ---- CPU accounting from /proc: the server child, the PostgreSQL cluster, this process ----

export function procTicks(pid: number, withReapedChildren = false): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // After "pid (comm) ": state=0, ppid=1, …, utime=11, stime=12, cutime=13, cstime=14.
    const own = Number(fields[11]) + Number(fields[12]);
    return withReapedChildren ? own + Number(fields[13]) + Number(fields[14]) : own;
  } catch {
    return 0; // the process ended
  }
}

function processes(): Array<{ pid: number; ppid: number; cmd: string }> {
  const found = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
      found.push({ pid: Number(entry), ppid, cmd: readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ') });
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** Ticks used by the postmaster listening on `port` and its backends (ended ones included). */
export function postgresTicks(port: number | undefined): number {
  if (port === undefined) return 0;
  const all = processes();
  const master = all.find((p) => p.cmd.includes('postgres') && p.cmd.includes(`-p ${port}`) && !p.cmd.includes('pg_ctl'));
  if (!master) return 0;
  return procTicks(master.pid, true) + all.filter((p) => p.ppid === master.pid).reduce((sum, p) => sum + procTicks(p.pid), 0);
}

export function machineTicks(): { busy: number; total: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = cpu.reduce((a, b) => a + b, 0);
  return { busy: total - cpu[3]! - cpu[4]!, total }; // idle and iowait are not busy
}

/** Measures `work` and returns, for each side, its CPU as a percentage of the machine's cores. */
async function withCpu<T>(serverPid: number, pgPort: number | undefined, work: () => Promise<T>): Promise<[T, CpuShare]> {
  const cores = machineCores();
  const before = { wall: performance.now(), self: process.cpuUsage(), server: procTicks(serverPid), pg: postgresTicks(pgPort), machine: machineTicks() };
  const result = await work();
  const wallS = (performance.now() - before.wall) / 1000;
  const self = process.cpuUsage(before.self);
  const machine = machineTicks();
  const pct = (cpuSeconds: number) => round((100 * cpuSeconds) / (wallS * cores), 1);
  return [result, {
    server: pct((procTicks(serverPid) - before.server) / CLK_TCK),
    postgres: pct((postgresTicks(pgPort) - before.pg) / CLK_TCK),
    loadGenerator: pct((self.user + self.system) / 1e6),
    machine: round((100 * (machine.busy - before.machine.busy)) / (machine.total - before.machine.total), 1),
    serverSeconds: (procTicks(serverPid) - before.server) / CLK_TCK,
    postgresSeconds: (postgresTicks(pgPort) - before.pg) / CLK_TCK,
  }];
}

const machineCores = () => readFileSync('/proc/stat', 'utf8').split('\n').filter((l) => /^cpu\d/.test(l)).length;

// ---- Submissions, sealed the way src/core/seal.ts seals them, but synchronously ----

export interface FormTarget { formId: string; formVersion: number }

const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join('');

/** A realistic patron's answers: alternately an SIS enrolment and feedback on a guide. */
function submissionPayload(form: FormTarget) {
  if (form.formId === 'afiliacion-sis') {
    return {
      answers: { dni: digits(8), nombres: 'María Elena', apellidos: 'Quispe Mamani', ubigeo: '080101', direccion: 'Jr. Túpac Amaru 245, a media cuadra de la plaza', celular: `9${digits(8)}`, tiene_otro_seguro: false, gestante: false },
      context: { guideId: 'sis-gratuito' },
    };
  }
  return { answers: { util: false, problema: 'El costo ya no es el que dice la guía y falta decir que hay que llevar copia del DNI.', celular: `9${digits(8)}` }, context: { guideId: 'dni-duplicado' } };
}

/** Seals with one ephemeral ECDH key for the whole run (the ECDH agreement is done once) and a
 * fresh salt, IV and id per submission. The kiosk makes a fresh ephemeral key per submission,
 * but the server's work is identical either way (it imports `epk` and runs ECDH + HKDF + AES-GCM
 * for every item); only the load generator is spared ~1 ms of WebCrypto per item, which it
 * could not do inside autocannon's synchronous setupRequest. */
export async function fastSealer(serverKey: PublicKeyJwk) {
  const alg = { name: 'ECDH', namedCurve: 'P-256' } as const;
  const server = await crypto.subtle.importKey('jwk', { ...serverKey, ext: true }, alg, false, []);
  const ephemeral = (await crypto.subtle.generateKey(alg, true, ['deriveBits'])) as CryptoKeyPair;
  const secret = Buffer.from(await crypto.subtle.deriveBits({ name: 'ECDH', public: server }, ephemeral.privateKey, 256));
  const { x, y } = await crypto.subtle.exportKey('jwk', ephemeral.publicKey);
  const info = new TextEncoder().encode('chaski submission v1');
  return (form: FormTarget) => {
    const head = { id: uuidv7(), ...form, createdAt: new Date().toISOString() };
    const salt = randomBytes(16);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', Buffer.from(hkdfSync('sha256', secret, salt, info, 32)), iv);
    cipher.setAAD(sealContext(head));
    const ct = Buffer.concat([cipher.update(JSON.stringify(submissionPayload(form)), 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return { ...head, sealed: { v: 1, epk: { kty: 'EC', crv: 'P-256', x, y }, salt: salt.toString('base64url'), iv: iv.toString('base64url'), ct: ct.toString('base64url') } };
  };
}

// ---- The runs ----

async function storedCount(url: string): Promise<number> {
  const res = await fetch(`${url}/api/v1/admin/forms`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  if (!res.ok) throw new Error(`GET /api/v1/admin/forms: ${res.status}`);
  return ((await res.json()) as { forms: Array<{ count: number }> }).forms.reduce((sum, f) => sum + f.count, 0);
}

interface Watched { serverPid: number; pgPort?: number }

/** A warm-up whose numbers are dropped, then the measured run with its CPU accounting. */
async function cannon(watched: Watched, options: autocannon.Options, onWarmUp?: (r: autocannon.Result) => void): Promise<[autocannon.Result, CpuShare]> {
  onWarmUp?.(await autocannon({ ...options, duration: WARMUP_S }));
  return withCpu(watched.serverPid, watched.pgPort, () => autocannon(options));
}

async function measureServer(url: string, watched: Watched): Promise<Measured[]> {
  const feed = (await (await fetch(`${url}/api/v1/changes?limit=1000`)).json()) as ChangesPage;
  const firstPage = await fetch(`${url}/api/v1/changes`, { headers: { 'accept-encoding': ACCEPT_ENCODING } });
  const etag = firstPage.headers.get('etag');
  const encoding = firstPage.headers.get('content-encoding');
  const pageRecords = ((await firstPage.json()) as ChangesPage).changes.length;
  if (!etag) throw new Error('GET /api/v1/changes sent no ETag');
  const key = feed.changes.find((c) => c.kind === 'key' && c.id === 'submissions');
  if (!key || key.op !== 'put') throw new Error('the feed carries no submission key');
  const serverKey = (key.data as { publicKey: PublicKeyJwk }).publicKey;
  const forms: FormTarget[] = ['afiliacion-sis', 'comentario-guia'].map((formId) => {
    const form = feed.changes.find((c) => c.kind === 'form' && c.id === formId);
    if (!form) throw new Error(`the sample catalogue has no form ${formId}`);
    return { formId, formVersion: form.version };
  });

  // Ten kiosks (bench/support.ts lets the demo code enrol 100), pushes spread over them: authenticate() updates the
  // kiosk's row on every push, and one shared token would make all pushes contend for that row.
  const tokens: string[] = [];
  for (let i = 0; i < KIOSKS; i++) {
    const res = await fetch(`${url}/api/v1/kiosks/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: ENROLL_CODE, library: `Biblioteca de prueba ${i}` }) });
    if (res.status !== 201) throw new Error(`enrolment failed: ${res.status} ${await res.text()}`);
    tokens.push(((await res.json()) as EnrollResponse).token);
  }

  // One batch sealed by the kiosk's own code first: proves the fast sealer's output is the same
  // wire format, because the server must accept both.
  const sealedByKiosk = await Promise.all(forms.map(async (form) => {
    const head = { id: uuidv7(), ...form, createdAt: new Date().toISOString() };
    return { ...head, sealed: await seal(serverKey, submissionPayload(form), sealContext(head)) };
  }));
  const sealer = await fastSealer(serverKey);
  const check = await fetch(`${url}/api/v1/submissions`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[0]}` }, body: JSON.stringify({ submissions: [...sealedByKiosk, sealer(forms[0]!), sealer(forms[1]!)] }) });
  const checked = (await check.json()) as SubmissionsResponse;
  if (!checked.results?.every((r) => r.status === 'accepted')) throw new Error(`sample submissions not accepted: ${JSON.stringify(checked)}`);

  const base = { url, connections: CONNECTIONS, duration: DURATION_S, timeout: TIMEOUT_S };
  const results: Measured[] = [];
  const record = (scenario: string, r: autocannon.Result, cpu: CpuShare, expected: number, extra: string) => {
    // A wrong status means the benchmark is broken (bad token, bad body); a timeout is a result.
    const wrong = Object.entries(r.statusCodeStats ?? {}).filter(([code]) => code !== `${expected}`);
    if (wrong.length > 0) throw new Error(`${scenario}: answers other than ${expected}: ${JSON.stringify(Object.fromEntries(wrong))}`);
    const unexpected = r.errors;
    const bytesPerResponse = r.requests.total > 0 ? Math.round(r.throughput.total / r.requests.total) : 0;
    results.push({ scenario, reqPerSec: round(r.requests.average, r.requests.average < 100 ? 1 : 0), p50: r.latency.p50, p99: r.latency.p99, responses: r.requests.total, bytesPerResponse, cpu, note: `${extra}${unexpected > 0 ? `; ${r.errors} requests failed (${r.timeouts} timed out after ${TIMEOUT_S} s)` : ''}` });
  };

  // 1. An idle kiosk's poll: same request, same ETag, answered 304 with no body.
  const [notModified, cpu304] = await cannon(watched, { ...base, url: `${url}/api/v1/changes`, headers: { 'if-none-match': etag, 'accept-encoding': ACCEPT_ENCODING } });
  record('GET /changes → 304', notModified, cpu304, 304, '');

  // 2. A new kiosk's first pull: the whole first page, compressed as Chromium asks.
  const [fullPage, cpuFull] = await cannon(watched, { ...base, url: `${url}/api/v1/changes`, headers: { 'accept-encoding': ACCEPT_ENCODING } });
  record('GET /changes full page', fullPage, cpuFull, 200, `${pageRecords} records, ${encoding ?? 'identity'}`);

  // 3. Pushes of 10 and of 50 (the kiosk's maximum) new sealed submissions, each with a new id.
  // The answers come back brotli-compressed (the kiosk accepts it), which autocannon cannot
  // read, so acceptance is checked by the stored count instead: every 200 must have stored all.
  for (const size of [10, 50]) {
    let next = 0;
    let bodyBytes = 0;
    const requests: autocannon.Request[] = [{
      method: 'POST',
      path: '/api/v1/submissions',
      setupRequest: (req) => {
        const n = next++;
        const body = JSON.stringify({ submissions: Array.from({ length: size }, (_, i) => sealer(forms[(n + i) % forms.length]!)) });
        bodyBytes += body.length;
        return { ...req, headers: { 'content-type': 'application/json', 'accept-encoding': ACCEPT_ENCODING, authorization: `Bearer ${tokens[n % tokens.length]}` }, body };
      },
    }];
    const storedBefore = await storedCount(url);
    let ok = 0;
    const [push, cpuPush] = await cannon(watched, { ...base, requests }, (warmUp) => (ok += warmUp.statusCodeStats?.['200']?.count ?? 0));
    ok += push.statusCodeStats?.['200']?.count ?? 0;
    const stored = (await storedCount(url)) - storedBefore;
    if (stored < ok * size) throw new Error(`push of ${size}: ${ok} answers 200 but only ${stored} submissions stored (expected ≥ ${ok * size})`);
    record(`POST /submissions ×${size}`, push, cpuPush, 200, `bodies of ~${Math.round(bodyBytes / next / 1024)} KiB, ${round(push.requests.average * size, 0)} submissions/s, ${stored} stored (warm-up included)`);
  }
  return results;
}

/** Starts the server on one database, measures it, and stops everything it started. */
async function measure(kind: DbKind): Promise<Measured[]> {
  const cluster = kind === 'PostgreSQL' ? await startPostgres() : undefined;
  try {
    let databaseUrl: string | undefined;
    if (cluster) {
      const created = await cluster.createDatabase();
      await created.db.close();
      databaseUrl = created.url;
    }
    const server = await startChaski({ databaseUrl });
    try {
      return await measureServer(server.url, { serverPid: server.child.pid ?? 0, pgPort: databaseUrl ? Number(new URL(databaseUrl).port) : undefined });
    } finally {
      await server.stop();
    }
  } finally {
    cluster?.stop();
  }
}

function figures(kind: DbKind, runs: Measured[]): Figure[] {
  return runs.flatMap((m) => {
    const cpu = `CPU of 2 cores: server ${m.cpu.server}%${kind === 'PostgreSQL' ? `, postgres ${m.cpu.postgres}%` : ''}, autocannon ${m.cpu.loadGenerator}%, whole machine ${m.cpu.machine}% busy`;
    return [
      { section: SECTION, name: `${m.scenario}, ${kind}: requests/s`, value: m.reqPerSec, unit: 'req/s', command: COMMAND, note: `${CONNECTIONS} connections, ${DURATION_S} s, ${m.responses} responses of ~${m.bytesPerResponse} B${m.note ? `, ${m.note}` : ''}; ${cpu}` },
      { section: SECTION, name: `${m.scenario}, ${kind}: p99 latency`, value: round(m.p99, 1), unit: 'ms', command: COMMAND, note: `p50 ${m.p50} ms` },
      // CPU per request barely depends on what else runs on the machine, unlike req/s and p99.
      { section: SECTION, name: `${m.scenario}, ${kind}: server CPU per request`, value: round((1000 * m.cpu.serverSeconds) / m.responses, 2), unit: 'ms', command: COMMAND, note: kind === 'PostgreSQL' ? `plus ${round((1000 * m.cpu.postgresSeconds) / m.responses, 2)} ms in PostgreSQL's processes` : 'PGlite runs inside the server process' },
    ];
  });
}

export const section: BenchSection = {
  id: 'server',
  title: SECTION,
  async run() {
    const lite = await measure('PGlite');
    const pg = await measure('PostgreSQL');
    const ratios: Figure[] = lite.map((l, i) => ({
      section: SECTION,
      name: `${l.scenario}: requests/s PostgreSQL ÷ PGlite`,
      value: round(pg[i]!.reqPerSec / l.reqPerSec, 2),
      unit: '×',
      command: COMMAND,
      note: `${pg[i]!.reqPerSec} ÷ ${l.reqPerSec} req/s; p99 ${round(pg[i]!.p99, 1)} vs ${round(l.p99, 1)} ms`,
    }));
    return [...figures('PGlite', lite), ...figures('PostgreSQL', pg), ...ratios];
  },
};
