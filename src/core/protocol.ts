// Wire types of the sync API, shared by the server and the kiosk. See docs/protocol.md.
import type { RecordKind } from './content-schema';

export const API_PREFIX = '/api/v1';

/** One entry of the change feed: the latest state of one record. */
export type Change =
  | { kind: RecordKind; id: string; version: number; op: 'put'; data: unknown }
  | { kind: RecordKind; id: string; version: number; op: 'delete' };

export interface ChangesPage {
  changes: Change[];
  /** Opaque; send it back as `since` to continue. */
  cursor: string;
  /** True when more changes are waiting after this page. */
  more: boolean;
  /** True when the cursor sent belonged to another catalogue (the server's database was
   * replaced): the kiosk must drop what it holds and apply this feed from the start. */
  reset?: true;
}

export const DEFAULT_PAGE_LIMIT = 200;
export const MAX_PAGE_LIMIT = 1000;

export type ApiErrorCode =
  | 'invalid_cursor'
  | 'invalid_limit'
  | 'not_found'
  | 'payload_too_large'
  | 'bad_request'
  | 'unauthorized'
  | 'admin_disabled'
  | 'content_invalid'
  | 'internal_error';

export interface ApiError {
  error: { code: ApiErrorCode; message: string; details?: unknown };
}
