// The deploy kit in deploy/ checked as far as this machine can without containers or a desktop
// (deploy/README.md says what is not run): nginx accepts the shipped site with TLS, compose.yaml
// wires one database, two identical nodes and the proxy without a secret in it, and systemd
// accepts the server's and the kiosk's units.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { nginxCheck, requireNginx } from '../../test/server/nginx';
import { tempDir } from '../../test/server/support';
import { ROOT } from '../../test/start-server';

const DEPLOY = join(ROOT, 'deploy');
const read = (path: string) => readFileSync(join(DEPLOY, path), 'utf8');
const made: string[] = [];
const scratch = (prefix: string) => {
  const dir = tempDir(prefix);
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** Replaces `from` in `text`, failing if it is not there: the test follows the config's edits. */
function swap(text: string, from: string | RegExp, to: string): string {
  expect(text, `the shipped config no longer has ${String(from)}`).toMatch(from);
  return text.replace(from, to);
}

describe('the nginx site (deploy/nginx)', () => {
  it('is accepted by nginx -t with a certificate in tls/, as an operator installs it', () => {
    requireNginx();
    const etc = scratch('chaski-etc-nginx-');
    mkdirSync(join(etc, 'conf.d'));
    mkdirSync(join(etc, 'tls'));
    cpSync(join(DEPLOY, 'nginx/snippets'), join(etc, 'snippets'), { recursive: true });
    const openssl = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', '/CN=chaski.example.pe',
      '-keyout', join(etc, 'tls/privkey.pem'), '-out', join(etc, 'tls/fullchain.pem')], { encoding: 'utf8' });
    expect(openssl.status, openssl.stderr).toBe(0);
    // Only what belongs to the machine it runs on: the nodes' names (compose's), the cache and the log.
    let site = read('nginx/chaski.conf');
    site = swap(site, /server chaski-1:8080/, 'server 127.0.0.1:18081');
    site = swap(site, /server chaski-2:8080/, 'server 127.0.0.1:18082');
    site = swap(site, '/var/cache/nginx/chaski', join(etc, 'cache'));
    site = swap(site, '/var/log/nginx/chaski.access.log', join(etc, 'access.log'));
    writeFileSync(join(etc, 'conf.d/chaski.conf'), site);
    const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((name) => `${name}_temp_path ${join(etc, name)};`).join(' ');
    writeFileSync(join(etc, 'nginx.conf'), `events {}\nhttp { ${temp} include conf.d/chaski.conf; }\n`);
    const check = nginxCheck(etc, join(etc, 'nginx.conf'));
    expect(check.ok, check.output).toBe(true);
    expect(check.output).not.toMatch(/\[warn\]/);
  });

  it('keeps nothing a token asked for in any location it caches in, and passes the patron\'s address and a request id', () => {
    const snippet = read('nginx/snippets/chaski-proxy.conf').replace(/#.*$/gm, '');
    const locations = [...snippet.matchAll(/location\s+([^{]+)\{([^}]*)\}/g)];
    const caching = locations.filter(([, , body]) => /proxy_cache chaski;/.test(body!));
    expect(caching.map(([, where]) => where!.trim())).toEqual(['= /api/v1/changes', '~ ^/(assets/|api/v1/audio/|informe(/|$))']);
    for (const [, where, body] of caching) {
      expect(body, where).toMatch(/proxy_cache_bypass \$http_authorization;/);
      expect(body, where).toMatch(/proxy_no_cache \$http_authorization;/);
      expect(body, where).toMatch(/proxy_cache_revalidate on;/);
    }
    expect(snippet).toMatch(/proxy_set_header X-Forwarded-For \$remote_addr;/);
    expect(snippet).toMatch(/proxy_set_header X-Request-Id \$request_id;/);
    expect(snippet).toMatch(/add_header X-Cache-Status \$upstream_cache_status always;/);
    const upstream = /upstream chaski \{([^}]*)\}/.exec(read('nginx/chaski.conf'))![1]!;
    expect(upstream.match(/^\s*server /gm)).toHaveLength(2);
  });
});

type Service = { image?: string; build?: unknown; environment?: Record<string, string>; secrets?: string[]; volumes?: string[]; ports?: string[];
  healthcheck?: { test?: string[]; disable?: boolean }; depends_on?: Record<string, { condition: string }> };

describe('compose.yaml', () => {
  const text = read('compose.yaml');
  const compose = parse(text, { merge: true }) as { services: Record<string, Service>; secrets: Record<string, { file: string }>; volumes: Record<string, unknown> };
  const { db, proxy, ...rest } = compose.services;
  const nodes = [rest['chaski-1']!, rest['chaski-2']!];

  it('runs PostgreSQL 15 on a volume with its own healthcheck, two Chaski nodes and nginx', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['chaski-1', 'chaski-2', 'db', 'proxy']);
    expect(db!.image).toBe('postgres:15');
    expect(db!.volumes).toContain('pgdata:/var/lib/postgresql/data');
    expect(compose.volumes).toHaveProperty('pgdata');
    expect(db!.healthcheck!.test!.join(' ')).toMatch(/pg_isready/);
    for (const node of nodes) {
      expect(node.build).toEqual({ context: '..', dockerfile: 'deploy/Dockerfile' });
      // Their healthcheck is the image's (the readiness endpoint): not switched off here.
      expect(node.healthcheck).toBeUndefined();
      expect(node.depends_on!.db).toEqual({ condition: 'service_healthy' });
    }
    expect(proxy!.ports).toContain('443:443');
    expect(proxy!.volumes).toEqual(expect.arrayContaining(['./nginx/chaski.conf:/etc/nginx/conf.d/default.conf:ro', './nginx/snippets:/etc/nginx/snippets:ro', './tls:/etc/nginx/tls:ro']));
    expect(Object.values(proxy!.depends_on!)).toEqual([{ condition: 'service_healthy' }, { condition: 'service_healthy' }]);
  });

  it('gives both nodes the same database, token and signing key, the last two as secrets', () => {
    expect(nodes[1]!.environment).toEqual(nodes[0]!.environment);
    expect(nodes[1]!.secrets).toEqual(nodes[0]!.secrets);
    const env = nodes[0]!.environment!;
    expect(env.DATABASE_URL).toMatch(/^postgres:\/\/chaski@db:5432\/chaski$/);
    expect(env.TRUST_PROXY).toBe('1');
    expect(env.NODE_ENV).toBe('production');
    for (const [variable, secret] of [['ADMIN_TOKEN_FILE', 'admin_token'], ['SIGNING_KEY_FILE', 'signing_key.json'], ['PGPASSWORD_FILE', 'db_password']] as const) {
      expect(env[variable]).toBe(`/run/secrets/${secret}`);
      expect(nodes[0]!.secrets).toContain(secret);
      expect(compose.secrets[secret]!.file).toBe(`./secrets/${secret}`);
    }
    expect(db!.environment!.POSTGRES_PASSWORD_FILE).toBe('/run/secrets/db_password');
  });

  it('holds no secret itself, and the secrets folder is kept out of git and of the image', () => {
    for (const service of Object.values(compose.services)) {
      for (const name of Object.keys(service.environment ?? {})) expect(name).not.toMatch(/^(ADMIN_TOKEN|POSTGRES_PASSWORD|PGPASSWORD|DATABASE_URL_FILE)$/);
    }
    expect(text).not.toMatch(/[A-Za-z0-9+/=_-]{32,}/);
    expect(readFileSync(join(ROOT, '.gitignore'), 'utf8')).toMatch(/^\/deploy\/secrets\/$/m);
    expect(readFileSync(join(ROOT, '.dockerignore'), 'utf8')).toMatch(/^deploy\/secrets$/m);
  });
});

describe('the systemd units', () => {
  const available = spawnSync('systemd-analyze', ['--version']).status === 0;

  /** `systemd-analyze verify` prints what it ignores (an unknown key) yet exits 0: both count. */
  function verify(file: string, executable: string) {
    const dir = scratch('chaski-units-');
    let unit = readFileSync(file, 'utf8');
    // The unit names the program where a Debian kiosk or server has it; this machine may not.
    if (!existsSync(executable)) unit = unit.replaceAll(executable, '/bin/true');
    const copy = join(dir, file.split('/').pop()!);
    writeFileSync(copy, unit);
    const result = spawnSync('systemd-analyze', ['verify', copy], { encoding: 'utf8' });
    return { status: result.status, output: `${result.stdout}${result.stderr}`.trim() };
  }

  it('runs the server as chaski, restarted on failure, sandboxed, writing only its data folder', () => {
    const unit = read('chaski.service');
    for (const line of ['User=chaski', 'EnvironmentFile=/etc/chaski/chaski.env', 'Restart=on-failure', 'NoNewPrivileges=yes', 'ProtectSystem=strict', 'ReadWritePaths=/var/lib/chaski', 'PrivateTmp=yes', 'ExecStart=/usr/bin/node --import tsx src/server/main.ts']) {
      expect(unit.split('\n')).toContain(line);
    }
    expect(read('chaski.env.example')).toMatch(/^DATA_DIR=\/var\/lib\/chaski$/m);
    if (available) expect(verify(join(DEPLOY, 'chaski.service'), '/usr/bin/node')).toEqual({ status: 0, output: '' });
  });

  it('opens Chromium in kiosk mode on the https address at the kiosk\'s login', () => {
    const flags = '--kiosk --noerrdialogs --disable-session-crashed-bubble --no-first-run';
    expect(read('kiosk/chaski-kiosk.service')).toMatch(new RegExp(`^ExecStart=/usr/bin/chromium ${flags} .*\\$\\{CHASKI_URL\\}$`, 'm'));
    expect(read('kiosk/chaski-kiosk.service')).toMatch(/^Environment=CHASKI_URL=https:\/\//m);
    expect(read('kiosk/chaski-kiosk.desktop')).toMatch(new RegExp(`^Exec=/usr/bin/chromium ${flags} .* https://chaski\\.example\\.pe/$`, 'm'));
    expect(read('kiosk/windows/install-chaski-kiosk.ps1')).toMatch(/--kiosk \$Url/);
    if (available) expect(verify(join(DEPLOY, 'kiosk/chaski-kiosk.service'), '/usr/bin/chromium')).toEqual({ status: 0, output: '' });
  });
});
