// The two questions the kiosk asks about a patron's session ("are you still there?", "erase what
// you wrote?"): full screen, in both languages with the patron's own first, and scrollable so its
// buttons stay reachable at 200 % zoom.
import type { ComponentChildren } from 'preact';
import { isQuechua, type Lang } from '../../core/lang';

/** The two languages these messages are always in, whatever the patron chose: every patron must
 * understand them, and Spanish and Quechua are the kiosk's complete languages. */
export type DialogLang = 'es' | 'qu';

export const LANG_TAG: Record<DialogLang, string> = { es: 'es-PE', qu: 'qu' };

/** The patron's language first, then the other: a Quechua variant (quz) counts as Quechua, any
 * other language (ay) as Spanish, the language its interface falls back to. */
export function languagesFor(lang: Lang): DialogLang[] {
  return isQuechua(lang) ? ['qu', 'es'] : ['es', 'qu'];
}

/** `onTap` runs for a tap anywhere on the screen (`anywhere`), or only around the box. A click,
 * not a pointerdown: the dialog is gone before anything under it could take the tap. */
export function SessionDialog({ id, title, children, onTap, anywhere = false }: { id: string; title: ComponentChildren; children: ComponentChildren; onTap?: () => void; anywhere?: boolean }) {
  return (
    <div class="idle-overlay" onClick={(event) => (anywhere || event.target === event.currentTarget) && onTap?.()}>
      <div class="idle-box" role="alertdialog" aria-modal="true" aria-labelledby={`${id}-title`} aria-describedby={`${id}-text`}>
        <h2 id={`${id}-title`}>{title}</h2>
        {children}
      </div>
    </div>
  );
}
