// Exponential backoff with full jitter: after n failures wait a random time up to
// min(cap, base·2^n), so kiosks that lost the server together do not return together.
export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_CAP_MS = 5 * 60_000;

export function backoffDelay(failures: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(failures, 20));
  return Math.max(500, Math.floor(random() * ceiling));
}
