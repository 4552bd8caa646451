// The one primitive for state that parts of the app share without knowing each other (a sync
// run going on, the panel unlocked, the disk full, an update waiting, answers on screen): a
// value, and listeners told when it changes. Screens read it with app/use-store.ts.
export interface ValueStore<T> {
  get(): T;
  /** Sets the value; listeners hear only of a change. */
  set(value: T): void;
  /** Calls `listener` on every change; returns the way to stop. */
  subscribe(listener: (value: T) => void): () => void;
}

export function valueStore<T>(initial: T): ValueStore<T> {
  let value = initial;
  const listeners = new Set<(value: T) => void>();
  return {
    get: () => value,
    set(next) {
      if (Object.is(next, value)) return;
      value = next;
      for (const listener of [...listeners]) listener(next);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
