// Pulls the catalogue change feed page by page until it is caught up. Each page and its cursor
// are applied in one IndexedDB transaction by data/catalog; no transaction or lock is held
// across an HTTP request.
import { type ChangesPage, MAX_PAGE_LIMIT } from '../core/protocol';
import { CATALOGUE_FORMAT } from '../core/records';
import { getCatalogueFormat, getCursor } from '../data/catalog';
import { applyChangesPage } from '../data/catalog-apply';
import { type ApiOptions, type ApiResult, syncApi } from './api';

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

export interface PullOptions extends ApiOptions {
  /** Records per page; the largest the feed gives by default. Each page is one IndexedDB
   * transaction, and on a first pull of thousands of guides the transactions, not the rows, cost
   * most: 200-record pages took 2.6× a single transaction's time (bench/pull.ts). */
  pageSize?: number;
  /** Upper bound on pages per run, so a misbehaving server cannot keep the kiosk busy forever. */
  maxPages?: number;
}

export async function pullCatalog(options: PullOptions = {}): Promise<PullResult> {
  const api = syncApi(options);
  const result: PullResult = { pages: 0, put: 0, deleted: 0, skipped: [] };
  const maxPages = options.maxPages ?? 10_000;
  // Start over, replacing the whole catalogue with the first page as a reset, when the stored
  // catalogue was pulled by an app version that read another format (it may have skipped
  // records this one reads), or when the server does not recognise the stored cursor at all (it
  // came from a server that is not this kiosk's, e.g. one a patron pointed an older version at).
  let startOver = (await getCursor()) !== undefined && (await getCatalogueFormat()) !== CATALOGUE_FORMAT;
  const limit = options.pageSize ?? MAX_PAGE_LIMIT;
  // The next page, asked for while this one is stored: on a rural link its round trip and bytes
  // then cost no time of their own. Its body is parsed only once this page is stored, so the
  // parsing never competes with the write (bench/pull.ts). Used only if the stored cursor is
  // the one it was asked with; dropped (and the request aborted) otherwise.
  let ahead: { since: string; answer: Promise<ApiResult<ChangesPage>>; abort: AbortController } | undefined;
  const dropAhead = () => {
    ahead?.abort.abort();
    ahead = undefined;
  };
  /** The page after `since`: the look-ahead if it was asked with that cursor, else asked now. */
  const pageAfter = (since: string | undefined) => {
    const kept = ahead && ahead.since === since ? ahead.answer : undefined;
    if (kept) ahead = undefined;
    else dropAhead();
    return kept ?? api.changes(since, limit);
  };
  try {
    while (result.pages < maxPages) {
      const stored = await getCursor();
      const since = stored && !startOver ? stored : undefined;
      const answer = await pageAfter(since);
      if (!answer.ok) {
        const { failure } = answer;
        if (failure.kind === 'refused' && failure.code === 'invalid_cursor') {
          if (since === undefined) throw new PullError('bad_response', 'the change feed refused a pull from the beginning');
          startOver = true;
          continue;
        }
        throw new PullError(failure.kind === 'offline' ? 'offline' : failure.kind === 'bad_response' ? 'bad_response' : 'server_error', `the change feed: ${JSON.stringify(failure)}`);
      }
      const page = answer.value;
      const applying = applyChangesPage(startOver ? { ...page, reset: true } : page, stored);
      if (page.more && result.pages + 1 < maxPages) {
        const abort = new AbortController();
        ahead = { since: page.cursor, answer: api.changes(page.cursor, limit, { signal: abort.signal, parseAfter: applying }), abort };
      }
      const outcome = await applying;
      startOver = false;
      result.pages++;
      // Someone else (another tab, the worker) moved the cursor meanwhile: go on from theirs.
      if (outcome.status === 'stale') continue;
      result.put += outcome.put;
      result.deleted += outcome.deleted;
      result.skipped.push(...outcome.skipped);
      if (!page.more) break;
    }
  } finally {
    dropAhead();
  }
  return result;
}
