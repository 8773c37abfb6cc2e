// The browser shell's bridge: the BerthApi over the `berth serve` WebSocket, events pushed on the same socket,
// files uploaded with POST /upload. Reconnects on its own; a wrong or missing token is final (UNAUTHORIZED).
import type { BerthEvent, BerthMethod, FileRef, FileRefOptions, Reply, RpcRequest } from '../../../shared/api.js';
import { BerthError, isErrorCode } from '../../../shared/errors.js';
import {
  DOWNLOAD_PATH, TOKEN_HEADER, TOKEN_QUERY, UNAUTHORIZED_MESSAGE, UPLOAD_PATH, WS_CLOSE_UNAUTHORIZED, WS_PATH, WS_PROTOCOL,
  WS_TOKEN_PROTOCOL_PREFIX,
} from '../../../shared/web-protocol.js';
import type { DownloadResponse, ServerMessage } from '../../../shared/web-protocol.js';
import { startBrowserDownload } from './download.js';
import { apiOver } from './methods.js';
import { uploadWithFetch, uploadWithXhr, type UploadRequest } from './upload.js';
import type { ConnectionState, ShellBridge } from './types.js';

export interface WebBridgeOptions {
  /** The page's own URL; the socket and uploads go to its origin. Default: `location.href`. */
  pageUrl?: string;
  /** Default: the page URL's `?token=`, else the one this tab saw before (sessionStorage). */
  token?: string | null;
  WebSocket?: typeof WebSocket;
  fetch?: typeof fetch;
  /** Uploads go through it (for their progress); null, or absent as under Node, falls back to `fetch`. */
  XMLHttpRequest?: typeof XMLHttpRequest | null;
  /** First reconnect delay; doubles up to 5 s. */
  reconnectDelayMs?: number;
}

const TOKEN_STORAGE_KEY = 'berth.token';
const MAX_RECONNECT_DELAY_MS = 5_000;

interface Pending {
  resolve(reply: Reply<unknown>): void;
  reject(error: BerthError): void;
}

/** Reads the token from the page URL and remembers it for this tab, so a reload without the query still works. */
export function readToken(pageUrl: string): string | null {
  const fromUrl = new URL(pageUrl).searchParams.get(TOKEN_QUERY);
  const storage = sessionStorageOrNull();
  if (fromUrl) {
    storage?.setItem(TOKEN_STORAGE_KEY, fromUrl);
    if (storage) dropTokenFromAddressBar(pageUrl);
    return fromUrl;
  }
  return storage?.getItem(TOKEN_STORAGE_KEY) ?? null;
}

/** Once the tab remembers the token, it need not stay on screen, in screenshots or in the history. */
function dropTokenFromAddressBar(pageUrl: string): void {
  const history = (globalThis as { history?: { replaceState(data: unknown, unused: string, url: string): void } }).history;
  if (!history) return;
  const url = new URL(pageUrl);
  url.searchParams.delete(TOKEN_QUERY);
  history.replaceState(null, '', url.pathname + url.search + url.hash);
}

interface TokenStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

// Through globalThis so this file also type-checks (and runs in tests) under Node, which has no sessionStorage.
function sessionStorageOrNull(): TokenStorage | null {
  try {
    return (globalThis as { sessionStorage?: TokenStorage }).sessionStorage ?? null;
  } catch {
    return null; // storage disabled by the browser
  }
}

export function createWebBridge(options: WebBridgeOptions = {}): ShellBridge {
  const pageUrl = options.pageUrl ?? (globalThis as unknown as { location: { href: string } }).location.href;
  const token = options.token !== undefined ? options.token : readToken(pageUrl);
  const WebSocketImpl = options.WebSocket ?? WebSocket;
  const fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  const XhrImpl = options.XMLHttpRequest !== undefined ? options.XMLHttpRequest : (globalThis.XMLHttpRequest ?? null);
  const firstDelay = options.reconnectDelayMs ?? 250;

  const socketUrl = new URL(WS_PATH, pageUrl);
  socketUrl.protocol = socketUrl.protocol === 'https:' ? 'wss:' : 'ws:';
  socketUrl.search = '';
  socketUrl.hash = '';

  const pending = new Map<number, Pending>();
  const listeners = new Set<(event: BerthEvent) => void>();
  let nextId = 1;
  let socket: WebSocket | null = null;
  let opening: Promise<WebSocket> | null = null;
  let unauthorized = token ? null : new BerthError('UNAUTHORIZED', UNAUTHORIZED_MESSAGE);
  let reconnectDelay = firstDelay;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let everConnected = false;
  let connection: ConnectionState = 'connecting';
  const connectionListeners = new Set<(state: ConnectionState) => void>();

  function setConnection(state: ConnectionState): void {
    if (state === connection) return;
    connection = state;
    for (const listener of [...connectionListeners]) {
      try {
        listener(state);
      } catch (err) {
        console.error('Berth: a connection listener failed', err);
      }
    }
  }

  function emit(event: BerthEvent): void {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (err) {
        console.error('Berth: an event listener failed', err);
      }
    }
  }

  function failAll(error: BerthError): void {
    const all = [...pending.values()];
    pending.clear();
    for (const p of all) p.reject(error);
  }

  function onMessage(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: ServerMessage;
    try {
      message = JSON.parse(data) as ServerMessage;
    } catch {
      return;
    }
    if ('event' in message) {
      emit(message.event);
      return;
    }
    const waiting = pending.get(message.id);
    if (!waiting) return;
    pending.delete(message.id);
    if (message.ok) waiting.resolve(message);
    else if (isErrorCode(message.error?.code) && typeof message.error.message === 'string') waiting.resolve(message);
    else waiting.reject(new BerthError('INTERNAL', `berth serve sent a malformed error: ${JSON.stringify(message.error).slice(0, 200)}`));
  }

  function scheduleReconnect(): void {
    if (unauthorized || reconnectTimer || listeners.size === 0) return;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      connect().catch(() => scheduleReconnect());
    }, reconnectDelay);
    reconnectDelay = Math.min(reconnectDelay * 2, MAX_RECONNECT_DELAY_MS);
  }

  function connect(): Promise<WebSocket> {
    if (unauthorized) return Promise.reject(unauthorized);
    if (socket && socket.readyState === WebSocketImpl.OPEN) return Promise.resolve(socket);
    if (opening) return opening;
    opening = new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocketImpl(socketUrl.href, [WS_PROTOCOL, WS_TOKEN_PROTOCOL_PREFIX + token]);
      let open = false;
      ws.addEventListener('open', () => {
        open = true;
        socket = ws;
        opening = null;
        reconnectDelay = firstDelay;
        setConnection('connected');
        // Anything may have changed while the socket was down: let the page refetch.
        if (everConnected) emit({ type: 'store.changed' });
        everConnected = true;
        resolve(ws);
      });
      // A failed connection also fires 'close', which does the work; without a listener Node's `ws` would throw.
      ws.addEventListener('error', () => {});
      ws.addEventListener('message', (event) => onMessage((event as { data: unknown }).data));
      ws.addEventListener('close', (event) => {
        const { code, reason } = event as { code: number; reason: string };
        if (socket === ws) socket = null;
        if (!open) opening = null;
        let error: BerthError;
        if (code === WS_CLOSE_UNAUTHORIZED) {
          unauthorized = new BerthError('UNAUTHORIZED', reason || UNAUTHORIZED_MESSAGE);
          error = unauthorized;
        } else if (open) {
          error = new BerthError('NETWORK', `Lost the connection to berth serve (${code}${reason ? `: ${reason}` : ''}); reconnecting`);
        } else {
          error = new BerthError('NETWORK', `Cannot reach berth serve at ${socketUrl.host}: is it still running?`);
        }
        // A refused token is the fatal page's to show; anything else is a connection lost until it comes back.
        if (code !== WS_CLOSE_UNAUTHORIZED && (open || !socket)) setConnection('lost');
        failAll(error);
        if (!open) reject(error);
        scheduleReconnect();
      });
    });
    return opening;
  }

  async function send(method: BerthMethod, args: unknown[]): Promise<Reply<unknown>> {
    const ws = await connect();
    const id = nextId++;
    const request: RpcRequest = { id, method, args };
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      ws.send(JSON.stringify(request));
    });
  }

  return {
    ...apiOver(send),
    shell: 'web',
    onEvent(listener) {
      listeners.add(listener);
      connect().catch(() => scheduleReconnect());
      return () => {
        listeners.delete(listener);
      };
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      listener(connection);
      return () => {
        connectionListeners.delete(listener);
      };
    },
    async fileRef(file: File, fileOptions: FileRefOptions = {}): Promise<FileRef> {
      if (unauthorized) throw unauthorized;
      const request: UploadRequest = {
        url: new URL(UPLOAD_PATH, pageUrl).href,
        headers: {
          [TOKEN_HEADER]: token ?? '',
          'Content-Type': 'application/octet-stream',
          'X-Berth-Filename': encodeURIComponent(file.name),
        },
        file,
        ...fileOptions,
      };
      // XMLHttpRequest where there is one (every browser): the only way to see upload progress over HTTP/1.1.
      return XhrImpl ? uploadWithXhr(XhrImpl, request) : uploadWithFetch(fetchImpl, request);
    },
    async chooseFile() {
      return null; // the page uses <input type=file> in a browser
    },
    async fileTarget(suggestedName: string) {
      if (unauthorized) throw unauthorized;
      let response: Response;
      try {
        response = await fetchImpl(new URL(DOWNLOAD_PATH, pageUrl).href, {
          method: 'POST',
          headers: { [TOKEN_HEADER]: token ?? '', 'Content-Type': 'application/json' },
          body: JSON.stringify({ name: suggestedName }),
        });
      } catch (err) {
        throw new BerthError('NETWORK', `Cannot reach berth serve to start a download: ${(err as Error).message}`);
      }
      const text = await response.text();
      if (response.status !== 201) throw httpError(response.status, text, 'Starting the download');
      const { target, url } = JSON.parse(text) as DownloadResponse;
      const href = new URL(url, pageUrl).href;
      return { ref: target, url: href, deliver: () => startBrowserDownload(href, target.name) };
    },
    async showContextMenu() {
      return { native: false }; // a page cannot open a browser's own menu: it draws an in-page one
    },
  };
}

/** The server's typed error when it sent one, else one made from the status. */
function httpError(status: number, text: string, what: string): BerthError {
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    if (body.error && isErrorCode(body.error.code) && typeof body.error.message === 'string') return new BerthError(body.error.code, body.error.message);
  } catch {
    // not JSON: fall through
  }
  return new BerthError(status === 401 ? 'UNAUTHORIZED' : 'INTERNAL', `${what} failed: HTTP ${status}`);
}
