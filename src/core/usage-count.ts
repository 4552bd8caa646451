// Counting what happens at the kiosk into a day's counters (the schema is in usage.ts). Kept
// apart from the schemas so the screens that count (every guide view) do not load valibot in
// the first-load bundle.
import { normalize } from './search-text';
import type { KeyedCounter, UsageCounts } from './usage';

/** How long a session lasted, in minutes. */
export const SESSION_LENGTHS = ['under1', 'from1to5', 'from5to15', 'over15'] as const;
export type SessionLength = (typeof SESSION_LENGTHS)[number];

/** Up to 6 normalised words of letters and digits, 2 to 80 characters, never 4 digits in a row. */
export function isUnmetSearchText(text: string): boolean {
  return text.length >= 2 && text.length <= 80 && /^[\p{Ll}\p{N}]+(?: [\p{Ll}\p{N}]+){0,5}$/u.test(text) && !/\p{N}{4}/u.test(text);
}

export function emptyCounts(): UsageCounts {
  return {
    sessions: 0,
    sessionLength: {},
    quechuaSessions: 0,
    offlineSessions: 0,
    guidesOpened: {},
    categoriesOpened: {},
    formsSent: {},
    guidesPrinted: {},
    qrShown: {},
    guideUseful: {},
    guideNotUseful: {},
    unmetSearches: {},
  };
}

/** One thing that happened, as the kiosk counts it. */
export type UsageEvent =
  | { kind: 'session'; minutes: number; quechua: boolean; offline: boolean }
  | { kind: 'guide' | 'category' | 'form' | 'printed' | 'qr' | 'useful' | 'notUseful'; id: string }
  | { kind: 'unmetSearch'; text: string };

const KEYED_BY_EVENT = {
  guide: 'guidesOpened',
  category: 'categoriesOpened',
  form: 'formsSent',
  printed: 'guidesPrinted',
  qr: 'qrShown',
  useful: 'guideUseful',
  notUseful: 'guideNotUseful',
} as const satisfies Record<string, KeyedCounter>;

export function sessionLength(minutes: number): SessionLength {
  if (minutes < 1) return 'under1';
  if (minutes < 5) return 'from1to5';
  if (minutes < 15) return 'from5to15';
  return 'over15';
}

/** The words of a search as they may be kept, or undefined when it must not be: empty, or
 * holding 4 or more digits in a row (a DNI, a phone, a RUC). */
export function unmetSearchWords(query: string): string | undefined {
  const folded = normalize(query);
  // "4567 8912", "45-67-89-12" and "456.789.12" are the same DNI.
  if (/\p{N}{4}/u.test(folded.replace(/(\p{N})[\s.\-/]+(?=\p{N})/gu, '$1'))) return undefined;
  const words = folded.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0).slice(0, 6);
  const text = words.join(' ').slice(0, 80).trim();
  return isUnmetSearchText(text) ? text : undefined;
}

/** Adds one event to a day's counts (in place) and returns them. */
export function countEvent(counts: UsageCounts, event: UsageEvent): UsageCounts {
  const bump = (record: Record<string, number>, key: string) => (record[key] = (record[key] ?? 0) + 1);
  switch (event.kind) {
    case 'session':
      counts.sessions += 1;
      bump(counts.sessionLength, sessionLength(event.minutes));
      if (event.quechua) counts.quechuaSessions += 1;
      if (event.offline) counts.offlineSessions += 1;
      break;
    case 'unmetSearch': {
      const text = unmetSearchWords(event.text);
      if (text) bump(counts.unmetSearches, text);
      break;
    }
    default:
      bump(counts[KEYED_BY_EVENT[event.kind]], event.id);
  }
  return counts;
}

