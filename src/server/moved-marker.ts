// After `npm run db:move` the data folder's embedded database is a frozen copy: it has the same
// epoch and change numbers as the PostgreSQL it moved to, so a server started on it by mistake
// would be trusted by every kiosk, take their submissions and publish a catalogue that silently
// diverges. The move leaves a marker beside the database (the database itself is untouched) and
// a server refuses to open the embedded database while the marker is there.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const MARKER = 'moved-to-postgres.json';

export interface MovedMarker {
  /** Where the data went, with any password taken out. */
  to: string;
  at: string;
}

export function markerPath(dataDir: string): string {
  return join(dataDir, MARKER);
}

export function writeMovedMarker(dataDir: string, to: string, at = new Date()): void {
  writeFileSync(markerPath(dataDir), `${JSON.stringify({ to, at: at.toISOString() } satisfies MovedMarker)}\n`, { mode: 0o600 });
}

/** The reason a server must not open this folder's embedded database, or null when it may. */
export function movedAway(dataDir: string): string | null {
  const path = markerPath(dataDir);
  if (!existsSync(path)) return null;
  let marker: Partial<MovedMarker> = {};
  try {
    marker = JSON.parse(readFileSync(path, 'utf8')) as Partial<MovedMarker>;
  } catch {
    // A damaged marker still means the folder was moved.
  }
  return (
    `the embedded database in ${dataDir} was moved to ${marker.to ?? 'PostgreSQL'}${marker.at ? ` on ${marker.at}` : ''} by npm run db:move; ` +
    `kiosks now sync with that database. Start with DATABASE_URL set to it. To serve this old copy on purpose ` +
    `(what kiosks sent since the move is not in it), remove ${path}.`
  );
}
