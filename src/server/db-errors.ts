// Which errors mean "the database cannot be reached right now" rather than "this request is
// wrong" or "the code is wrong": PostgreSQL restarting, a failover, the network to it down, the
// pool unable to open a connection in time. Those are answered 503 with Retry-After (app.ts),
// so kiosks back off and send again instead of counting a server failure.

/** SQLSTATEs of a server going away: admin_shutdown, crash_shutdown, cannot_connect_now
 * (starting up or shutting down), and too_many_connections while it is overloaded. */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// node-postgres reports a dropped socket and a pool timeout with messages, not codes.
const MESSAGES = [/^Connection terminated/i, /timeout exceeded when trying to connect/i, /not queryable/i, /^Client was closed/i, /database system is (starting up|shutting down|in recovery)/i];

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    // Class 08: connection exceptions.
    if (UNAVAILABLE_STATES.has(code) || code.startsWith('08') || NETWORK_CODES.has(code)) return true;
  }
  if (typeof message === 'string' && MESSAGES.some((pattern) => pattern.test(message))) return true;
  // An AggregateError (a host name that resolves to several addresses, all refusing).
  const errors = (error as { errors?: unknown }).errors;
  return Array.isArray(errors) && errors.length > 0 && errors.every(isDatabaseUnavailable);
}

/** deadlock_detected and serialization_failure: PostgreSQL ended this transaction so that another
 * one touching the same rows could go on. Nothing of it was stored, and the same request sent
 * again a moment later succeeds: not a bug of the request, not a server failure. */
const CONFLICT_STATES = new Set(['40P01', '40001']);

export function isTransactionConflict(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CONFLICT_STATES.has(code);
}

/** Seconds a kiosk is told to wait after a transaction conflict: the other transaction is
 * already done by then. */
export const CONFLICT_RETRY_AFTER_S = 1;

/** Seconds a kiosk is told to wait: PostgreSQL restarts in a few seconds; much longer and the
 * operator is already working on it. */
export const DATABASE_RETRY_AFTER_S = 5;

/** `work`, or a rejection when it has not settled within `ms` (the work itself runs on). */
export function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
