// Pulls the catalogue change feed page by page until it is caught up. Each page and its cursor
// are applied in one IndexedDB transaction by data/catalog; no transaction or lock is held
// across an HTTP request.
import type { ChangesPage } from '../core/protocol';
import { CATALOGUE_FORMAT } from '../core/records';
import { getCatalogueFormat, getCursor } from '../data/catalog';
import { applyChangesPage } from '../data/catalog-apply';
import { serverOrigin } from './server-origin';

export type PullErrorCode = 'offline' | 'server_error' | 'bad_response';

export class PullError extends Error {
  constructor(readonly code: PullErrorCode, message: string) {
    super(message);
    this.name = 'PullError';
  }
}

export interface PullResult {
  pages: number;
  put: number;
  deleted: number;
  /** Records this version of the app could not read, left out. */
  skipped: string[];
}

export interface PullOptions {
  /** Origin of the sync server: the one fixed at build (server-origin.ts) unless a test says. */
  baseUrl?: string;
  pageSize?: number;
  fetch?: typeof fetch;
  /** Upper bound on pages per run, so a misbehaving server cannot keep the kiosk busy forever. */
  maxPages?: number;
}

export async function pullCatalog(options: PullOptions = {}): Promise<PullResult> {
  const doFetch = options.fetch ?? fetch.bind(globalThis);
  const result: PullResult = { pages: 0, put: 0, deleted: 0, skipped: [] };
  const maxPages = options.maxPages ?? 10_000;
  // Start over, replacing the whole catalogue with the first page as a reset, when the stored
  // catalogue was pulled by an app version that read another format (it may have skipped
  // records this one reads), or when the server does not recognise the stored cursor at all (it
  // came from a server that is not this kiosk's, e.g. one a patron pointed an older version at).
  let startOver = (await getCursor()) !== undefined && (await getCatalogueFormat()) !== CATALOGUE_FORMAT;
  while (result.pages < maxPages) {
    const stored = await getCursor();
    const url = new URL('/api/v1/changes', options.baseUrl ?? serverOrigin());
    if (stored && !startOver) url.searchParams.set('since', stored);
    if (options.pageSize) url.searchParams.set('limit', String(options.pageSize));
    const page = await fetchPage(doFetch, url);
    if (page === 'invalid_cursor') {
      if (!url.searchParams.has('since')) throw new PullError('bad_response', 'the change feed refused a pull from the beginning');
      startOver = true;
      continue;
    }
    const outcome = await applyChangesPage(startOver ? { ...page, reset: true } : page, stored);
    startOver = false;
    result.pages++;
    // Someone else (another tab, the worker) moved the cursor meanwhile: go on from theirs.
    if (outcome.status === 'stale') continue;
    result.put += outcome.put;
    result.deleted += outcome.deleted;
    result.skipped.push(...outcome.skipped);
    if (!page.more) break;
  }
  return result;
}

async function fetchPage(doFetch: typeof fetch, url: URL): Promise<ChangesPage | 'invalid_cursor'> {
  let response: Response;
  try {
    // 'no-cache' revalidates with the ETag the browser kept: an unchanged feed costs a 304.
    response = await doFetch(url, { cache: 'no-cache', headers: { accept: 'application/json' } });
  } catch (error) {
    throw new PullError('offline', `could not reach ${url.origin}: ${String(error)}`);
  }
  if (response.status === 400 && (await errorCode(response)) === 'invalid_cursor') return 'invalid_cursor';
  if (!response.ok) throw new PullError('server_error', `GET ${url.pathname} answered ${response.status}`);
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new PullError('bad_response', 'the change feed was not JSON');
  }
  if (!isChangesPage(body)) throw new PullError('bad_response', 'the change feed had an unexpected shape');
  return body;
}

async function errorCode(response: Response): Promise<string | undefined> {
  try {
    return ((await response.json()) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
}

function isChangesPage(body: unknown): body is ChangesPage {
  const page = body as Partial<ChangesPage> | null;
  return (
    typeof page === 'object' &&
    page !== null &&
    Array.isArray(page.changes) &&
    typeof page.cursor === 'string' &&
    typeof page.more === 'boolean' &&
    page.changes.every((c) => typeof c === 'object' && c !== null && typeof c.id === 'string' && (c.op === 'put' || c.op === 'delete'))
  );
}
