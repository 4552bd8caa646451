// Each screen's h1. After an in-app navigation it takes focus, so keyboard and screen-reader
// users land on the new screen's title instead of staying on the link they pressed.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

export function ScreenHeading({ visit, children, lang }: { visit: number; children: ComponentChildren; lang?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (visit > 0) ref.current?.focus();
  }, [visit]);
  return (
    <h1 ref={ref} tabIndex={-1} lang={lang}>
      {children}
    </h1>
  );
}
