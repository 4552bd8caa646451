// The end of a patron's session: what they typed and did not send leaves the kiosk. (What they
// sent stays in the outbox until the server has it.) When the session ends by "Salir" or the
// countdown, the receipts of what was delivered go too: only the receipt screen of the patron
// who sent it reads one, and no screen of an ended session can be reached again (app/router.ts);
// kept, they would grow by every form of every day (e2e/day-at-the-kiosk.spec.ts). After a crash
// they stay until the next session ends: the screen of a receipt whose push the crash cut off
// still answers "sent" when the kiosk comes back (e2e/close-mid-push.spec.ts).
import { dropUnwatchedQueries } from './dexie';
import { clearDraftHandoffs, endDraftGeneration } from './drafts';
import { patronDatabase } from './patron-db';

export async function forgetPatronSession({ receipts = false }: { receipts?: boolean } = {}): Promise<void> {
  endDraftGeneration();
  clearDraftHandoffs();
  const db = patronDatabase();
  await db.transaction('rw', db.drafts, db.receipts, () => Promise.all([db.drafts.clear(), receipts ? db.receipts.clear() : undefined]));
  // The screens of the session are gone by now (the home screen rendered while this wrote).
  dropUnwatchedQueries();
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
