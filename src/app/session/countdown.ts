// How long the "are you still there?" countdown runs before the session ends.
export const COUNTDOWN_SECONDS = 30;
