// A titled block of a screen: a guide's "what to bring", a panel's "storage".
import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

/** Named by its title, so assistive technology (and a test) can find it as a region. */
export function Section({ title, children }: { title: string; children: ComponentChildren }) {
  const id = useId();
  return (
    <section class="guide-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}
