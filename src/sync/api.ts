// The kiosk's one client for the sync API: every call it makes, paths from core/protocol, every
// answer parsed by the protocol's schemas, every way a call can fail as one closed union. Only
// the sync layer calls it; nothing here knows about IndexedDB or screens.
import * as v from 'valibot';
import {
  API_PATHS,
  ApiErrorSchema,
  type ChangesPage,
  ChangesPageSchema,
  type EnrollRequest,
  type EnrollResponse,
  EnrollResponseSchema,
  type QueuedSubmission,
  type SubmissionsResponse,
  SubmissionsResponseSchema,
} from '../core/protocol';
import { type LocalNote, type NotesFeed, NotesFeedSchema, type NotesResponse, NotesResponseSchema } from '../core/local-notes';
import { type UsageDay, type UsageResponse, UsageResponseSchema } from '../core/usage';
import { serverOrigin } from './server-origin';

/** Why a call did not give its answer. */
export type ApiFailure =
  /** No answer at all: no network, or a network with no way to the server. */
  | { kind: 'offline' }
  /** 401: this kiosk's token is unknown or revoked. */
  | { kind: 'unauthorized' }
  /** 429: too many requests; `retryAfterMs` when the server said how long to wait. */
  | { kind: 'rate_limited'; retryAfterMs?: number }
  /** Another 4xx: the server refused this request, with its error code when it gave one. */
  | { kind: 'refused'; status: number; code?: string }
  /** 5xx: the server failed. A 503 with Retry-After (its database restarting, a proxy's
   * maintenance page) says when to come back: `retryAfterMs`. */
  | { kind: 'server_error'; status: number; retryAfterMs?: number }
  /** An answer that is not the protocol's: an unexpected status or body. */
  | { kind: 'bad_response' };

export type ApiFailureKind = ApiFailure['kind'];
export type ApiResult<T> = { ok: true; value: T } | { ok: false; failure: ApiFailure };

export interface ApiOptions {
  /** Origin of the sync server: the one fixed at build (server-origin.ts) unless a test says. */
  baseUrl?: string;
  fetch?: typeof fetch;
}

/** How a call may be held: `signal` aborts it (an abort answers as `offline`); `parseAfter`
 * holds the reading and parsing of its body until that promise settles, fulfilled or not. */
export interface CallOptions {
  signal?: AbortSignal;
  parseAfter?: Promise<unknown>;
}

export interface SyncApi {
  /** A page of the catalogue change feed after `since` (from the start without one). */
  changes(since: string | undefined, limit?: number, options?: CallOptions): Promise<ApiResult<ChangesPage>>;
  /** A batch of queued submissions; the answer has one result per item the server settled. */
  submit(token: string, submissions: QueuedSubmission[]): Promise<ApiResult<SubmissionsResponse>>;
  enroll(request: EnrollRequest): Promise<ApiResult<EnrollResponse>>;
  /** A batch of the kiosk's usage days (at most MAX_USAGE_DAYS); one result per day settled. */
  sendUsage(token: string, days: UsageDay[]): Promise<ApiResult<UsageResponse>>;
  /** The librarian's new and edited local notes (at most MAX_NOTES_PER_PUSH); one result each. */
  sendNotes(token: string, notes: LocalNote[]): Promise<ApiResult<NotesResponse>>;
  /** Every local note of this kiosk's library that is still shown. */
  libraryNotes(token: string): Promise<ApiResult<NotesFeed>>;
}

/** The plumbing every call shares: where, how, and how an answer is read. Exported for the
 * clients kept out of the first screen's JavaScript (recordings-api.ts). */
export function apiCaller(options: ApiOptions = {}) {
  const doFetch = options.fetch ?? fetch.bind(globalThis);
  const url = (path: string) => new URL(path, options.baseUrl ?? serverOrigin());

  async function call<T>(target: URL, init: RequestInit, expected: number, schema: v.GenericSchema<unknown, T>, { signal, parseAfter }: CallOptions = {}): Promise<ApiResult<T>> {
    let response: Response;
    try {
      response = await doFetch(target, signal ? { ...init, signal } : init);
    } catch {
      return { ok: false, failure: { kind: 'offline' } };
    }
    if (response.status !== expected) return { ok: false, failure: await failureOf(response) };
    try {
      // Held before reading: bytes already received wait in the browser's buffers, and reading
      // them (the renderer's main thread) stays out of the way of what is being held for.
      await parseAfter?.then(() => undefined, () => undefined);
      const parsed = v.safeParse(schema, await response.json());
      if (parsed.success) return { ok: true, value: parsed.output };
    } catch {
      // not JSON, or the body was cut
    }
    return { ok: false, failure: { kind: 'bad_response' } };
  }

  const json = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), cache: 'no-store' });
  const authorized = (token: string, body: unknown): RequestInit => {
    const init = json(body);
    return { ...init, headers: { ...init.headers, authorization: `Bearer ${token}` } };
  };
  return { url, call, json, authorized };
}

export function syncApi(options: ApiOptions = {}): SyncApi {
  const { url, call, json, authorized } = apiCaller(options);
  return {
    changes(since, limit, options) {
      const target = url(API_PATHS.changes);
      if (since) target.searchParams.set('since', since);
      if (limit) target.searchParams.set('limit', String(limit));
      // 'no-cache' revalidates with the ETag the browser kept: an unchanged feed costs a 304.
      return call(target, { cache: 'no-cache', headers: { accept: 'application/json' } }, 200, ChangesPageSchema, options);
    },
    submit(token, submissions) {
      return call(url(API_PATHS.submissions), authorized(token, { submissions }), 200, SubmissionsResponseSchema);
    },
    sendUsage(token, days) {
      return call(url(API_PATHS.usage), authorized(token, { days }), 200, UsageResponseSchema);
    },
    sendNotes(token, notes) {
      return call(url(API_PATHS.notes), authorized(token, { notes }), 200, NotesResponseSchema);
    },
    libraryNotes(token) {
      // 'no-cache' revalidates with the ETag the browser kept: unchanged notes cost a 304.
      return call(url(API_PATHS.notes), { cache: 'no-cache', headers: { accept: 'application/json', authorization: `Bearer ${token}` } }, 200, NotesFeedSchema);
    },
    enroll(request) {
      return call(url(API_PATHS.enroll), json(request), 201, EnrollResponseSchema);
    },
  };
}

async function failureOf(response: Response): Promise<ApiFailure> {
  const status = response.status;
  if (status === 401) return { kind: 'unauthorized' };
  if (status === 429) return { kind: 'rate_limited', ...retryAfter(response) };
  if (status >= 400 && status < 500) return { kind: 'refused', status, code: await errorCode(response) };
  if (status === 503) return { kind: 'server_error', status, ...retryAfter(response) };
  if (status >= 500) return { kind: 'server_error', status };
  return { kind: 'bad_response' };
}

/** The longest wait a server may ask for: a misconfigured proxy's "Retry-After: 31536000"
 * must not silence a kiosk's outbox for a year. An hour is longer than any maintenance
 * window the network announces and short enough that a patron's submission goes out today. */
export const MAX_RETRY_AFTER_MS = 60 * 60_000;

/** Retry-After in seconds (the only form Chaski's server and the usual proxies send), capped. */
function retryAfter(response: Response): { retryAfterMs?: number } {
  const header = response.headers.get('retry-after');
  return header && /^\d+$/.test(header) ? { retryAfterMs: Math.min(Number(header) * 1000, MAX_RETRY_AFTER_MS) } : {};
}

async function errorCode(response: Response): Promise<string | undefined> {
  try {
    const parsed = v.safeParse(ApiErrorSchema, await response.json());
    return parsed.success ? parsed.output.error.code : undefined;
  } catch {
    return undefined;
  }
}
