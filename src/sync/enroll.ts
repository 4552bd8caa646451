// Enrolling this kiosk with the library network: trades an enrolment code for the kiosk's token
// at the one server this app talks to (server-origin.ts), and stores the result. Every answer
// becomes an outcome the screen can put in words; nothing here touches the UI.
import type { EnrollResponse } from '../core/protocol';
import { saveEnrolment } from '../data/enrolment';
import { serverOrigin } from './server-origin';

export type EnrolOutcome =
  | { status: 'enrolled'; library: string }
  /** Unknown, used up, expired or revoked: the server does not say which. */
  | { status: 'invalid_code' }
  | { status: 'bad_input' }
  | { status: 'rate_limited' }
  | { status: 'offline' }
  | { status: 'server_error' };

export interface EnrolOptions {
  fetch?: typeof fetch;
  baseUrl?: string;
}

/** Enrols the kiosk; `pin` is set with it on first enrolment (a re-enrolment keeps the PIN). */
export async function enrollKiosk(input: { code: string; library: string; pin?: string }, options: EnrolOptions = {}): Promise<EnrolOutcome> {
  const doFetch = options.fetch ?? fetch.bind(globalThis);
  let response: Response;
  try {
    response = await doFetch(new URL('/api/v1/kiosks/enroll', options.baseUrl ?? serverOrigin()), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: input.code, library: input.library }),
      cache: 'no-store',
    });
  } catch {
    return { status: 'offline' };
  }
  if (response.status === 403) return { status: 'invalid_code' };
  if (response.status === 400) return { status: 'bad_input' };
  if (response.status === 429) return { status: 'rate_limited' };
  if (response.status !== 201) return { status: 'server_error' };
  let enrolled: EnrollResponse;
  try {
    enrolled = (await response.json()) as EnrollResponse;
    if (typeof enrolled.kioskId !== 'string' || typeof enrolled.token !== 'string' || typeof enrolled.library !== 'string') throw new Error('unexpected answer');
  } catch {
    return { status: 'server_error' };
  }
  await saveEnrolment({ kioskId: enrolled.kioskId, token: enrolled.token, library: enrolled.library }, input.pin);
  return { status: 'enrolled', library: enrolled.library };
}
