// In-memory state of this page's sync runs, for the status bar. The durable facts (last pull,
// last error) live in IndexedDB; this only says whether a run is going on right now.
type Listener = (syncing: boolean) => void;

let syncing = false;
const listeners = new Set<Listener>();

export function isSyncing(): boolean {
  return syncing;
}

export function setSyncing(value: boolean): void {
  syncing = value;
  for (const listener of listeners) listener(value);
}

export function onSyncingChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
