// What the kiosk remembers about syncing, for the status bar and the librarian.
import { database } from './db';

export interface SyncInfo {
  /** When a pull last completed (ISO time), if ever. */
  lastPullAt?: string;
  /** Why the last attempt failed, if it did (a short code, not prose). */
  lastError?: string;
}

export async function readSyncInfo(): Promise<SyncInfo> {
  const rows = await database().meta.bulkGet(['lastPullAt', 'lastSyncError']);
  return { lastPullAt: rows[0]?.value as string | undefined, lastError: rows[1]?.value as string | undefined };
}

export async function recordSyncError(code: string | undefined): Promise<void> {
  if (code === undefined) await database().meta.delete('lastSyncError');
  else await database().meta.put({ key: 'lastSyncError', value: code });
}
