// An address outside the kiosk (an agency's page, a guide's source), shown as text and as a QR
// code the patron can scan with a phone or print with the guide. Never a link: the kiosk never
// leaves its own origin, where the next patron would inherit whatever page was left open.
import { useEffect, useState } from 'preact/hooks';

/** The address as a person would read or type it: no scheme, no trailing slash. */
export function readableAddress(url: string): string {
  return url.replace(/^https?:\/\//, '').replace(/\/$/, '');
}

export function OutsideAddress({ url, qrLabel }: { url: string; qrLabel: string }) {
  const [modules, setModules] = useState<boolean[][] | undefined>(undefined);
  useEffect(() => {
    let current = true;
    void import('./qr-matrix').then(({ qrMatrix }) => current && setModules(qrMatrix(url)));
    return () => void (current = false);
  }, [url]);
  const size = modules?.length ?? 0;
  // One path for all dark modules: a small DOM even for long addresses.
  const path = modules?.flatMap((row, y) => row.map((dark, x) => (dark ? `M${x} ${y}h1v1h-1z` : ''))).join('') ?? '';
  return (
    <span class="outside-address">
      <span class="address-text">{readableAddress(url)}</span>
      {modules && (
        <svg class="qr" viewBox={`0 0 ${size} ${size}`} width="132" height="132" role="img" aria-label={qrLabel} shape-rendering="crispEdges">
          <rect width={size} height={size} fill="#fff" />
          <path d={path} fill="#000" />
        </svg>
      )}
    </span>
  );
}
