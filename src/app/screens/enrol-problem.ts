// What the librarian reads when enrolling (or re-enrolling) did not work.
import type { EnrolOutcome } from '../../sync/enroll';

export function enrolProblemKey(outcome: Exclude<EnrolOutcome, { status: 'enrolled' }>): string {
  switch (outcome.status) {
    case 'invalid_code':
      return 'kiosk.invalid';
    case 'bad_input':
      return 'kiosk.badInput';
    case 'rate_limited':
      return 'kiosk.rateLimited';
    case 'offline':
      return 'kiosk.offline';
    case 'server_error':
      return 'kiosk.serverError';
  }
}
