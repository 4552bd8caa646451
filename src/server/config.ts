// Reads the server's settings from the environment, with the defaults `npm start` relies on.
// A setting that would leave the server unsafe (a short admin token) stops it with a message.
import { join, resolve } from 'node:path';
import { DEFAULT_RATE_LIMITS, type RateLimits, type RouteLimit } from './rate-limits';

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  contentDir: string;
  staticDir: string;
  adminToken?: string;
  /** Reads /metrics and nothing else: what a Prometheus scraper is given instead of ADMIN_TOKEN. */
  metricsToken?: string;
  signingKeyFile: string;
  rotateSigningKey: boolean;
  /** Make a demo enrolment code at start: only for a local demo, never in production. */
  demoEnrollment: boolean;
  trustProxy: boolean;
  rateLimits: RateLimits;
  /** Where the public report is read (its suggested citation names it), and who publishes it. */
  publicUrl?: string;
  reportPublisher?: string;
}

export const MIN_ADMIN_TOKEN_LENGTH = 32;

function perMinute(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number of requests per minute, got "${raw}"`);
  return n;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const adminToken = env.ADMIN_TOKEN || undefined;
  if (adminToken !== undefined && (adminToken.length < MIN_ADMIN_TOKEN_LENGTH || /\s/.test(adminToken))) {
    throw new Error(`ADMIN_TOKEN must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters with no spaces (e.g. the output of: openssl rand -base64 32)`);
  }
  const metricsToken = env.METRICS_TOKEN || undefined;
  if (metricsToken !== undefined && (metricsToken.length < MIN_ADMIN_TOKEN_LENGTH || /\s/.test(metricsToken))) {
    throw new Error(`METRICS_TOKEN must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters with no spaces (e.g. the output of: openssl rand -base64 32)`);
  }
  const dataDir = resolve(env.DATA_DIR ?? 'data');
  const production = env.NODE_ENV === 'production';
  const { enroll, admin } = DEFAULT_RATE_LIMITS;
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    contentDir: resolve(env.CONTENT_DIR ?? 'content'),
    staticDir: resolve(env.STATIC_DIR ?? 'dist'),
    adminToken,
    metricsToken,
    signingKeyFile: resolve(env.SIGNING_KEY_FILE ?? join(dataDir, 'signing-key.json')),
    rotateSigningKey: env.ROTATE_SIGNING_KEY === '1',
    demoEnrollment: !production && env.DEMO_ENROLL !== 'off',
    trustProxy: env.TRUST_PROXY === '1',
    rateLimits: { enroll: limit(enroll, env.ENROLL_PER_MINUTE, 'ENROLL_PER_MINUTE'), admin: limit(admin, env.ADMIN_PER_MINUTE, 'ADMIN_PER_MINUTE') },
    publicUrl: env.PUBLIC_URL || undefined,
    reportPublisher: env.REPORT_PUBLISHER || undefined,
  };
}

/** A route's limit with its per-address figure from the environment; the overall one is never
 * below it. */
function limit(base: RouteLimit, raw: string | undefined, name: string): RouteLimit {
  const perAddress = perMinute(raw, base.perAddress, name);
  return { ...base, perAddress, overall: Math.max(base.overall, perAddress) };
}
