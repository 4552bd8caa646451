// The one sync server this kiosk talks to: the app's own origin, or the one the library network
// fixed when it built the app (CHASKI_SERVER_URL, see vite.config.ts and docs/security.md).
// Nothing on the kiosk can change it: a patron must never point it at a server of their own.
export function serverOrigin(): string {
  return import.meta.env.CHASKI_SERVER_URL || globalThis.location.origin;
}
