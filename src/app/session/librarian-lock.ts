// Whether the librarian panel is open on this page. Kept in memory only: a reload, the end of
// a patron session or "Salir del panel" closes it, and the PIN is asked again.
import { valueStore } from '../../core/value-store';

export const panelUnlocked = valueStore(false);
