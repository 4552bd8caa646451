// The one way tests, the e2e suite and the bench start Chaski's server: `src/server/main.ts` as
// its own process (what `npm run serve` runs), on a real port, with its own data folder, so what
// is tested is what an operator runs. Other server scripts (the CLIs) run through runScript.
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './server/support';
import { tempDir } from './temp';

export const ROOT = new URL('..', import.meta.url).pathname;

export interface ScriptProcess {
  child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** The exit code once the process ends (null when killed by a signal). */
  exited: Promise<number | null>;
}

/** Runs `src/server/<script>` with tsx, in the repository root, with `env` over this process's. */
export function runScript(script: string, env: Record<string, string>, args: string[] = []): ScriptProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', join('src/server', script), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

export interface ServerOptions {
  /** A free port is found when not given. */
  port?: number;
  /** The server's data folder (PGlite, keys, tokens). A fresh one, removed on stop, when not given. */
  dataDir?: string;
  /** The catalogue to publish. A private copy of the real one (content/), removed on stop, when not given. */
  contentDir?: string;
  /** Run on this PostgreSQL instead of PGlite in dataDir. */
  databaseUrl?: string;
  /** More environment: ADMIN_TOKEN, DEMO_ENROLL_CODE, NODE_ENV … */
  env?: Record<string, string>;
  /** How long the start (which imports the catalogue) may take. */
  timeoutMs?: number;
  /** Where to write the server's output when it stops, for reading after a failed run. */
  logFile?: string;
}

export interface RunningServer extends ScriptProcess {
  url: string;
  port: number;
  dataDir: string;
  contentDir: string;
  /** Sends `signal` (Ctrl-C by default), waits for the exit and removes the folders made here. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts the server and waits until /api/v1/health answers. Throws with the server's output
 * if it exits or does not answer in time (stopping it and cleaning up first). */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const owned: string[] = [];
  const own = (prefix: string) => {
    const dir = tempDir(prefix);
    owned.push(dir);
    return dir;
  };
  const dataDir = options.dataDir ?? own('chaski-data-');
  let contentDir = options.contentDir;
  if (!contentDir) {
    contentDir = own('chaski-content-');
    cpSync(join(ROOT, 'content'), contentDir, { recursive: true });
  }
  const port = options.port ?? (await freePort());
  const url = `http://localhost:${port}`;
  // A fixed port another server already answers on (one left by an interrupted run) would pass
  // the health check below for this one, and the tests would run against the stranger.
  if (options.port !== undefined && (await answers(`${url}/api/v1/health`))) {
    throw new Error(`port ${port} is taken by another server (one left running by an earlier run?): stop it first`);
  }
  const server = runScript('main.ts', {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    CONTENT_DIR: contentDir,
    DATABASE_URL: options.databaseUrl ?? '',
    ...options.env,
  });
  const stop = async (signal: NodeJS.Signals = 'SIGINT') => {
    if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill(signal);
    const code = await server.exited;
    if (options.logFile) writeFileSync(options.logFile, server.output());
    for (const dir of owned) rmSync(dir, { recursive: true, force: true });
    return code;
  };
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  try {
    for (;;) {
      if (server.child.exitCode !== null) throw new Error(`the server exited (${server.child.exitCode}):\n${server.output()}`);
      if (Date.now() > deadline) throw new Error(`the server did not answer in time:\n${server.output()}`);
      if (await answers(`${url}/api/v1/health`)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (error) {
    await stop('SIGKILL');
    throw error;
  }
  return { ...server, url, port, dataDir, contentDir, stop };
}

/** Whether something answers `url` with a success (false while nothing listens yet). */
async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}
