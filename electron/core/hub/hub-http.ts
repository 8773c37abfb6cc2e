// One GET of Docker Hub JSON (the index's /v1/search, the Hub's v2 tags) over the registry client's Transport, so
// Hub requests get the same timeouts, retries, loopback/insecure scheme policy and network-error words as pulls.
// Mirrors what moby's registry.Session.SearchRepositories does with an answer (anything but 200 is an error, the
// body is JSON) with friendlier errors than its "Unexpected status code 429": the Hub's rate-limit figures and
// when to try again, an unknown host as "offline?".
import { BerthError } from '../../../shared/errors.js';
import { readJson, readSnippet } from '../registry/body.js';
import { rateLimitSummary } from '../registry/response-error.js';
import { parseRetryAfter } from '../registry/retry.js';
import { Transport, header, type HttpResponse } from '../registry/transport.js';

/** A search or tags page is small; anything bigger is not the Hub (100 results of bounded fields fit well in 4 MiB). */
export const HUB_BODY_LIMIT = 4 * 1024 * 1024;

/**
 * Interactive requests: a person is waiting, so fewer and shorter retries than a pull's (a 429 with a long
 * Retry-After is reported at once, never waited out).
 */
export function hubTransport(insecureRegistries: readonly string[]): Transport {
  return new Transport({ insecureRegistries, timeoutMs: 15_000, retry: { attempts: 2, baseDelayMs: 200, maxDelayMs: 2_000 } });
}

/** `{base}{path}` for a settings URL (`https://index.docker.io/` or with a path prefix); not http(s) is refused. */
export function endpointUrl(value: string, key: 'hubUrl' | 'indexUrl', path: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new BerthError('INVALID_ARGUMENT', `settings: "${key}" is not a URL: ${JSON.stringify(value)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new BerthError('INVALID_ARGUMENT', `settings: "${key}" must be an http(s) URL, got ${url.protocol}`);
  url.pathname = url.pathname.replace(/\/+$/, '') + path;
  url.search = '';
  url.hash = '';
  return url;
}

/** "in 42 seconds", "in 3 minutes", "in 2 hours" from Retry-After; null when absent. */
function retryWords(response: Pick<HttpResponse, 'headers'>): string | null {
  const ms = parseRetryAfter(header(response, 'retry-after'));
  if (ms === null) return null;
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 120) return `in ${seconds} seconds`;
  if (seconds < 7200) return `in ${Math.ceil(seconds / 60)} minutes`;
  return `in ${Math.ceil(seconds / 3600)} hours`;
}

/** The Hub API's own figures (`x-ratelimit-limit: 180`, `x-ratelimit-remaining: 0`) when the registry-style ones are absent. */
function hubRateFigures(response: Pick<HttpResponse, 'headers'>): string | null {
  const limit = header(response, 'x-ratelimit-limit');
  const remaining = header(response, 'x-ratelimit-remaining');
  const parts: string[] = [];
  if (limit && /^\d+$/.test(limit.trim())) parts.push(`limit ${limit.trim()}`);
  if (remaining && /^\d+$/.test(remaining.trim())) parts.push(`${remaining.trim()} remaining`);
  return parts.length ? parts.join(', ') : null;
}

/** The error for a non-200 answer from `what` (`Docker Hub search`, `tags of library/nginx`). */
export async function hubResponseError(response: HttpResponse, host: string, what: string): Promise<BerthError> {
  const snippet = (await readSnippet(response.body, 4096)).trim();
  if (response.status === 429) {
    // The registry-style figures say `per 1 hours`; a person reads `per hour`.
    const figures = (rateLimitSummary(response) ?? hubRateFigures(response))?.replace(/ per 1 hours\b/, ' per hour');
    const when = retryWords(response);
    return new BerthError(
      'RATE_LIMITED',
      `toomanyrequests: ${host} is limiting requests${figures ? ` (${figures})` : ''}; try again ${when ?? 'later'}`,
    );
  }
  if (response.status === 404) return new BerthError('NOT_FOUND', `${what}: not found on ${host}`);
  if (response.status === 401 || response.status === 403) return new BerthError('UNAUTHORIZED', `${what}: ${host} answered ${response.status}: access denied`);
  // The Hub's error bodies are `{"message": "…"}` or `{"detail": "…"}`; a short one is worth showing.
  let detail = '';
  try {
    const doc = JSON.parse(snippet) as Record<string, unknown>;
    const text = typeof doc.message === 'string' ? doc.message : typeof doc.detail === 'string' ? doc.detail : '';
    detail = text.slice(0, 200);
  } catch {
    // not JSON: the status says enough
  }
  return new BerthError('NETWORK', `${what}: unexpected status code ${response.status} from ${host}${detail ? `: ${detail}` : ''}`);
}

/** GETs `url` as JSON (200 only), with the caller's cancel; errors name `what` and the host. */
export async function getHubJson(transport: Transport, url: URL, what: string, signal?: AbortSignal): Promise<unknown> {
  let response: HttpResponse;
  try {
    response = await transport.send({ method: 'GET', url: url.href, headers: { accept: 'application/json' }, ...(signal ? { signal } : {}) });
  } catch (error) {
    throw offline(error, url.host);
  }
  if (response.status !== 200) throw await hubResponseError(response, url.host, what);
  try {
    return await readJson(response.body, HUB_BODY_LIMIT, what, url.host);
  } catch (error) {
    if (error instanceof BerthError && error.code !== 'INVALID_ARGUMENT') throw error;
    throw new BerthError('NETWORK', `${what}: ${url.host} answered something that is not Docker Hub's JSON (${(error as Error).message})`, { cause: error });
  }
}

/** The transport's "cannot reach registry X" as the Hub's words: the likely cause for a person is being offline. */
function offline(error: unknown, host: string): unknown {
  if (!(error instanceof BerthError) || error.code !== 'NETWORK') return error;
  const reason = error.message.replace(/^cannot reach registry \S+: /, '').replace(/^request to registry \S+ failed: /, '');
  return new BerthError('NETWORK', `cannot reach ${host}: ${reason} — are you offline?`, { cause: error });
}
