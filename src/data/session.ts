// The end of a patron's session: what they typed and did not send leaves the kiosk. (What they
// sent stays in the outbox until the server has it, then only its receipt remains.)
import { clearDraftHandoffs, endDraftGeneration } from './drafts';
import { patronDatabase } from './patron-db';

export async function forgetPatronSession(): Promise<void> {
  endDraftGeneration();
  clearDraftHandoffs();
  await patronDatabase().drafts.clear();
}

/** Drafts not touched since `since`: a session that was idle that long would have been ended
 * by the countdown had the page been running (it was reloaded, or the machine slept). */
export async function forgetDraftsOlderThan(since: Date): Promise<number> {
  return patronDatabase().drafts.filter((draft) => draft.updatedAt < since.toISOString()).delete();
}

/** Whether any unsent answers wait on the kiosk (then the idle countdown must run). */
export async function hasDrafts(): Promise<boolean> {
  return (await patronDatabase().drafts.count()) > 0;
}
