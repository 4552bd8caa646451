// Whether the librarian panel is open on this page. Kept in memory only: a reload, the end of
// a patron session or "Salir del panel" closes it, and the PIN is asked again.
import { useEffect, useState } from 'preact/hooks';

let unlocked = false;
const listeners = new Set<(open: boolean) => void>();

export function setPanelUnlocked(open: boolean): void {
  unlocked = open;
  for (const listener of listeners) listener(open);
}

export function usePanelUnlocked(): boolean {
  const [open, setOpen] = useState(unlocked);
  useEffect(() => {
    listeners.add(setOpen);
    return () => void listeners.delete(setOpen);
  }, []);
  return open;
}
