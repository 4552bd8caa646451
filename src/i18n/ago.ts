// "hace 3 días": how long ago something happened, for the librarian, as a translation key and
// count (the words and plurals are in the locale files, both languages).
export function agoKey(then: Date, now: Date): { key: 'time.justNow' | 'time.minutes' | 'time.hours' | 'time.days'; count: number } {
  const minutes = Math.max(0, Math.floor((now.getTime() - then.getTime()) / 60_000));
  if (minutes < 1) return { key: 'time.justNow', count: 0 };
  if (minutes < 60) return { key: 'time.minutes', count: minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return { key: 'time.hours', count: hours };
  return { key: 'time.days', count: Math.floor(hours / 24) };
}
