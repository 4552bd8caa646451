// The kiosk app's Content Security Policy: its own scripts and styles only, no plugins, no frames,
// network requests to its own origin and the sync server only. The server sends it as a header
// (src/server/security-headers.ts); the build also writes it into index.html (vite.config.ts),
// so an app hosted by someone else carries it too, with the sync server it was built for.
export const CSP_DIRECTIVES: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  // Recorded guides play from object URLs of the bytes kept in Cache Storage (data/audio.ts), and
  // the panel's recorder plays a draft from its Blob.
  'media-src': ["'self'", 'blob:'],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'frame-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/** The policy as a <meta> tag carries it: with the build's sync server allowed, and without
 * frame-ancestors (which only a header can set). */
export function metaPolicy(syncServer: string): string {
  return Object.entries(CSP_DIRECTIVES)
    .filter(([name]) => name !== 'frame-ancestors')
    .map(([name, values]) => `${name} ${(name === 'connect-src' && syncServer ? [...values, syncServer] : values).join(' ')}`)
    .join('; ');
}
