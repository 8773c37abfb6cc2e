// The app's security defaults (brief §9): the page comes from berth://app/ under a strict CSP, may not navigate,
// open windows or ask for permissions, and links to the web open in the user's browser after a check.
import { app, net, protocol, session, shell } from 'electron';
import type { Session, WebContents } from 'electron';
import { stat } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { contentSecurityPolicy, contentTypeFor } from '../../shared/web-content.js';
import { APP_HOST, APP_SCHEME, isAppUrl, isSafeExternalUrl } from './urls.js';

const APP_CSP = contentSecurityPolicy();

/** Must run before `app.ready`: gives berth:// a real, secure origin with fetch support. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    // corsEnabled: Vite marks its module script and stylesheet `crossorigin`, so they are fetched in CORS mode.
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
  ]);
}

/** Serves dist/renderer on berth://app/, files only from that folder, every response with the CSP. */
export function serveRenderer(rendererDir: string): void {
  const root = path.resolve(rendererDir);
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
    let relative: string;
    try {
      relative = decodeURIComponent(url.pathname);
    } catch {
      return new Response('Bad path', { status: 400 });
    }
    let file = path.resolve(root, `.${relative}`);
    if (file !== root && !file.startsWith(root + path.sep)) return new Response('Not found', { status: 404 });
    if (!(await isFile(file))) {
      if (path.extname(relative) !== '') return new Response('Not found', { status: 404 });
      file = path.join(root, 'index.html'); // a client-side route
    }
    const body = await net.fetch(pathToFileURL(file).href);
    return new Response(body.body, {
      status: body.status,
      headers: {
        'Content-Type': contentTypeFor(path.extname(file)),
        'Content-Security-Policy': APP_CSP,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
      },
    });
  });
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/** Permissions: none, except writing to the clipboard from our own page (copy buttons for IDs and digests). */
export function denyPermissions(target: Session = session.defaultSession): void {
  const allowed = (permission: string, origin: string) => permission === 'clipboard-sanitized-write' && isAppUrl(origin);
  target.setPermissionRequestHandler((contents, permission, callback) => callback(allowed(permission, contents.getURL())));
  target.setPermissionCheckHandler((_contents, permission, requestingOrigin) => allowed(permission, requestingOrigin));
  target.setDevicePermissionHandler(() => false);
}

/** Every web contents the app ever makes: no new windows, no navigation away, no webviews. */
export function hardenWebContents(): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.setWindowOpenHandler(({ url }) => {
      if (isSafeExternalUrl(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}
