// One sync run: pull the catalogue, under the cross-tab lock, recording how it went.
import { recordSyncError } from '../data/sync-state';
import { withSyncLock } from './lock';
import { PullError, type PullOptions, type PullResult, pullCatalog } from './pull';
import { setSyncing } from './sync-status';

export type SyncOutcome = { status: 'done'; pull: PullResult } | { status: 'busy' } | { status: 'failed'; code: string };

export async function syncNow(options: PullOptions = {}): Promise<SyncOutcome> {
  setSyncing(true);
  try {
    const outcome = await withSyncLock(async (): Promise<SyncOutcome> => {
      try {
        const pull = await pullCatalog(options);
        await recordSyncError(undefined);
        return { status: 'done', pull };
      } catch (error) {
        const code = error instanceof PullError ? error.code : 'unexpected';
        await recordSyncError(code);
        return { status: 'failed', code };
      }
    });
    return outcome === 'busy' ? { status: 'busy' } : outcome;
  } finally {
    setSyncing(false);
  }
}
