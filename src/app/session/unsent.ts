// Whether the screen holds answers the patron typed and has not sent: the form says so as the
// patron types, before its draft is saved, so "Salir" never erases work without asking, even a
// second after the last key.
import { useEffect, useState } from 'preact/hooks';

let onScreen = false;
const listeners = new Set<(value: boolean) => void>();

export function setUnsentOnScreen(value: boolean): void {
  if (onScreen === value) return;
  onScreen = value;
  for (const listener of listeners) listener(value);
}

export function useUnsentOnScreen(): boolean {
  const [value, setValue] = useState(onScreen);
  useEffect(() => {
    listeners.add(setValue);
    setValue(onScreen);
    return () => void listeners.delete(setValue);
  }, []);
  return value;
}
