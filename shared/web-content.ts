// How both shells serve the built renderer: Electron's berth://app/ (electron/main/security.ts) and `berth serve`
// (electron/web/static-files.ts) send the same Content-Security-Policy and the same content types. Plain strings
// only: no Node or Electron import.

/** By file extension as path.extname gives it ('.js'; any case). */
const CONTENT_TYPES = new Map<string, string>([
  ['.html', 'text/html; charset=utf-8'],
  ['.js', 'text/javascript; charset=utf-8'],
  ['.mjs', 'text/javascript; charset=utf-8'],
  ['.css', 'text/css; charset=utf-8'],
  ['.json', 'application/json'],
  ['.map', 'application/json'],
  ['.svg', 'image/svg+xml'],
  ['.png', 'image/png'],
  ['.ico', 'image/x-icon'],
  ['.woff2', 'font/woff2'],
  ['.woff', 'font/woff'],
  ['.txt', 'text/plain; charset=utf-8'],
]);

/** The Content-Type for a file extension ('.js'); anything unknown is application/octet-stream. */
export function contentTypeFor(extension: string): string {
  return CONTENT_TYPES.get(extension.toLowerCase()) ?? 'application/octet-stream';
}

/**
 * The page may load only its own files and talk only to its own origin, plus `connectSources` (the origin of
 * `berth serve`'s WebSocket). React's style props go through CSSOM, which CSP allows.
 */
export function contentSecurityPolicy(connectSources: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    ["connect-src 'self'", ...connectSources].join(' '),
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}
