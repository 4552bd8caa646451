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
