// A titled block of a screen: a guide's "what to bring", a panel's "storage".
import type { ComponentChildren } from 'preact';

export function Section({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <section class="guide-section">
      <h2>{title}</h2>
      {children}
    </section>
  );
}
