// A shared value (core/value-store.ts) in a component: re-renders it when the value changes.
import { useEffect, useState } from 'preact/hooks';
import type { ValueStore } from '../core/value-store';

export function useStore<T>(store: ValueStore<T>): T {
  const [value, setValue] = useState(store.get());
  useEffect(() => {
    // It may have changed between the render and this effect.
    setValue(store.get());
    return store.subscribe(setValue);
  }, [store]);
  return value;
}
