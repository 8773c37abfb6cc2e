// A loopback HTTP proxy in front of a test registry that misbehaves on request: answers with a status of its
// choosing, redirects, cuts a body after N bytes (the socket destroyed mid-transfer), or flips a byte of it. It
// records every request it receives, headers included, so tests can check what reached it (Range, Authorization).
import { createServer, request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';

export interface ProxiedRequest {
  method: string;
  /** Path and query. */
  url: string;
  headers: IncomingHttpHeaders;
  /** Body bytes the proxy sent back for this request so far (what a client really fetched). */
  bytes: number;
}

export type ProxyAction =
  | { kind: 'forward' }
  | { kind: 'respond'; status: number; headers?: Record<string, string>; body?: string }
  | { kind: 'redirect'; status?: number; location: string }
  /** Forward, but destroy the connection after this many body bytes (or, with `stall`, send nothing more). */
  | { kind: 'cut'; afterBytes: number; stall?: boolean }
  /** Forward, with the body's first byte changed. */
  | { kind: 'corrupt' }
  /** Never answer (the connection stays open until the client gives up or the proxy stops). */
  | { kind: 'stall' }
  /** Neither read the request's body nor answer: an upload stalls once the socket buffers are full. */
  | { kind: 'hold' }
  /** Forward, with an absolute `Location` in the answer made relative (path and query only). */
  | { kind: 'relative-location' };

export interface FaultProxy {
  /** host:port to name as the registry. */
  host: string;
  url: string;
  readonly requests: ProxiedRequest[];
  /** Decides each request's fate (`index` counts every request from 0); undefined or no plan = forward. */
  plan: ((req: ProxiedRequest, index: number) => ProxyAction | undefined) | null;
  stop(): Promise<void>;
}

export interface FaultProxyOptions {
  /** The loopback address to listen on (default 127.0.0.1; 127.0.0.2 makes "another host"). */
  bindAddress?: string;
  /** Headers added to what is forwarded (a stand-in CDN that authorises its own fetches from the registry). */
  forwardHeaders?: Record<string, string>;
  /** Rewrite an answer's absolute `Location` on the target to point at the proxy, as a reverse proxy does (uploads). */
  rewriteLocation?: boolean;
}

export async function startFaultProxy(target: string, options: FaultProxyOptions = {}): Promise<FaultProxy> {
  const targetUrl = new URL(target);
  const bindAddress = options.bindAddress ?? '127.0.0.1';
  const requests: ProxiedRequest[] = [];

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const record: ProxiedRequest = { method: req.method ?? 'GET', url: req.url ?? '/', headers: { ...req.headers }, bytes: 0 };
    const index = requests.push(record) - 1;
    const action = api.plan?.(record, index) ?? { kind: 'forward' };
    if (action.kind === 'respond') {
      req.resume();
      res.writeHead(action.status, action.headers).end(action.body ?? '');
      return;
    }
    if (action.kind === 'stall') {
      req.resume();
      return;
    }
    if (action.kind === 'hold') return;
    if (action.kind === 'redirect') {
      req.resume();
      res.writeHead(action.status ?? 307, { location: action.location }).end();
      return;
    }
    const headers = { ...req.headers, host: targetUrl.host, ...options.forwardHeaders };
    const upstream = request({ host: targetUrl.hostname, port: targetUrl.port, method: req.method, path: req.url, headers }, (answer) => {
      const answerHeaders = { ...answer.headers };
      if (answerHeaders.location) {
        const absolute = new URL(answerHeaders.location, targetUrl);
        if (action.kind === 'relative-location') answerHeaders.location = absolute.pathname + absolute.search;
        else if (options.rewriteLocation && absolute.origin === targetUrl.origin) answerHeaders.location = `${api.url}${absolute.pathname}${absolute.search}`;
      }
      res.writeHead(answer.statusCode ?? 502, answerHeaders);
      let sent = 0;
      let first = true;
      answer.on('data', (chunk: Buffer) => {
        if (action.kind === 'cut') {
          const room = action.afterBytes - sent;
          if (room <= 0) return;
          const part = chunk.subarray(0, room);
          sent += part.length;
          record.bytes += part.length;
          res.write(part, () => {
            if (sent >= action.afterBytes && !action.stall) {
              answer.destroy();
              res.socket?.destroy();
            }
          });
          return;
        }
        if (action.kind === 'corrupt' && first && chunk.length > 0) {
          chunk = Buffer.from(chunk);
          chunk[0] = chunk[0]! ^ 0xff;
        }
        first = false;
        record.bytes += chunk.length;
        res.write(chunk);
      });
      answer.on('end', () => res.end());
      answer.on('error', () => res.destroy());
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, bindAddress, () => resolve());
  });
  const address = server.address();
  if (!address || typeof address !== 'object') throw new Error('fault proxy has no port');
  const host = `${bindAddress}:${address.port}`;
  const api: FaultProxy = {
    host,
    url: `http://${host}`,
    requests,
    plan: null,
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
  return api;
}
