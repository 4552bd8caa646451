// Why a sync run failed: how the server answered (sync/api.ts), or what the kiosk ran into. The
// sync engine produces these, data/sync-state.ts stores the last one, the panel says it in words
// (app/code-words.ts), and docs/protocol.md lists them.
export const SYNC_ERROR_CODES = ['offline', 'unauthorized', 'rate_limited', 'server_error', 'bad_response', 'storage_full', 'unexpected'] as const;
export type SyncErrorCode = (typeof SYNC_ERROR_CODES)[number];

export function isSyncErrorCode(value: unknown): value is SyncErrorCode {
  return (SYNC_ERROR_CODES as readonly unknown[]).includes(value);
}
