// The signs that a patron is at the kiosk, for the idle countdown (IdleGuard.tsx) and the usage
// sessions (usage-counting.ts). A patron reading a guide moves the mouse, scrolls, touches: all
// of it is presence; only a tap or a key can be the start of someone's visit.
export const STARTS = ['pointerdown', 'keydown', 'touchstart'] as const;
export const PRESENCE = ['pointermove', 'input', 'wheel', 'scroll'] as const;
export const ACTIVITY = [...STARTS, ...PRESENCE] as const;
