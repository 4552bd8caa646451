// This kiosk's identity after enrolment (its id, bearer token and library), and the state of
// pushing to the server, which the sync engine reads on every push.
import { patronDatabase } from './patron-db';
import type { SyncErrorCode } from '../core/sync-errors';

export interface KioskIdentity {
  kioskId: string;
  token: string;
  library: string;
  /** The library's district (INEI ubigeo) named at enrolment, if one was; kiosks enrolled
   * before it was asked have none. */
  district?: string;
}

export async function getKioskIdentity(): Promise<KioskIdentity | undefined> {
  return (await patronDatabase().kiosk.get('identity'))?.value as KioskIdentity | undefined;
}

export async function saveKioskIdentity(identity: KioskIdentity): Promise<void> {
  await patronDatabase().kiosk.put({ key: 'identity', value: identity });
}

/** Push backoff survives reloads: a kiosk that restarts does not hammer a failing server. */
export interface PushBackoff {
  failures: number;
  nextAttemptAt: string;
  lastError: SyncErrorCode;
}

export async function getPushBackoff(): Promise<PushBackoff | undefined> {
  return (await patronDatabase().kiosk.get('pushBackoff'))?.value as PushBackoff | undefined;
}

export async function setPushBackoff(backoff: PushBackoff | undefined): Promise<void> {
  if (backoff) await patronDatabase().kiosk.put({ key: 'pushBackoff', value: backoff });
  else await patronDatabase().kiosk.delete('pushBackoff');
}

export async function recordPushTime(when: Date): Promise<void> {
  await patronDatabase().kiosk.put({ key: 'lastPushAt', value: when.toISOString() });
}

/** The server took at least one submission (a push, or a receipts file from a USB stick). */
export async function recordDelivery(when: Date): Promise<void> {
  await patronDatabase().kiosk.put({ key: 'lastDeliveredAt', value: when.toISOString() });
}

/** When the server last took a submission from this kiosk (online or by a receipts file). */
export async function lastDeliveryTime(): Promise<string | undefined> {
  return (await patronDatabase().kiosk.get('lastDeliveredAt'))?.value as string | undefined;
}

export async function lastPushTime(): Promise<string | undefined> {
  return (await patronDatabase().kiosk.get('lastPushAt'))?.value as string | undefined;
}
