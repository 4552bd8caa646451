// A titled block of a screen: a guide's "what to bring", a panel's "storage".
import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

/** Named by its title, so assistive technology (and a test) can find it as a region. */
/** `action`: a control beside the title (a guide part's "Escuchar"). */
export function Section({ title, action, children }: { title: string; action?: ComponentChildren; children: ComponentChildren }) {
  const id = useId();
  return (
    <section class="guide-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {action}
      {children}
    </section>
  );
}
