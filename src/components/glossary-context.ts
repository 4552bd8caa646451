// How Localized finds the glossary without loading it: the guide screen's GlossaryProvider puts a
// text renderer here; everywhere else texts render plain. Keeps the matcher out of the first load.
import { type ComponentChildren, createContext } from 'preact';

export const TermsContext = createContext<((text: string) => ComponentChildren) | null>(null);
