// An address outside the kiosk (an agency's page, a guide's source), shown as text and as a QR
// code the patron can scan with a phone or print with the guide. Never a link: the kiosk never
// leaves its own origin, where the next patron would inherit whatever page was left open.
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { qrMatrix } from './qr-matrix';

/** The address as a person would read or type it: no scheme, no trailing slash. */
export function readableAddress(url: string): string {
  return url.replace(/^https?:\/\//, '').replace(/\/$/, '');
}

/** `onShown`: called once the QR code is on screen whole (scrolled into view), for the counts. */
export function OutsideAddress({ url, qrLabel, onShown }: { url: string; qrLabel: string; onShown?: () => void }) {
  const qr = useRef<SVGSVGElement>(null);
  const shown = useRef(onShown);
  shown.current = onShown;
  // One path for all dark modules: a small DOM even for long addresses.
  const { size, path } = useMemo(() => {
    const modules = qrMatrix(url);
    return { size: modules.length, path: modules.flatMap((row, y) => row.map((dark, x) => (dark ? `M${x} ${y}h1v1h-1z` : ''))).join('') };
  }, [url]);
  useEffect(() => {
    const svg = qr.current;
    if (!svg || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      observer.disconnect();
      shown.current?.();
    }, { threshold: 0.9 });
    observer.observe(svg);
    return () => observer.disconnect();
  }, [url]);
  return (
    <span class="outside-address">
      <span class="address-text">{readableAddress(url)}</span>
      <svg ref={qr} class="qr" viewBox={`0 0 ${size} ${size}`} width="132" height="132" role="img" aria-label={qrLabel} shape-rendering="crispEdges">
        <rect width={size} height={size} fill="#fff" />
        <path d={path} fill="#000" />
      </svg>
    </span>
  );
}
