// The embedded database may be opened by one process only. The process that opens it leaves
// DATA_DIR/server.json (its pid and URL) so others can find it, or know to wait.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DataDirOwner {
  pid: number;
  /** Where the owning server listens; absent while a one-off command (an import) holds it. */
  url?: string;
}

const OWNER_FILE = 'server.json';

export function liveOwner(dataDir: string): DataDirOwner | null {
  const file = join(dataDir, OWNER_FILE);
  if (!existsSync(file)) return null;
  try {
    const owner = JSON.parse(readFileSync(file, 'utf8')) as DataDirOwner;
    process.kill(owner.pid, 0); // throws when no such process: the file is stale
    return owner;
  } catch {
    return null;
  }
}

/** Claims the data folder for this process, or throws naming the process that holds it. */
export function claimDataDir(dataDir: string, owner: Omit<DataDirOwner, 'pid'> = {}): { update(o: Omit<DataDirOwner, 'pid'>): void; release(): void } {
  mkdirSync(dataDir, { recursive: true });
  const holder = liveOwner(dataDir);
  if (holder && holder.pid !== process.pid) {
    throw new Error(`another Chaski process (pid ${holder.pid}${holder.url ? `, ${holder.url}` : ''}) is using ${dataDir}`);
  }
  const file = join(dataDir, OWNER_FILE);
  const write = (o: Omit<DataDirOwner, 'pid'>) => writeFileSync(file, JSON.stringify({ pid: process.pid, ...o }));
  write(owner);
  return {
    update: write,
    release: () => rmSync(file, { force: true }),
  };
}

/** The demo kiosk's enrolment code: DEMO_ENROLL_CODE if set, else one made on first run and
 * kept in the data folder, so every start prints the same one. */
export function demoEnrollmentCode(dataDir: string, fromEnv = process.env.DEMO_ENROLL_CODE): string {
  if (fromEnv) return fromEnv;
  const file = join(dataDir, 'demo-enrollment-code');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const code = `DEMO-${randomBytes(4).toString('hex').toUpperCase()}`;
  writeFileSync(file, `${code}\n`);
  return code;
}

/** The admin token: ADMIN_TOKEN if set, else one generated on first run and kept in the data
 * folder (readable by the operator only), so `npm run content:import` can reach a running server. */
export function adminToken(dataDir: string, fromEnv?: string): string {
  if (fromEnv) return fromEnv;
  const file = join(dataDir, 'admin-token');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const token = randomBytes(24).toString('base64url');
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return token;
}
