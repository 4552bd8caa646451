// Whether the panel's recordings need the server (sent and not uploaded, or waiting for the
// editors' word): the sync engine asks before loading the upload's code, which most kiosks, where
// nobody records, never need.
import { patronDatabase } from './patron-db';

export async function recordingsAwaitServer(): Promise<boolean> {
  return (await patronDatabase().recordings.where('status').anyOf('waiting', 'pending').count()) > 0;
}
