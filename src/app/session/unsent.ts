// Whether the screen holds answers the patron typed and has not sent: the form says so as the
// patron types, before its draft is saved, so "Salir" never erases work without asking, even a
// second after the last key.
import { valueStore } from '../../core/value-store';

export const unsentOnScreen = valueStore(false);
