// Runs before each browser test file. The files run one at a time in one origin, so they share
// its IndexedDB: each starts with none, whatever the file before it left (a kiosk database with
// a fixture server key once met the next file's sync and failed its sealing).
const names = (await indexedDB.databases()).flatMap((db) => (db.name ? [db.name] : []));
await Promise.all(names.map((name) => new Promise<void>((resolve, reject) => {
  const request = indexedDB.deleteDatabase(name);
  request.onsuccess = () => resolve();
  request.onerror = () => reject(request.error ?? new Error(`could not delete ${name}`));
})));
export {};
