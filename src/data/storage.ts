import { database } from './db';
import { guardedWrite, storageFull } from './storage-health';

// Asks the browser to keep this kiosk's data even under storage pressure, so the catalogue (and
// later the outbox) is not evicted while the library is offline for weeks.
export async function requestPersistentStorage(): Promise<boolean> {
  const storage = globalThis.navigator?.storage;
  if (!storage?.persist) return false;
  if (await storage.persisted()) return true;
  return storage.persist();
}

export interface StorageStatus {
  usage?: number;
  quota?: number;
  persisted: boolean;
}

export async function storageStatus(): Promise<StorageStatus> {
  const storage = globalThis.navigator?.storage;
  if (!storage?.estimate) return { persisted: false };
  const [estimate, persisted] = await Promise.all([storage.estimate(), storage.persisted?.() ?? false]);
  return { usage: estimate.usage, quota: estimate.quota, persisted };
}

/** After a reload that remembered "storage full", tries a write about the size of a submission
 * (then removes it), so the warning goes away by itself once space has been freed. */
export async function recheckStorageIfFull(): Promise<void> {
  if (!storageFull.get()) return;
  const db = database();
  // Random bytes: IndexedDB compresses, and a repeated character would cost almost nothing.
  const probe = { key: 'storage-probe', value: crypto.getRandomValues(new Uint8Array(4096)) };
  try {
    await guardedWrite(() => db.meta.put(probe));
    await db.meta.delete(probe.key);
  } catch {
    // Still full: the banner stays.
  }
}
