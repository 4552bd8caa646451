// The data folder: the embedded database, the signing key and the admin token. Only its owner may
// read it (folders 700, files 600, fixed at every start), and one process at a time may open the
// embedded database. That process holds a lock the kernel releases when it dies: a listening
// socket (on Linux in the abstract namespace, so no file outlives a power cut). Other commands
// connect to it to learn who holds the folder and where it serves.
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { join } from 'node:path';

export interface DataDirOwner {
  pid: number;
  /** Where the owning server listens; absent while a one-off command (an import) holds it. */
  url?: string;
}

export interface DataDirClaim {
  update(owner: Omit<DataDirOwner, 'pid'>): void;
  release(): Promise<void>;
}

/** Written by servers before the socket lock; never trusted, removed when found. */
const LEGACY_OWNER_FILE = 'server.json';

/** Makes the folder if needed and lets only its owner in, at every depth. */
export function secureDataDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const walk = (path: string) => {
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) return;
    if (stat.isDirectory()) {
      chmodSync(path, 0o700);
      for (const entry of readdirSync(path)) walk(join(path, entry));
    } else if (stat.isFile()) chmodSync(path, 0o600);
  };
  walk(dataDir);
}

function lockAddress(dataDir: string): string {
  const id = createHash('sha256').update(realpathSync(dataDir)).digest('hex').slice(0, 40);
  return process.platform === 'linux' ? `\0chaski-${id}` : join(dataDir, 'server.sock');
}

/** Asks the holder of the folder's lock who it is; null when nobody holds it. */
export async function liveOwner(dataDir: string): Promise<DataDirOwner | null> {
  if (!existsSync(dataDir)) return null;
  return new Promise((resolve) => {
    let text = '';
    const socket = connect(lockAddress(dataDir));
    socket.setTimeout(2_000, () => socket.destroy());
    socket.on('data', (chunk) => (text += chunk.toString()));
    socket.on('error', () => resolve(null));
    socket.on('close', () => {
      try {
        resolve(JSON.parse(text) as DataDirOwner);
      } catch {
        resolve(null);
      }
    });
  });
}

function listen(server: Server, address: string): Promise<NodeJS.ErrnoException | null> {
  return new Promise((resolve) => {
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error));
    server.listen(address, () => resolve(null));
  });
}

/** Claims the data folder for this process, or throws naming the process that holds it. */
export async function claimDataDir(dataDir: string, owner: Omit<DataDirOwner, 'pid'> = {}): Promise<DataDirClaim> {
  secureDataDir(dataDir);
  let info: DataDirOwner = { pid: process.pid, ...owner };
  const address = lockAddress(dataDir);
  const server = createServer((socket) => socket.end(JSON.stringify(info)));
  let failure = await listen(server, address);
  if (failure?.code === 'EADDRINUSE') {
    const holder = await liveOwner(dataDir);
    if (holder) throw new Error(`another Chaski process (pid ${holder.pid}${holder.url ? `, ${holder.url}` : ''}) is using ${dataDir}`);
    // Only a socket file can outlive its process (not on Linux): nobody answers, so it is stale.
    rmSync(address, { force: true });
    failure = await listen(server, address);
  }
  if (failure) throw failure;
  server.unref();
  rmSync(join(dataDir, LEGACY_OWNER_FILE), { force: true });
  return {
    update: (o) => void (info = { pid: process.pid, ...o }),
    release: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The demo kiosk's enrolment code: DEMO_ENROLL_CODE if set, else the one kept in the data
 * folder, or a new one when that one can no longer enrol (`fresh` says so). */
export function demoEnrollmentCode(dataDir: string, options: { fromEnv?: string; fresh?: boolean } = {}): string {
  if (options.fromEnv) return options.fromEnv;
  const file = join(dataDir, 'demo-enrollment-code');
  if (existsSync(file) && !options.fresh) return readFileSync(file, 'utf8').trim();
  const code = `DEMO-${randomBytes(4).toString('hex').toUpperCase()}`;
  writeFileSync(file, `${code}\n`, { mode: 0o600 });
  return code;
}

/** The admin token: ADMIN_TOKEN if set, else one generated on first run and kept in the data
 * folder (readable by the operator only), so `npm run content:import` can reach a running server. */
export function adminToken(dataDir: string, fromEnv?: string): string {
  if (fromEnv) return fromEnv;
  const file = join(dataDir, 'admin-token');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const token = randomBytes(24).toString('base64url');
  // Written whole beside it, then linked into place, which fails if the file exists: two servers
  // sharing this folder (on one PostgreSQL) starting at once would otherwise each keep a token
  // and the second would overwrite the first's file.
  const draft = `${file}.${process.pid}`;
  writeFileSync(draft, `${token}\n`, { mode: 0o600 });
  try {
    linkSync(draft, file);
    return token;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readFileSync(file, 'utf8').trim();
  } finally {
    rmSync(draft, { force: true });
  }
}
