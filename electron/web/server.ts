// `berth serve`: the built renderer, the WebSocket bridge on /rpc, file uploads on /upload and downloads on
// /download, on loopback by default.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { toErrorPayload } from '../../shared/errors.js';
import type { ErrorPayload } from '../../shared/errors.js';
import { createRpcHandler, type RpcHandlerOptions } from '../core/rpc.js';
import type { BerthService } from '../core/service-api.js';
import { Guard, hostPort, isLoopbackHost, isWildcardHost } from './guard.js';
import type { Refusal } from './guard.js';
import { DOWNLOAD_PATH, TOKEN_QUERY, UPLOAD_PATH, type DownloadResponse, type UploadResponse } from '../../shared/web-protocol.js';
import { DownloadStore } from './downloads.js';
import { createSocketBridge } from './socket.js';
import { contentSecurityPolicy } from '../../shared/web-content.js';
import { defaultStaticDir, securityHeaders, serveStatic } from './static-files.js';
import { UploadStore, UploadTooLargeError } from './uploads.js';
import type { FreeSpaceOptions } from '../core/store/free-space.js';

export interface WebServerOptions {
  service: BerthService;
  /** Default 127.0.0.1. Anything but loopback prints a warning. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  /** Default: 32 random bytes, base64url. */
  token?: string;
  /** The built renderer; default dist/renderer of this package. */
  staticDir?: string;
  maxUploadBytes?: number;
  uploadTtlMs?: number;
  /** Where the private upload folder is made; default the OS temp folder. */
  uploadParentDir?: string;
  /** How the upload folder's free space is measured and kept (tests give a fake probe); default statfs and the store's reserve. */
  uploadFreeSpace?: FreeSpaceOptions;
  /** How long a download target waits for its save and its browser; default two minutes. */
  downloadTtlMs?: number;
  /** How checked calls reach the service (a worker's JSON-text answers); default a direct call. */
  invoke?: RpcHandlerOptions['invoke'];
  /** Where warnings go; default stderr. */
  warn?: (message: string) => void;
}

export interface WebServer {
  /** `http://HOST:PORT/?token=TOKEN`: the one URL that opens a working page. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const { service } = options;
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? randomBytes(32).toString('base64url');
  const staticDir = options.staticDir ?? defaultStaticDir();
  const warn = options.warn ?? ((message: string) => process.stderr.write(`${message}\n`));
  if (!isLoopbackHost(host)) {
    warn(`Warning: berth serve is listening on ${host}, not loopback: anyone who can reach it and learns the token can change your image store.`);
  }

  const uploads = await UploadStore.create({ maxBytes: options.maxUploadBytes, ttlMs: options.uploadTtlMs, parent: options.uploadParentDir, freeSpace: options.uploadFreeSpace });
  const downloads = new DownloadStore(options.downloadTtlMs);
  const files = { read: uploads.read.bind(uploads), write: downloads.write.bind(downloads) };
  const handle = createRpcHandler(service, { files, ...(options.invoke ? { invoke: options.invoke } : {}) });
  const server = createServer();
  // The guard needs the port, known only once listening.
  let guard: Guard | null = null;
  let headers: Record<string, string> = {};
  const sockets = createSocketBridge(() => guard!, handle);

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    handleHttp(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendError(res, 500, toErrorPayload(err), headers);
      else res.destroy();
    });
  });
  server.on('upgrade', (req: IncomingMessage, socket, head: Buffer) => {
    if (guard) sockets.handleUpgrade(req, socket, head);
    else socket.destroy();
  });

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!guard) return sendError(res, 503, { code: 'INTERNAL', message: 'Berth: starting up' }, headers);
    const refusal = guard.checkHost(req) ?? guard.checkOrigin(req);
    if (refusal) return refuse(res, refusal, headers);
    const pathname = new URL(req.url ?? '/', 'http://berth.invalid').pathname;
    if (pathname === UPLOAD_PATH) return handleUpload(req, res);
    if (pathname === DOWNLOAD_PATH) return handleDownloadRequest(req, res);
    if (pathname.startsWith(`${DOWNLOAD_PATH}/`)) return handleDownload(req, res, pathname.slice(DOWNLOAD_PATH.length + 1));
    return serveStatic(staticDir, req, res, headers);
  }

  async function handleUpload(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return sendError(res, 405, { code: 'INVALID_ARGUMENT', message: 'POST a file to /upload' }, headers);
    const tokenRefusal = guard!.checkToken(guard!.uploadToken(req));
    if (tokenRefusal) return refuse(res, tokenRefusal, headers);
    const length = req.headers['content-length'];
    const name = decodeName(req.headers['x-berth-filename']);
    try {
      const file = await uploads.save(req, name, length === undefined ? null : Number(length));
      res.writeHead(201, { ...headers, 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.end(JSON.stringify({ file } satisfies UploadResponse));
    } catch (err) {
      const payload = toErrorPayload(err);
      // Close the connection: the client may still be sending a body we will not read.
      res.setHeader('Connection', 'close');
      const status = err instanceof UploadTooLargeError ? 413 : payload.code === 'NO_SPACE' ? 507 : 400;
      sendError(res, status, payload, headers);
    }
  }

  /** POST /download {name}: a new target, for the token holder only (as uploads). */
  async function handleDownloadRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return sendError(res, 405, { code: 'INVALID_ARGUMENT', message: 'POST {"name"} to /download' }, headers);
    const tokenRefusal = guard!.checkToken(guard!.uploadToken(req));
    if (tokenRefusal) return refuse(res, tokenRefusal, headers);
    const name = await readSmallJson(req).then(
      (body) => (body && typeof body === 'object' && typeof (body as { name?: unknown }).name === 'string' ? (body as { name: string }).name : null),
      () => null,
    );
    if (name === null) return sendError(res, 400, { code: 'INVALID_ARGUMENT', message: 'expected {"name": "FILE.tar"}' }, headers);
    res.writeHead(201, { ...headers, 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify(downloads.create(name) satisfies DownloadResponse));
  }

  /** GET /download/ID: the bytes, once. The random ID is the credential: a browser's download cannot send a header. */
  async function handleDownload(req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
    if (req.method !== 'GET') return sendError(res, 405, { code: 'INVALID_ARGUMENT', message: 'GET a download' }, headers);
    if (!/^[0-9a-f]{32}$/.test(id) || !downloads.serve(id, res, headers)) {
      return sendError(res, 404, { code: 'NOT_FOUND', message: 'Berth: no such download (each link works once, for two minutes)' }, headers);
    }
  }

  const unsubscribe = service.onEvent((event) => sockets.broadcast(event));

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    unsubscribe();
    await uploads.close();
    throw err;
  }

  const port = (server.address() as AddressInfo).port;
  const urlHost = isWildcardHost(host) ? '127.0.0.1' : host;
  guard = new Guard(host, port, token);
  headers = securityHeaders(contentSecurityPolicy([`ws://${hostPort(urlHost, port)}`]));
  const url = `http://${hostPort(urlHost, port)}/?${TOKEN_QUERY}=${token}`;

  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    token,
    close() {
      closing ??= (async () => {
        unsubscribe();
        await sockets.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        downloads.close();
        await uploads.close();
      })();
      return closing;
    },
  };
}

function decodeName(header: string | string[] | undefined): string {
  if (typeof header !== 'string') return 'upload';
  try {
    // The name shows in task titles and toasts: controls and bidi overrides become U+FFFD.
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    return decodeURIComponent(header).replace(/[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '\ufffd').slice(0, 255) || 'upload';
  } catch {
    return 'upload';
  }
}

/** A request body of at most 4 KB, parsed as JSON. */
async function readSmallJson(req: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of req) {
    text += String(chunk);
    if (text.length > 4096) throw new Error('too large');
  }
  return JSON.parse(text);
}

function refuse(res: ServerResponse, refusal: Refusal, headers: Record<string, string>): void {
  sendError(res, refusal.status, { code: 'UNAUTHORIZED', message: refusal.message }, headers);
}

function sendError(res: ServerResponse, status: number, error: ErrorPayload, headers: Record<string, string>): void {
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify({ error }));
}
