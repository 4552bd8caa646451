// Debian's nginx, run by the tests in front of real Chaski servers: in the foreground, with its
// cache and temp files in a throwaway folder, on a free port. The server block includes the
// snippet deploy/nginx/chaski.conf ships (deploy/nginx/snippets/chaski-proxy.conf), so the
// locations, cache rules and proxy headers tested are the shipped ones; only TLS, the listen
// address and the upstream's servers are the test's.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../start-server';
import { freePort, tempDir } from './support';

export const NGINX = process.env.NGINX_BIN ?? '/usr/sbin/nginx';
export const PROXY_SNIPPET = join(ROOT, 'deploy/nginx/snippets/chaski-proxy.conf');

/** Fails (never skips) when nginx is missing: a skipped proxy test would pass in silence. */
export function requireNginx(): void {
  if (!existsSync(NGINX)) {
    throw new Error(`nginx is not installed (looked for ${NGINX}): apt-get install -y nginx (scripts/ensure-test-tools.sh installs it before the tests)`);
  }
}

/** Runs `nginx -t` on a config; its output, and whether nginx accepted it. */
export function nginxCheck(prefix: string, conf: string): { ok: boolean; output: string } {
  const result = spawnSync(NGINX, ['-t', '-p', prefix, '-c', conf, '-e', 'stderr', '-g', `pid ${join(prefix, 'nginx.pid')};`], { encoding: 'utf8' });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

export interface RunningNginx {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/** nginx in front of `upstreams` (host:port), serving plain HTTP on 127.0.0.1. */
export async function startNginx(upstreams: string[]): Promise<RunningNginx> {
  requireNginx();
  const dir = tempDir('chaski-nginx-');
  // Started as root, nginx's workers run as nobody and must reach the cache below this folder.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const conf = join(dir, 'nginx.conf');
  const temp = (name: string) => `${name}_temp_path ${join(dir, name)};`;
  writeFileSync(
    conf,
    `worker_processes 1;
events { worker_connections 256; }
http {
    access_log off;
    ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n    ')}
    proxy_cache_path ${join(dir, 'cache')} levels=1:2 keys_zone=chaski:1m inactive=10m use_temp_path=off;
    upstream chaski {
        ${upstreams.map((address) => `server ${address};`).join('\n        ')}
        keepalive 4;
    }
    server {
        listen 127.0.0.1:${port};
        server_name localhost;
        include ${PROXY_SNIPPET};
    }
}
`,
  );
  const check = nginxCheck(dir, conf);
  if (!check.ok) throw new Error(`nginx refused the test's config:\n${check.output}`);
  const child: ChildProcess = spawn(NGINX, ['-p', dir, '-c', conf, '-e', 'stderr', '-g', `daemon off; pid ${join(dir, 'nginx.pid')}; error_log stderr warn;`], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    // QUIT: nginx's graceful stop; its workers go with the master.
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGQUIT');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`nginx exited at start:\n${output}`);
    }
    try {
      await fetch(`${url}/api/v1/health`);
      break;
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`nginx did not listen in time:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return { url, output: () => output, stop };
}
