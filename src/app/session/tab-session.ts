// Which patron session this tab is in. The id lives in sessionStorage: a reload keeps it (the
// same patron is still there), a new browser session (after a crash, a power cut, a closed
// browser) starts without it, and every end of a session replaces it. History entries carry the
// id they were made in (router.ts), so an entry from an earlier session is never shown again.
import { bytesToHex } from '../../core/encoding';

const KEY = 'chaski.session';

// getRandomValues, not randomUUID: the latter exists only in secure contexts.
function newId(): string {
  return bytesToHex(crypto.getRandomValues(new Uint8Array(16)));
}

let current: string | undefined;
let inherited = true;

function read(): string {
  if (current) return current;
  try {
    current = sessionStorage.getItem(KEY) ?? undefined;
  } catch {
    // Storage unavailable: one session per page load.
  }
  if (!current) {
    inherited = false;
    current = newId();
    save(current);
  }
  return current;
}

function save(id: string) {
  try {
    sessionStorage.setItem(KEY, id);
  } catch {
    // Unavailable: the id still lives in memory for this page.
  }
}

export function sessionId(): string {
  return read();
}

/** True when this page started a new browser session: whoever used the kiosk before did not end
 * their session (crash, power cut, browser closed), so what they left must be erased now. */
export function startedFresh(): boolean {
  read();
  return !inherited;
}

/** Ends the current session's id: entries made under it become stale. */
export function renewSessionId(): string {
  current = newId();
  save(current);
  return current;
}
