// Asks the browser to keep this kiosk's data even under storage pressure, so the catalogue (and
// later the outbox) is not evicted while the library is offline for weeks.
export async function requestPersistentStorage(): Promise<boolean> {
  const storage = globalThis.navigator?.storage;
  if (!storage?.persist) return false;
  if (await storage.persisted()) return true;
  return storage.persist();
}
