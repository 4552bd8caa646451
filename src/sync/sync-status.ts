// Whether a sync run is going on in this page right now, for the panel's button. The durable
// facts (last pull, last error, last contact) live in IndexedDB (data/sync-state.ts).
import { valueStore } from '../core/value-store';

export const syncRunning = valueStore(false);
