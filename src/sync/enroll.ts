// Enrolling this kiosk with the library network: trades an enrolment code for the kiosk's token
// at the one server this app talks to (server-origin.ts), and stores the result. Every answer
// becomes an outcome the screen can put in words; nothing here touches the UI.
import { saveEnrolment } from '../data/enrolment';
import { type ApiOptions, syncApi } from './api';

export type EnrolOutcome =
  | { status: 'enrolled'; library: string }
  /** Unknown, used up, expired or revoked: the server does not say which. */
  | { status: 'invalid_code' }
  | { status: 'bad_input' }
  /** The server's list of districts does not have the one chosen. */
  | { status: 'unknown_district' }
  | { status: 'rate_limited' }
  | { status: 'offline' }
  | { status: 'server_error' };

/** Enrols the kiosk; `pin` is set with it on first enrolment (a re-enrolment keeps the PIN).
 * `district`: the library's district (INEI ubigeo), optional, for the network's report. */
export async function enrollKiosk(input: { code: string; library: string; district?: string; pin?: string }, options: ApiOptions = {}): Promise<EnrolOutcome> {
  const district = input.district || undefined;
  const answer = await syncApi(options).enroll({ code: input.code, library: input.library, ...(district ? { district } : {}) });
  if (!answer.ok) {
    const { failure } = answer;
    if (failure.kind === 'offline' || failure.kind === 'rate_limited') return { status: failure.kind };
    if (failure.kind === 'refused' && failure.status === 403) return { status: 'invalid_code' };
    if (failure.kind === 'refused' && failure.code === 'unknown_district') return { status: 'unknown_district' };
    if (failure.kind === 'refused' && failure.status === 400) return { status: 'bad_input' };
    return { status: 'server_error' };
  }
  const enrolled = answer.value;
  // Identity, PIN and a fresh push state in one transaction: never a token without its PIN.
  await saveEnrolment({ kioskId: enrolled.kioskId, token: enrolled.token, library: enrolled.library, ...(district ? { district } : {}) }, input.pin);
  return { status: 'enrolled', library: enrolled.library };
}
