// Patron sessions as the usage counts see them (data/usage.ts): how many, how long, whether
// Quechua was on screen at some point, whether the kiosk was offline when each began. A session
// starts at a patron's first tap or key when none is going on, and ends at "Salir" or the idle
// countdown (end-session.ts), when the page is closed, or, failing those, when the next tap comes
// after more than the idle time (and its countdown) with nothing happening: the earlier session
// is then counted up to its last sign of life, and a new one starts. Kept in memory only, never
// written until it is counted: a crash or a power cut loses at most the session in progress, and
// a reload (the "update available" banner) counts the part before it as a session of its own.
//
// The same memory remembers, for this session only, the searches already counted as finding
// nothing and the guides already answered "was it useful?", so that one patron counts once.
import { isQuechua, type Lang } from '../../core/lang';
import { type UsageEvent, unmetSearchWords } from '../../core/usage-count';
import { countUsage, flushUsage } from '../../data/usage';
import { currentLang } from '../../i18n/i18n';
import { COUNTDOWN_SECONDS } from './countdown';

export type GuideAnswer = 'useful' | 'notUseful';

export interface UsageSessionEnv {
  now(): number;
  online(): boolean;
  lang(): Lang;
  count(event: UsageEvent, at: Date): void;
  /** Writes what was counted (at a session's end). */
  flush(): void;
}

interface Session {
  startedAt: number;
  lastActivity: number;
  quechua: boolean;
  offline: boolean;
  /** Searches counted as finding nothing, as their kept words. */
  unmet: Set<string>;
  answered: Map<string, GuideAnswer>;
  /** The librarian panel was opened: the library's own use, not a patron's session. */
  staff: boolean;
}

export interface UsageSessionTracker {
  /** The kiosk's idle time: a gap longer than it and its countdown separates two patrons. */
  setIdleMinutes(minutes: number): void;
  /** A tap, a click or a key: a patron is there. Starts a session when none is going on.
   * `at` and `offline`: when it happened and how the network was then, if not now. */
  interaction(at?: number, offline?: boolean): void;
  /** Moving the pointer, scrolling, typing: the patron is still there, if one is. */
  presence(): void;
  /** The librarian panel was opened: this session is not counted as a patron's. */
  panelOpened(): void;
  /** Counts the session going on, if any, and writes the counts. */
  end(): void;
  /** A search that found nothing: counted once per session, as the words that may be kept
   * (never with 4 or more digits in a row: core/usage-count.ts). */
  unmetSearch(text: string): void;
  /** A sensitive guide (violence, abuse) was opened: until this session ends, no search that
   * found nothing is counted, since its words could tell what the patron was looking for. */
  sensitiveGuideOpened(): void;
  /** This session's answer to "was this guide useful?", if it gave one. */
  guideAnswer(guideId: string): GuideAnswer | undefined;
  /** Counts the answer if this session has not answered for this guide yet; says whether it did. */
  answerGuide(guideId: string, answer: GuideAnswer): boolean;
}

export function usageSessionTracker(env: UsageSessionEnv): UsageSessionTracker {
  let gapMs = (3 * 60 + COUNTDOWN_SECONDS) * 1000;
  let current: Session | undefined;
  // Kept beside the session, not in it: a sensitive guide opened before the first tap (a page
  // reloaded on it) silences the session that tap starts too.
  let sensitive = false;

  const close = () => {
    const session = current;
    sensitive = false;
    if (!session) return;
    current = undefined;
    if (session.staff) return;
    const quechua = session.quechua || isQuechua(env.lang());
    // Counted on the day of its last activity, however late the next patron comes.
    env.count({ kind: 'session', minutes: (session.lastActivity - session.startedAt) / 60_000, quechua, offline: session.offline }, new Date(session.lastActivity));
    env.flush();
  };
  /** Ends a session whose patron has been gone longer than the idle time; true if one is left. */
  const alive = (now: number) => {
    if (current && now - current.lastActivity > gapMs) close();
    return current !== undefined;
  };
  const touch = (session: Session, now: number) => {
    session.lastActivity = now;
    if (isQuechua(env.lang())) session.quechua = true;
  };
  const interaction = (at = env.now(), offline = !env.online()) => {
    if (alive(at)) return touch(current!, at);
    current = { startedAt: at, lastActivity: at, quechua: isQuechua(env.lang()), offline, unmet: new Set(), answered: new Map(), staff: false };
  };

  return {
    setIdleMinutes(minutes) {
      gapMs = (minutes * 60 + COUNTDOWN_SECONDS) * 1000;
    },
    interaction(at, offline) {
      interaction(at, offline);
    },
    presence() {
      const now = env.now();
      // A mouse nudged or a page scrolled by itself starts no session.
      if (alive(now)) touch(current!, now);
    },
    panelOpened() {
      if (current) current.staff = true;
    },
    end: close,
    sensitiveGuideOpened() {
      sensitive = true;
    },
    unmetSearch(text) {
      if (sensitive) return;
      const words = unmetSearchWords(text);
      if (words === undefined || current?.unmet.has(words)) return;
      current?.unmet.add(words);
      // Only the kept words are counted: the text as typed never reaches the counts.
      env.count({ kind: 'unmetSearch', text: words }, new Date(env.now()));
    },
    guideAnswer(guideId) {
      return current?.answered.get(guideId);
    },
    answerGuide(guideId, answer) {
      // An answer is a tap, which has started a session already; a keyboard's Enter too.
      interaction();
      if (current!.answered.has(guideId)) return false;
      current!.answered.set(guideId, answer);
      env.count({ kind: answer, id: guideId }, new Date(env.now()));
      return true;
    },
  };
}

/** The kiosk's sessions: one tracker for the page. */
export const usageSessions = usageSessionTracker({
  now: () => Date.now(),
  online: () => navigator.onLine,
  lang: currentLang,
  count: countUsage,
  flush: () => void flushUsage(),
});
