// What the kiosk remembers about syncing, for the patron's connection dot and the librarian.
import { isSyncErrorCode, type SyncErrorCode } from '../core/sync-errors';
import { database } from './db';

/** How the last attempt to reach the server went: answered properly, not reached at all (no
 * network, or a network with no way to the server), or reached but failing. The browser's own
 * `navigator.onLine` says only that a network cable or Wi-Fi is there. */
export type ContactState = 'ok' | 'unreachable' | 'failing';

export interface Contact {
  state: ContactState;
  /** When it was tried. */
  at: string;
  /** When the server last answered properly, if ever. */
  lastOkAt?: string;
}

export interface SyncInfo {
  /** When a pull last completed (ISO time), if ever. */
  lastPullAt?: string;
  /** Why the last attempt failed, if it did. */
  lastError?: SyncErrorCode;
  contact?: Contact;
}

export async function readSyncInfo(): Promise<SyncInfo> {
  const rows = await database().meta.bulkGet(['lastPullAt', 'lastSyncError', 'contact']);
  const lastError = rows[1]?.value;
  return {
    lastPullAt: rows[0]?.value as string | undefined,
    // A code an earlier version stored and this one no longer has reads as the general one.
    lastError: lastError === undefined || isSyncErrorCode(lastError) ? lastError : 'unexpected',
    contact: rows[2]?.value as Contact | undefined,
  };
}

export async function recordSyncError(code: SyncErrorCode | undefined): Promise<void> {
  if (code === undefined) await database().meta.delete('lastSyncError');
  else await database().meta.put({ key: 'lastSyncError', value: code });
}

export async function recordContact(state: ContactState, now = new Date()): Promise<void> {
  const db = database();
  await db.transaction('rw', db.meta, async () => {
    const previous = (await db.meta.get('contact'))?.value as Contact | undefined;
    const at = now.toISOString();
    const contact: Contact = { state, at, lastOkAt: state === 'ok' ? at : previous?.lastOkAt };
    await db.meta.put({ key: 'contact', value: contact });
  });
}
