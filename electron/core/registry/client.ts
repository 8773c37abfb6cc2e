// One registry, as the rest of Berth talks to it: the /v2/ ping that finds the scheme and the auth challenge, then
// requests that carry the right Authorization for a repository scope. Mirrors go-containerregistry's
// transport.NewWithContext (ping, then a bearer or basic transport) and remote's fetcher; the one-retry on a fresh
// 401 challenge (insufficient_scope, or a token the registry no longer takes) is bearerTransport.RoundTrip's.
import { BerthError } from '../../../shared/errors.js';
import { type Challenge, parseChallenges, pickChallenge } from './challenge.js';
import { registryEndpoint, isInsecureHost } from './scheme.js';
import { isConnectionRefused, networkError } from './network-error.js';
import { responseError } from './response-error.js';
import { type Credentials, TokenCache, basicAuthorization, fetchToken } from './token.js';
import { Transport, type HttpMethod, type HttpResponse, type RequestBody, type TransportOptions, discard } from './transport.js';

export type { Credentials };

export interface RegistryClientOptions extends TransportOptions {
  /** For this registry only; never sent anywhere else (token realms get them as Basic, nothing follows redirects). */
  credentials?: Credentials;
  /** Share one transport (its connection pools) between clients; the client then does not close it. */
  transport?: Transport;
  /**
   * Talk to this `scheme://host[:port][/path]` instead of the registry's own host (a docker.io mirror): only this
   * scheme is tried, and requests go below its path.
   */
  baseUrl?: string;
}

export interface PingResult {
  /** `https://host` or, for loopback and insecure registries that do not speak TLS, `http://host`. */
  baseUrl: string;
  /** null when the registry answers /v2/ without auth. */
  challenge: Challenge | null;
}

export interface RegistryRequest {
  method: HttpMethod;
  /** A path below the base URL (`/v2/…`) or an absolute URL (a `Link` to the next page, an upload's `Location`). */
  path: string;
  headers?: Record<string, string>;
  /** For PUT, PATCH and POST: opened afresh for each try (transport.ts). */
  body?: RequestBody;
  /** Scopes the token needs beyond the repository's own (`repository:<source>:pull` for a cross-repository mount). */
  extraScopes?: readonly string[];
  signal?: AbortSignal;
}

/** The scope a token needs for `repository` (`pull`, or `pull,push` for a push). */
export function repositoryScope(repository: string, actions: readonly string[] = ['pull']): string {
  return `repository:${repository}:${actions.join(',')}`;
}

/**
 * Runs `work`, which may wait on a ping or token fetch another caller started with its own signal: if that caller
 * cancels, this one, not cancelled, starts its own (the failed one is no longer shared) instead of failing too.
 */
async function despiteOthersCancelling<T>(work: () => Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const cancelled = error instanceof BerthError && error.code === 'CANCELLED';
      if (!cancelled || signal?.aborted || attempt >= 3) throw error;
    }
  }
}

/** A Basic registry takes a user and password; an identity token means nothing to it. */
function basicCredentials(credentials: Credentials, registry: string): Credentials {
  if (credentials.identityToken && credentials.password === '') {
    throw new BerthError('UNAUTHORIZED', `registry ${registry} asks for a user name and password, but its saved login is an identity token; log in with a password: \`berth login ${registry}\``);
  }
  return credentials;
}

export class RegistryClient {
  /** The registry as references name it (`docker.io`, `127.0.0.1:5000`): what messages say. */
  readonly registry: string;
  /** host[:port] actually contacted (`registry-1.docker.io` for docker.io). */
  readonly endpoint: string;
  readonly transport: Transport;
  private readonly credentials: Credentials | undefined;
  private readonly ownsTransport: boolean;
  private readonly tokens = new TokenCache();
  private pinged: Promise<PingResult> | null = null;
  private readonly baseUrl: string | undefined;

  constructor(registry: string, options: RegistryClientOptions = {}) {
    this.registry = registry;
    this.baseUrl = options.baseUrl?.replace(/\/+$/, '');
    this.endpoint = this.baseUrl ? new URL(this.baseUrl).host : registryEndpoint(registry);
    this.credentials = options.credentials;
    this.ownsTransport = !options.transport;
    this.transport = options.transport ?? new Transport(options);
  }

  /**
   * GET /v2/ once (later calls share the answer; a failed ping is tried again next time). https first; a loopback
   * or insecure registry that does not speak TLS is tried over plain http, as go-containerregistry's ping does.
   */
  ping(signal?: AbortSignal): Promise<PingResult> {
    if (!this.pinged) {
      this.pinged = this.pingOnce(signal);
      this.pinged.catch(() => {
        this.pinged = null;
      });
    }
    return this.pinged;
  }

  private async pingOnce(signal?: AbortSignal): Promise<PingResult> {
    const schemes = isInsecureHost(this.endpoint, this.transport.insecureRegistries) ? ['https', 'http'] : ['https'];
    const bases = this.baseUrl ? [this.baseUrl] : schemes.map((scheme) => `${scheme}://${this.endpoint}`);
    let failure: unknown;
    for (const baseUrl of bases) {
      let response: HttpResponse;
      try {
        response = await this.transport.send({ method: 'GET', url: `${baseUrl}/v2/`, signal });
      } catch (error) {
        if (error instanceof BerthError && error.code === 'CANCELLED') throw error;
        failure ??= error;
        // Refused over https means nothing listens on that port: plain http there would only wait for the same.
        if (isConnectionRefused(error)) break;
        continue;
      }
      if (response.status === 200) {
        await discard(response.body);
        return { baseUrl, challenge: null };
      }
      if (response.status === 401) {
        await discard(response.body);
        const challenge = pickChallenge(parseChallenges(response.headers['www-authenticate']));
        if (!challenge) throw new BerthError('UNAUTHORIZED', `registry ${this.registry} requires an authentication scheme Berth does not support`);
        return { baseUrl, challenge };
      }
      throw await responseError(response, { registry: this.registry, what: 'ping' });
    }
    throw networkError(failure, this.endpoint);
  }

  /** The Authorization value for `scopes` under `challenge`, or undefined when none is to be sent. */
  private async authorization(challenge: Challenge | null, scopes: readonly string[], signal?: AbortSignal): Promise<string | undefined> {
    if (!challenge) return undefined;
    if (challenge.scheme === 'basic') {
      if (!this.credentials) {
        throw new BerthError('UNAUTHORIZED', `unauthorized: authentication required for ${this.registry}; log in with \`berth login ${this.registry}\``);
      }
      return basicAuthorization(basicCredentials(this.credentials, this.registry));
    }
    const token = await despiteOthersCancelling(
      () => this.tokens.get(scopes, () => fetchToken(this.transport, challenge, scopes, this.credentials, this.registry, signal)),
      signal,
    );
    return `Bearer ${token.token}`;
  }

  /**
   * Sends a request for `repository` with its credentials. A 401 whose Bearer challenge asks for another scope
   * (or whose token is no longer taken) gets one new token and one more try; the answer is returned whatever its
   * status, for the caller to read or to turn into its own error.
   */
  async request(repository: string, req: RegistryRequest, actions: readonly string[] = ['pull']): Promise<HttpResponse> {
    const { baseUrl, challenge } = await despiteOthersCancelling(() => this.ping(req.signal), req.signal);
    const url = /^https?:\/\//.test(req.path) ? req.path : `${baseUrl}${req.path}`;
    // An absolute URL (a Link header's next page) may name another host: credentials stay with the registry.
    const ownHost = new URL(url).host === new URL(baseUrl).host;
    let scopes = [repositoryScope(repository, actions), ...(req.extraScopes ?? [])];
    for (let attempt = 1; ; attempt++) {
      const authorization = ownHost ? await this.authorization(challenge, scopes, req.signal) : undefined;
      const headers = { ...req.headers, ...(authorization ? { authorization } : {}) };
      const response = await this.transport.send({ method: req.method, url, headers, signal: req.signal, ...(req.body ? { body: req.body } : {}) });
      if (response.status !== 401 || attempt > 1 || !ownHost || challenge?.scheme !== 'bearer') return response;
      const fresh = parseChallenges(response.headers['www-authenticate']).find((c) => c.scheme === 'bearer');
      if (!fresh) return response;
      await discard(response.body);
      this.tokens.drop(scopes);
      // What the challenge asks for and we lacked goes first, as go-containerregistry does: some registries read
      // only the first scope, and that one is what this very request needs.
      const asked = (fresh.params.scope ?? '').split(' ').filter((s) => s !== '' && !scopes.includes(s));
      scopes = [...new Set([...asked, ...scopes])];
    }
  }

  /**
   * `docker login`'s check of the credentials, as the daemon's registry.loginV2 makes it: /v2/ pinged; Basic: /v2/
   * again with them; Bearer: a token for no scope from the realm with them, then /v2/ with that token. Resolves
   * with the scheme checked (null for a registry that needs no login); a refusal is UNAUTHORIZED in docker's
   * words, which never carry the password.
   */
  async checkLogin(signal?: AbortSignal): Promise<'basic' | 'bearer' | null> {
    const { baseUrl, challenge } = await this.ping(signal);
    if (!challenge) return null;
    const url = `${baseUrl}/v2/`;
    if (!this.credentials) throw new BerthError('UNAUTHORIZED', `${this.registry} requires a login: no credentials given`);
    let authorization: string;
    if (challenge.scheme === 'basic') {
      authorization = basicAuthorization(basicCredentials(this.credentials, this.registry));
    } else {
      try {
        authorization = `Bearer ${(await fetchToken(this.transport, challenge, [], this.credentials, this.registry, signal)).token}`;
      } catch (error) {
        if (error instanceof BerthError && error.code === 'UNAUTHORIZED') {
          throw new BerthError('UNAUTHORIZED', `Get "${url}": unauthorized: incorrect username or password`, { cause: error });
        }
        throw error;
      }
    }
    const response = await this.transport.send({ method: 'GET', url, headers: { authorization }, signal });
    await discard(response.body);
    if (response.status === 200) return challenge.scheme === 'basic' ? 'basic' : 'bearer';
    const words = response.status === 401 ? '401 Unauthorized' : response.status === 403 ? '403 Forbidden' : String(response.status);
    throw new BerthError(response.status === 401 || response.status === 403 ? 'UNAUTHORIZED' : 'NETWORK', `login attempt to ${url} failed with status: ${words}`);
  }

  /** Whether credentials were given (a 401 then means they were refused). */
  get hasCredentials(): boolean {
    return this.credentials !== undefined;
  }

  async close(): Promise<void> {
    if (this.ownsTransport) await this.transport.close();
  }
}
