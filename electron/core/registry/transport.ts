// HTTP for the registry client on undici: keep-alive pools, streaming bodies, per-request timeouts, the caller's
// AbortSignal, retries with backoff and Retry-After, redirects followed by hand. Mirrors go-containerregistry's
// transport.NewRetry + the Go http.Client's redirect rule (Authorization is sent only to the host it was meant
// for: S3 refuses a presigned URL that also carries it) + name.Registry's scheme policy (plain http and unverified
// TLS only for loopback and insecure registries).
import { Agent, request, type Dispatcher } from 'undici';
import type { Readable } from 'node:stream';
import { BerthError } from '../../../shared/errors.js';
import { isInsecureHost, isInternalAddress } from './scheme.js';
import { networkError, isTransientNetworkError } from './network-error.js';
import { DEFAULT_RETRY, RETRY_STATUSES, parseRetryAfter, retryDelay, sleep, type RetryPolicy } from './retry.js';

export const MAX_REDIRECTS = 10;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface TransportOptions {
  /** host[:port] entries that may use plain http or unverified TLS (loopback always may). */
  insecureRegistries?: readonly string[];
  /** Longest wait for a response's headers, and for each chunk of its body after that. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  userAgent?: string;
}

export type HttpMethod = 'GET' | 'HEAD' | 'PUT' | 'PATCH' | 'POST' | 'DELETE';

/**
 * What a PUT, PATCH or POST sends. A stream can be read once, so a body is a factory: each try (a retry, a 307/308
 * redirect) opens it afresh, and a layer streams from its file without ever being held whole. `length` is sent as
 * Content-Length (registries want it; distribution refuses some chunked uploads without it).
 */
export interface RequestBody {
  open(): Readable | Buffer;
  length: number;
}

export interface HttpRequest {
  method: HttpMethod;
  url: string;
  headers?: Record<string, string>;
  body?: RequestBody;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Must be read or dumped by the caller. */
  body: Dispatcher.ResponseData['body'];
  /** Where the answer finally came from, after redirects. */
  url: string;
}

/** One header as a single string (the first when repeated). */
export function header(response: { headers: HttpResponse['headers'] }, name: string): string | undefined {
  const value = response.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** Reads and discards what is left of a body so its connection can be reused; errors there do not matter. */
export async function discard(body: Readable | Dispatcher.ResponseData['body']): Promise<void> {
  try {
    if ('dump' in body && typeof body.dump === 'function') await body.dump();
    else body.resume();
  } catch {
    // the connection is dropped instead of reused; nothing the caller needs to know
  }
}

export class Transport {
  readonly insecureRegistries: readonly string[];
  private readonly timeoutMs: number;
  private readonly retry: RetryPolicy;
  private readonly userAgent: string;
  private readonly verified: Agent;
  private readonly unverified: Agent;
  private closing: Promise<void> | null = null;

  constructor(options: TransportOptions = {}) {
    this.insecureRegistries = options.insecureRegistries ?? [];
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.userAgent = options.userAgent ?? 'berth';
    const connect = { timeout: this.timeoutMs };
    this.verified = new Agent({ connect, keepAliveTimeout: 30_000 });
    this.unverified = new Agent({ connect: { ...connect, rejectUnauthorized: false }, keepAliveTimeout: 30_000 });
  }

  /** Whether `url` may be used at all: https anywhere, http only for loopback and insecure registries. */
  checkScheme(url: URL): void {
    if (url.protocol === 'https:') return;
    if (url.protocol === 'http:' && isInsecureHost(url.host, this.insecureRegistries)) return;
    throw new BerthError(
      'NETWORK',
      url.protocol === 'http:'
        ? `refusing plain http to ${url.host}: add "${url.host}" to insecureRegistries in settings.json if this registry has no TLS`
        : `unsupported URL scheme ${url.protocol} for ${url.host}`,
    );
  }

  /**
   * Sends the request, following up to MAX_REDIRECTS redirects and retrying transient failures. Authorization is
   * sent only while the request is on the origin (scheme, host, port) it was first sent to. The last answer is returned whatever its
   * status (the caller turns an error status into its own message); failures below HTTP throw NETWORK.
   */
  async send(req: HttpRequest): Promise<HttpResponse> {
    const first = new URL(req.url);
    let url = first;
    let method = req.method;
    let body = req.body;
    for (let hop = 0; ; hop++) {
      const headers: Record<string, string> = { 'user-agent': this.userAgent, ...req.headers };
      if (body) headers['content-length'] = String(body.length);
      // Go compares hosts only; the origin also keeps a token off a downgrade to plain http on the same host.
      if (url.origin !== first.origin) {
        for (const name of Object.keys(headers)) if (name.toLowerCase() === 'authorization') delete headers[name];
      }
      const response = await this.sendWithRetry(method, url, headers, body, req.signal);
      const location = header(response, 'location');
      if (!REDIRECT_STATUSES.has(response.status) || location === undefined) return response;
      await discard(response.body);
      if (hop >= MAX_REDIRECTS) throw new BerthError('NETWORK', `too many redirects from ${first.host} (more than ${MAX_REDIRECTS})`);
      const next = new URL(location, url);
      // A redirect that resends the body (a layer's PUT or PATCH on 307/308) may not aim it at a service on the
      // user's machine or network: the same guard as an upload's Location (blob-upload.ts resolveLocation).
      if (body && (response.status === 307 || response.status === 308) && next.hostname !== url.hostname && isInternalAddress(next.hostname)) {
        throw new BerthError('NETWORK', `${url.host} redirected the upload to ${next.host}, a private address on another host: refused`);
      }
      url = next;
      // Go's rule: 307/308 resend the body; 301/302/303 turn a PUT, PATCH or POST into a GET without one.
      if (response.status !== 307 && response.status !== 308 && method !== 'GET' && method !== 'HEAD') {
        method = 'GET';
        body = undefined;
      }
    }
  }

  private async sendWithRetry(method: HttpMethod, url: URL, headers: Record<string, string>, body: RequestBody | undefined, signal?: AbortSignal): Promise<HttpResponse> {
    this.checkScheme(url);
    const dispatcher = isInsecureHost(url.host, this.insecureRegistries) ? this.unverified : this.verified;
    for (let attempt = 1; ; attempt++) {
      let response: Dispatcher.ResponseData;
      const sent = body?.open();
      try {
        response = await request(url, {
          method: method as Dispatcher.HttpMethod,
          headers,
          ...(sent !== undefined ? { body: sent } : {}),
          signal,
          dispatcher,
          headersTimeout: this.timeoutMs,
          bodyTimeout: this.timeoutMs,
        });
      } catch (error) {
        if (sent && !Buffer.isBuffer(sent)) sent.destroy();
        if (signal?.aborted) throw new BerthError('CANCELLED', 'cancelled', { cause: error });
        if (attempt < this.retry.attempts && isTransientNetworkError(error)) {
          await sleep(retryDelay(this.retry, attempt, null), signal);
          continue;
        }
        throw networkError(error, url.host);
      }
      const retryAfter = RETRY_STATUSES.has(response.statusCode) ? parseRetryAfter(header(response, 'retry-after')) : null;
      // A registry that asks for a longer pause than we would wait (Docker Hub's pull limit: hours) gets its answer
      // reported at once rather than after minutes of futile retries.
      const worthWaiting = retryAfter === null || retryAfter <= this.retry.maxDelayMs;
      if (attempt < this.retry.attempts && RETRY_STATUSES.has(response.statusCode) && worthWaiting) {
        await discard(response.body);
        if (sent && !Buffer.isBuffer(sent)) sent.destroy();
        await sleep(retryDelay(this.retry, attempt, retryAfter), signal);
        continue;
      }
      return { status: response.statusCode, headers: response.headers, body: response.body, url: url.href };
    }
  }

  /**
   * POSTs a form: the OAuth token request an identity (refresh) token makes. Neither redirected nor retried — a
   * token service answers directly, and a refused grant is final; the answer is returned whatever its status.
   */
  async postForm(url: string, form: Record<string, string>, signal?: AbortSignal): Promise<HttpResponse> {
    const target = new URL(url);
    this.checkScheme(target);
    const dispatcher = isInsecureHost(target.host, this.insecureRegistries) ? this.unverified : this.verified;
    const headers = { 'user-agent': this.userAgent, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    try {
      const response = await request(target, {
        method: 'POST', headers, body: new URLSearchParams(form).toString(), signal, dispatcher, headersTimeout: this.timeoutMs, bodyTimeout: this.timeoutMs,
      });
      return { status: response.statusCode, headers: response.headers, body: response.body, url: target.href };
    } catch (error) {
      if (signal?.aborted) throw new BerthError('CANCELLED', 'cancelled', { cause: error });
      throw networkError(error, target.host);
    }
  }

  /** Closes the connection pools once; later calls are no-ops. */
  close(): Promise<void> {
    this.closing ??= Promise.all([this.verified.close(), this.unverified.close()]).then(() => undefined);
    return this.closing;
  }
}
