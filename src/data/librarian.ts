// The librarian's PIN and its lockout, kept on the kiosk (patron database, strict durability,
// so a reload or a crash does not reset the count of wrong tries).
import { hashPin, lockoutMs, type PinHash, verifyPin } from '../core/pin';
import { patronDatabase } from './patron-db';
import { guardedWrite } from './storage-health';

export interface PinState {
  pin: PinHash;
  failures: number;
  lockedUntil?: string;
}

async function readPin(): Promise<PinState | undefined> {
  return (await patronDatabase().kiosk.get('pin'))?.value as PinState | undefined;
}

function savePinState(state: PinState) {
  return guardedWrite(() => patronDatabase().kiosk.put({ key: 'pin', value: state }));
}

/** What is stored for a new PIN: its hash, no failures yet. */
export async function newPinState(pin: string): Promise<PinState> {
  return { pin: await hashPin(pin), failures: 0 };
}

export async function setPin(pin: string): Promise<void> {
  await patronDatabase().kiosk.put({ key: 'pin', value: await newPinState(pin) });
}

export type UnlockResult = { ok: true } | { ok: false; lockedUntil?: string };

/** Checks a PIN, unless the panel is locked; a wrong one counts towards a longer lock. */
export async function unlockWithPin(pin: string, now = new Date()): Promise<UnlockResult> {
  const state = await readPin();
  if (!state) return { ok: false };
  if (state.lockedUntil && new Date(state.lockedUntil) > now) return { ok: false, lockedUntil: state.lockedUntil };
  if (await verifyPin(pin, state.pin)) {
    // A full disk must not keep the librarian out: the one who can free space.
    if (state.failures > 0 || state.lockedUntil) {
      await savePinState({ ...state, failures: 0, lockedUntil: undefined }).catch(() => undefined);
    }
    return { ok: true };
  }
  const failures = state.failures + 1;
  const wait = lockoutMs(failures);
  const lockedUntil = wait > 0 ? new Date(now.getTime() + wait).toISOString() : undefined;
  await savePinState({ ...state, failures, lockedUntil });
  return { ok: false, lockedUntil };
}

export async function pinLockedUntil(now = new Date()): Promise<string | undefined> {
  const state = await readPin();
  return state?.lockedUntil && new Date(state.lockedUntil) > now ? state.lockedUntil : undefined;
}
