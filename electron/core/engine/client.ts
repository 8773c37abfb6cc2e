// The Docker Engine API over its unix socket (undici's Agent with `connect.socketPath`), unversioned paths so any
// engine answers with its own API version: dockerd, and podman's Docker-compatible service, which serves the same
// paths. Errors keep the engine's own words (`No such container: x`); an engine that does not answer gets docker's
// sentence for it, once, from whoever asked.
import type { Readable } from 'node:stream';
import { Agent, request, type Dispatcher } from 'undici';
import { BerthError, type ErrorCode } from '../../../shared/errors.js';
import { engineEndpoint } from './socket.js';

export interface EngineRequest {
  method?: 'GET' | 'POST' | 'HEAD';
  path: string;
  /** Repeated keys (commit's `changes`) as arrays. */
  query?: Record<string, string | readonly string[] | undefined>;
  body?: Readable | Buffer;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export class EngineClient {
  private readonly agent: Agent;

  private constructor(readonly socketPath: string, readonly host: string) {
    // No body timeout: an image export can pause while the engine reads layers; the caller's signal ends it.
    this.agent = new Agent({ connect: { socketPath }, bodyTimeout: 0, headersTimeout: 120_000 });
  }

  /** The engine the environment names; a remote DOCKER_HOST is refused plainly. */
  static fromEnv(env: NodeJS.ProcessEnv = process.env): EngineClient {
    const endpoint = engineEndpoint(env);
    if ('unsupported' in endpoint) {
      throw new BerthError('INVALID_ARGUMENT', `DOCKER_HOST=${endpoint.unsupported} is not a unix socket: Berth talks only to a local engine (unix://…)`);
    }
    return new EngineClient(endpoint.socketPath, endpoint.host);
  }

  /** Sends the request; a status of 400 or more becomes a BerthError with the engine's message. */
  async send(req: EngineRequest): Promise<Dispatcher.ResponseData> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(req.query ?? {})) {
      if (value === undefined) continue;
      for (const item of typeof value === 'string' ? [value] : value) params.append(key, item);
    }
    const search = params.size > 0 ? `?${params.toString()}` : '';
    let response: Dispatcher.ResponseData;
    try {
      response = await request(`http://docker${req.path}${search}`, {
        dispatcher: this.agent,
        method: req.method ?? 'GET',
        ...(req.body ? { body: req.body } : {}),
        ...(req.headers ? { headers: req.headers } : {}),
        ...(req.signal ? { signal: req.signal } : {}),
      });
    } catch (err) {
      throw this.connectionError(err, req.signal);
    }
    if (response.statusCode >= 400) {
      const text = await response.body.text().catch(() => '');
      throw engineError(response.statusCode, text);
    }
    return response;
  }

  async json<T>(req: EngineRequest): Promise<T> {
    const response = await this.send(req);
    return (await response.body.json()) as T;
  }

  close(): Promise<void> {
    return this.agent.close();
  }

  private connectionError(err: unknown, signal: AbortSignal | undefined): BerthError {
    if (signal?.aborted) return new BerthError('CANCELLED', 'cancelled', { cause: err });
    if (err instanceof BerthError) return err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ECONNREFUSED' || code === 'EACCES' || code === 'UND_ERR_SOCKET' || code === 'ECONNRESET') {
      const why = code === 'EACCES' ? ' (permission denied on the socket)' : '';
      return new BerthError('NETWORK', `Cannot connect to the Docker daemon at ${this.host}. Is the docker daemon running?${why}`, { cause: err });
    }
    return new BerthError('NETWORK', `the Docker Engine at ${this.host} failed: ${(err as Error).message}`, { cause: err });
  }
}

/** The engine's `{"message": …}` with a code that says what kind of failure it is. */
export function engineError(status: number, body: string): BerthError {
  let message = body.trim();
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    if (typeof parsed.message === 'string') message = parsed.message;
  } catch {
    // Not JSON: keep the text as the engine sent it.
  }
  const code: ErrorCode = status === 404 ? 'NOT_FOUND' : status === 409 ? 'CONFLICT' : status === 400 ? 'INVALID_ARGUMENT' : status === 401 || status === 403 ? 'UNAUTHORIZED' : 'INTERNAL';
  return new BerthError(code, message || `the engine answered HTTP ${status}`);
}
