// Storing an enrolment. Apart from kiosk-identity.ts, which the sync engine reads on every push:
// the PIN hashing this needs stays out of the first load.
import { libraryKey } from '../core/local-note-rules';
import { getKioskIdentity, type KioskIdentity } from './kiosk-identity';
import { newPinState } from './librarian';
import { patronDatabase } from './patron-db';
import { guardedWrite } from './storage-health';

/** Stores a new enrolment in one step: the identity, the librarian's PIN when one was chosen
 * (first enrolment), and a fresh start for pushing (the old token's failures no longer count).
 * A kiosk that moves to another library forgets the old one's local notes: they are not the
 * new library's to show, nor to send under its name. */
export async function saveEnrolment(identity: KioskIdentity, pin?: string): Promise<void> {
  const pinState = pin === undefined ? undefined : await newPinState(pin);
  const db = patronDatabase();
  await guardedWrite(() =>
    db.transaction('rw', db.kiosk, db.localNotes, async () => {
      const previous = await getKioskIdentity();
      if (previous && libraryKey(previous.library) !== libraryKey(identity.library)) await db.localNotes.clear();
      await Promise.all([
        db.kiosk.put({ key: 'identity', value: identity }),
        pinState ? db.kiosk.put({ key: 'pin', value: pinState }) : undefined,
        db.kiosk.delete('pushBackoff'),
      ]);
    }),
  );
}
