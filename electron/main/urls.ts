// Which URLs are the app's own page and which may be opened in the user's browser. No Electron import, so tested in Node.
/** The app's own origin: a privileged custom scheme, so the page has a real origin (file:// has none) to check senders against. */
export const APP_SCHEME = 'berth';
export const APP_HOST = 'app';
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** True for URLs of our own page. Node's URL gives custom schemes the origin "null", so compare the parts. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Plain web links only, without credentials; anything else (file:, javascript:, custom schemes) is dropped. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && !parsed.username && !parsed.password && parsed.hostname !== '';
  } catch {
    return false;
  }
}
