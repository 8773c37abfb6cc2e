// Serves the Vite-built renderer (index.html + hashed assets) as a single-page app, under the strict CSP of
// shared/web-content.ts.
import { createReadStream, existsSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { contentTypeFor } from '../../shared/web-content.js';

export function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    // The page URL carries the token: never send it onwards.
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=()',
  };
}

/** dist/renderer of the package this file was built into (dist/cli/berth.js) or lives in (electron/web/*.ts). */
export function defaultStaticDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return path.join(dir, 'dist', 'renderer');
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve('dist', 'renderer');
    dir = parent;
  }
}

export async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse, headers: Record<string, string>): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...headers, Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }).end('Method not allowed\n');
    return;
  }
  const pathname = new URL(req.url ?? '/', 'http://berth.invalid').pathname;
  let relative: string;
  try {
    relative = decodeURIComponent(pathname);
  } catch {
    relative = '\0';
  }
  if (relative.includes('\0') || relative.split('/').includes('..')) {
    res.writeHead(400, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('Bad path\n');
    return;
  }
  const file = (await findFile(root, relative)) ?? (path.extname(relative) === '' ? await findFile(root, '/index.html') : null);
  if (!file) {
    const indexMissing = !(await findFile(root, '/index.html'));
    res.writeHead(indexMissing ? 503 : 404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(indexMissing ? `Berth: the page is not built (no ${path.join(root, 'index.html')}); run \`npm run build\`\n` : 'Not found\n');
    return;
  }
  const type = contentTypeFor(path.extname(file.path));
  const hashedAsset = /\/assets\//.test(file.path.split(path.sep).join('/'));
  res.writeHead(200, {
    ...headers,
    'Content-Type': type,
    'Content-Length': String(file.size),
    'Cache-Control': hashedAsset ? 'public, max-age=31536000, immutable' : 'no-store',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file.path).on('error', () => res.destroy()).pipe(res);
}

/** A regular file inside root (after resolving links), or null. */
async function findFile(root: string, relative: string): Promise<{ path: string; size: number } | null> {
  try {
    const realRoot = await realpath(root);
    const candidate = await realpath(path.join(realRoot, relative));
    if (candidate !== realRoot && !candidate.startsWith(realRoot + path.sep)) return null;
    const info = await stat(candidate);
    if (info.isDirectory()) return relative.endsWith('/') || relative === '' ? findFile(root, path.posix.join(relative, 'index.html')) : null;
    return info.isFile() ? { path: candidate, size: info.size } : null;
  } catch {
    return null;
  }
}
