// Bearer tokens from a registry's token service, cached per scope set. Mirrors go-containerregistry's
// transport.bearerTransport (refresh: GET realm?service=…&scope=…, Basic credentials sent to the realm only,
// `token` or `access_token`; with an identity token, refreshOauth's POST of a refresh_token grant instead) and distribution's token handler for expiry (`expires_in` under 60 s counts as 60,
// measured from `issued_at` when given).
import { BerthError } from '../../../shared/errors.js';
import type { Challenge } from './challenge.js';
import type { HttpResponse, Transport } from './transport.js';
import { readJson } from './body.js';
import { responseError } from './response-error.js';

export interface Credentials {
  username: string;
  password: string;
  /**
   * A refresh token from the registry's token service (docker's `identitytoken`): used instead of the password, with
   * the OAuth refresh_token grant. Only a Bearer registry takes it.
   */
  identityToken?: string;
}

/** The client_id Berth names itself by in an OAuth token request (docker sends `docker`). */
const OAUTH_CLIENT_ID = 'berth';

export interface Token {
  /** The value for `Authorization: Bearer …`. */
  token: string;
  /** Epoch milliseconds after which it is not used again. */
  expiresAt: number;
}

export const MIN_TOKEN_LIFETIME_S = 60;
/** A token is renewed this long before it expires, so it does not lapse between fetch and use. */
const EXPIRY_MARGIN_MS = 5_000;
const MAX_TOKEN_RESPONSE = 1 << 20;

export function basicAuthorization(credentials: Credentials): string {
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64')}`;
}

/** When a token answer stops being good: issued_at (if readable and not ahead of us) + max(expires_in, 60) s. */
export function tokenExpiry(answer: { expires_in?: unknown; issued_at?: unknown }, now = Date.now()): number {
  const seconds = typeof answer.expires_in === 'number' && answer.expires_in > MIN_TOKEN_LIFETIME_S ? answer.expires_in : MIN_TOKEN_LIFETIME_S;
  const issued = typeof answer.issued_at === 'string' ? Date.parse(answer.issued_at) : Number.NaN;
  const start = Number.isNaN(issued) || issued > now ? now : issued;
  const expiry = start + seconds * 1000;
  // A token service whose clock is far behind ours would make every token look stale: trust its lifetime instead.
  return expiry <= now ? now + seconds * 1000 : expiry;
}

/** Asks the realm of a Bearer challenge for a token granting `scopes` (anonymously without credentials). */
export async function fetchToken(
  transport: Transport,
  challenge: Challenge,
  scopes: readonly string[],
  credentials: Credentials | undefined,
  registryHost: string,
  signal?: AbortSignal,
): Promise<Token> {
  const realm = challenge.params.realm;
  if (!realm) throw new BerthError('UNAUTHORIZED', `registry ${registryHost} asked for a token but named no token service (realm)`);
  let url: URL;
  try {
    url = new URL(realm);
  } catch {
    throw new BerthError('UNAUTHORIZED', `registry ${registryHost} named a token service that is not a URL`);
  }
  if (credentials?.identityToken) return refreshToken(transport, challenge, url, scopes, credentials.identityToken, registryHost, signal);
  if (challenge.params.service) url.searchParams.set('service', challenge.params.service);
  for (const scope of scopes) url.searchParams.append('scope', scope);
  if (credentials) url.searchParams.set('account', credentials.username);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (credentials) headers.authorization = basicAuthorization(credentials);
  const response = await transport.send({ method: 'GET', url: url.href, headers, signal });
  if (response.status !== 200) {
    throw await responseError(response, { registry: registryHost, what: 'token', credentials: !!credentials });
  }
  return readToken(response, url, registryHost);
}

/** POST realm grant_type=refresh_token&refresh_token=…&service=…&scope=… (scopes space-separated), as OAuth2 has it. */
async function refreshToken(
  transport: Transport,
  challenge: Challenge,
  realm: URL,
  scopes: readonly string[],
  identityToken: string,
  registryHost: string,
  signal?: AbortSignal,
): Promise<Token> {
  const form: Record<string, string> = { grant_type: 'refresh_token', refresh_token: identityToken, client_id: OAUTH_CLIENT_ID };
  if (challenge.params.service) form.service = challenge.params.service;
  if (scopes.length > 0) form.scope = scopes.join(' ');
  const response = await transport.postForm(realm.href, form, signal);
  if (response.status !== 200) {
    throw await responseError(response, { registry: registryHost, what: 'token', credentials: true });
  }
  return readToken(response, realm, registryHost);
}

async function readToken(response: HttpResponse, url: URL, registryHost: string): Promise<Token> {
  const answer = await readJson(response.body, MAX_TOKEN_RESPONSE, `the token from ${url.host}`, url.host);
  const value = answer && typeof answer === 'object' ? (answer as Record<string, unknown>) : {};
  const token = typeof value.token === 'string' && value.token ? value.token : value.access_token;
  if (typeof token !== 'string' || token === '') {
    throw new BerthError('UNAUTHORIZED', `the token service of ${registryHost} answered without a token`);
  }
  return { token, expiresAt: tokenExpiry(value) };
}

/**
 * Tokens per scope set. Concurrent requests for the same scopes share one fetch (several layers start at once);
 * a failed fetch is not kept.
 */
export class TokenCache {
  private readonly entries = new Map<string, Promise<Token>>();

  static key(scopes: readonly string[]): string {
    return [...new Set(scopes)].sort().join(' ');
  }

  async get(scopes: readonly string[], fetch: () => Promise<Token>, now = () => Date.now()): Promise<Token> {
    const key = TokenCache.key(scopes);
    const cached = this.entries.get(key);
    if (cached) {
      const token = await cached.catch(() => null);
      if (token && token.expiresAt - EXPIRY_MARGIN_MS > now()) return token;
      if (this.entries.get(key) === cached) this.entries.delete(key);
      else return this.get(scopes, fetch, now);
    }
    const pending = fetch();
    this.entries.set(key, pending);
    pending.catch(() => {
      if (this.entries.get(key) === pending) this.entries.delete(key);
    });
    return pending;
  }

  /** Forgets the token for `scopes` (the registry refused it). */
  drop(scopes: readonly string[]): void {
    this.entries.delete(TokenCache.key(scopes));
  }
}
