// The end of a patron's session: what they typed and did not send leaves the kiosk. (What they
// sent stays in the outbox until the server has it, then only its receipt remains.)
import { clearDraftHandoffs, endDraftGeneration } from './drafts';
import { patronDatabase } from './patron-db';

export async function forgetPatronSession(): Promise<void> {
  endDraftGeneration();
  clearDraftHandoffs();
  await patronDatabase().drafts.clear();
}
