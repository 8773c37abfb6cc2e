// Who may talk to `berth serve`: the token holder, from the server's own origin, addressed by the bound host.
// The Host check defeats DNS rebinding (a foreign name resolving to 127.0.0.1); the Origin check stops other
// sites from driving the socket from a user's browser; the token stops other local users and processes.
import { createHash, timingSafeEqual } from 'node:crypto';
import { networkInterfaces, hostname } from 'node:os';
import type { IncomingMessage } from 'node:http';
import { FOREIGN_ORIGIN_MESSAGE, TOKEN_HEADER, TOKEN_QUERY, UNAUTHORIZED_MESSAGE, WS_TOKEN_PROTOCOL_PREFIX } from '../../shared/web-protocol.js';

export interface Refusal {
  status: 401 | 403;
  message: string;
}

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

export function isWildcardHost(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '';
}

/** `host:port` as it appears in a Host header or URL (IPv6 literals in brackets). */
export function hostPort(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export class Guard {
  private readonly allowedHosts: Set<string>;

  constructor(boundHost: string, port: number, private readonly token: string) {
    const names = new Set<string>([boundHost]);
    if (isLoopbackHost(boundHost)) names.add('localhost');
    if (isWildcardHost(boundHost)) {
      // Listening everywhere: the machine's own names and addresses are ours, nothing else.
      names.add('localhost').add(hostname());
      for (const list of Object.values(networkInterfaces())) for (const nic of list ?? []) names.add(nic.address);
    }
    this.allowedHosts = new Set([...names].map((name) => hostPort(name, port).toLowerCase()));
  }

  checkHost(req: IncomingMessage): Refusal | null {
    const host = (req.headers.host ?? '').toLowerCase();
    if (this.allowedHosts.has(host)) return null;
    return { status: 403, message: `Berth: unexpected Host "${host.slice(0, 100)}"; open the URL \`berth serve\` printed` };
  }

  /** Browsers send Origin on WebSocket handshakes and POSTs; it must be this server's own. Absent means no browser. */
  checkOrigin(req: IncomingMessage): Refusal | null {
    const origin = req.headers.origin;
    if (origin === undefined) return null;
    const host = (req.headers.host ?? '').toLowerCase();
    if (this.allowedHosts.has(host) && origin.toLowerCase() === `http://${host}`) return null;
    return { status: 403, message: FOREIGN_ORIGIN_MESSAGE };
  }

  checkToken(given: string | null | undefined): Refusal | null {
    if (given && sameSecret(given, this.token)) return null;
    return { status: 401, message: UNAUTHORIZED_MESSAGE };
  }

  /** The upload's token: the header only (a query string would end up in logs and history). */
  uploadToken(req: IncomingMessage): string | null {
    const value = req.headers[TOKEN_HEADER.toLowerCase()];
    return typeof value === 'string' ? value : null;
  }

  /** The socket's token: the `berth.token.*` subprotocol, or `?token=` for clients that cannot set subprotocols. */
  socketToken(req: IncomingMessage): string | null {
    const protocols = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    const fromProtocol = protocols.find((p) => p.startsWith(WS_TOKEN_PROTOCOL_PREFIX));
    if (fromProtocol) return fromProtocol.slice(WS_TOKEN_PROTOCOL_PREFIX.length);
    return new URL(req.url ?? '/', 'http://berth.invalid').searchParams.get(TOKEN_QUERY);
  }
}
