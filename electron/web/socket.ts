// The WebSocket half of `berth serve`: RPC requests in, responses and service events out, token checked per socket.
import { WebSocketServer, WebSocket } from 'ws';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { BerthEvent } from '../../shared/api.js';
import { responseText, type RpcHandler } from '../core/rpc.js';
import type { Guard, Refusal } from './guard.js';
import { WS_CLOSE_UNAUTHORIZED, WS_PATH, WS_PROTOCOL } from '../../shared/web-protocol.js';
import type { ServerMessage } from '../../shared/web-protocol.js';

const MAX_MESSAGE_BYTES = 1024 * 1024;
/** A socket that cannot keep up is closed; the page reconnects and refetches, which beats unbounded buffering. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;
/** Calls one socket may have running at once (a page needs a handful; waitTask holds one per followed task). */
const MAX_CALLS_IN_FLIGHT = 64;

export interface SocketBridge {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  broadcast(event: BerthEvent): void;
  close(): Promise<void>;
}

export function createSocketBridge(getGuard: () => Guard, handle: RpcHandler): SocketBridge {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    // Always answer with our protocol, even to a wrong token, so the page gets a readable 4401 close instead of
    // a failed handshake it cannot tell from a dead server.
    handleProtocols: () => WS_PROTOCOL,
  });
  const clients = new Set<WebSocket>();
  const inFlight = new WeakMap<WebSocket, number>();

  function send(ws: WebSocket, message: ServerMessage): void {
    if (ws.readyState !== WebSocket.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      ws.close(1013, 'Berth: too far behind; reconnect');
      return;
    }
    ws.send('event' in message ? JSON.stringify(message) : responseText(message));
  }

  wss.on('connection', (ws: WebSocket, req: IncomingMessage) => {
    const guard = getGuard();
    const refusal = guard.checkToken(guard.socketToken(req));
    if (refusal) {
      ws.close(WS_CLOSE_UNAUTHORIZED, refusal.message);
      return;
    }
    clients.add(ws);
    inFlight.set(ws, 0);
    ws.on('close', () => clients.delete(ws));
    ws.on('error', () => ws.terminate());
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        ws.close(1003, 'Berth: text frames only');
        return;
      }
      let request: unknown;
      try {
        request = JSON.parse(data.toString());
      } catch {
        request = null; // the handler answers with INVALID_ARGUMENT
      }
      // One page needs a handful of calls at once; thousands in flight are a flood, answered without running them.
      if (inFlight.get(ws)! >= MAX_CALLS_IN_FLIGHT) {
        const given = (request as { id?: unknown } | null)?.id;
        const id = Number.isSafeInteger(given) ? (given as number) : 0;
        send(ws, { id, ok: false, error: { code: 'RATE_LIMITED', message: `Berth: more than ${MAX_CALLS_IN_FLIGHT} calls in flight on one connection; wait for answers` } });
        return;
      }
      inFlight.set(ws, inFlight.get(ws)! + 1);
      void handle(request).then((response) => {
        inFlight.set(ws, inFlight.get(ws)! - 1);
        send(ws, response);
      });
    });
  });

  return {
    handleUpgrade(req, socket, head) {
      const guard = getGuard();
      const pathname = new URL(req.url ?? '/', 'http://berth.invalid').pathname;
      const refusal: Refusal | null = pathname !== WS_PATH
        ? { status: 403, message: `Berth: no WebSocket at ${pathname.slice(0, 100)}` }
        : guard.checkHost(req) ?? guard.checkOrigin(req);
      if (refusal) {
        refuseUpgrade(socket, refusal);
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    broadcast(event) {
      for (const ws of clients) send(ws, { event });
    },
    async close() {
      for (const ws of clients) ws.close(1001, 'Berth: server shutting down');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      for (const ws of clients) ws.terminate();
    },
  };
}

function refuseUpgrade(socket: Duplex, refusal: Refusal): void {
  const body = JSON.stringify({ error: { code: 'UNAUTHORIZED', message: refusal.message } });
  const reason = refusal.status === 401 ? 'Unauthorized' : 'Forbidden';
  socket.end(
    `HTTP/1.1 ${refusal.status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Connection: close\r\n\r\n${body}`,
  );
}
