// A loopback stand-in for Docker Hub, answering in exactly its shapes so tests never reach the internet: the index's
// `GET /v1/search?q=&n=&page=` ({num_pages, num_results, page_size, page, query, results[name, description,
// pull_count, star_count, is_trusted, is_automated, is_official]}) and the Hub's `GET /v2/namespaces/{ns}/
// repositories/{repo}/tags?page=&page_size=` ({count, next, previous, results[…, images[…]]}), with paging,
// Docker Hub's 404 body, and scripted failures (a 429 with `ratelimit-limit`/`ratelimit-remaining`/`retry-after`,
// a 500, a slow answer). One server plays both hosts: point `hubUrl` and `indexUrl` at its url.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HubTagFixture {
  name: string;
  /** ISO time; also each image's last_pushed. */
  lastUpdated: string;
  /** `os/arch[/variant]` → compressed size and digest. */
  images: Array<{ platform: string; size: number; digest: string }>;
  /** The tag's own digest (an index's for multi-platform tags). */
  digest: string;
}

export interface HubRepositoryFixture {
  /** `nginx` for an official image, `namespace/name` otherwise (as the index names them). */
  name: string;
  description: string;
  stars: number;
  pulls: number;
  official?: boolean;
  automated?: boolean;
  tags?: HubTagFixture[];
}

export interface HubRequestRecord {
  method: string;
  /** Path and query as received. */
  url: string;
  /** When the answer was written (Date.now()), for tests that time what follows it. */
  answeredAt?: number;
}

export interface HubServer {
  /** http://127.0.0.1:PORT — both `hubUrl` and `indexUrl`. */
  url: string;
  repositories: HubRepositoryFixture[];
  readonly requests: HubRequestRecord[];
  /** The next `times` requests matching `path` (a prefix; default every path) get this answer instead. */
  fail(answer: { status: number; headers?: Record<string, string>; body?: unknown }, options?: { times?: number; path?: string }): void;
  /** Each answer waits this long first (per search term when `term` is given). */
  delay(ms: number, term?: string): void;
  stop(): Promise<void>;
}

interface Failure {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  times: number;
  path: string;
}

/** Docker Hub's 429 for an anonymous caller: its rate-limit headers and an hour's Retry-After. */
export const RATE_LIMITED = {
  status: 429,
  headers: { 'ratelimit-limit': '180;w=3600', 'ratelimit-remaining': '0;w=3600', 'retry-after': '3600', 'x-ratelimit-limit': '180', 'x-ratelimit-remaining': '0' },
  body: { message: 'Too Many Requests' },
};

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function whole(value: string | null, fallback: number): number {
  return value !== null && /^\d+$/.test(value) ? Number(value) : fallback;
}

function searchAnswer(repositories: readonly HubRepositoryFixture[], url: URL): unknown {
  const query = url.searchParams.get('q') ?? '';
  const n = whole(url.searchParams.get('n'), 25);
  const page = Math.max(1, whole(url.searchParams.get('page'), 1));
  const term = query.toLowerCase();
  // The index ranks by relevance; here: name matches first, then description matches, each by pulls.
  const matches = repositories
    .filter((r) => r.name.includes(term) || r.description.toLowerCase().includes(term))
    .sort((a, b) => Number(b.name.includes(term)) - Number(a.name.includes(term)) || b.pulls - a.pulls);
  return {
    num_pages: Math.max(1, Math.ceil(matches.length / n)),
    num_results: matches.length,
    page_size: n,
    page,
    query,
    results: matches.slice((page - 1) * n, page * n).map((r) => ({
      name: r.name,
      description: r.description,
      pull_count: r.pulls,
      star_count: r.stars,
      is_trusted: r.automated ?? false,
      is_automated: r.automated ?? false,
      is_official: r.official ?? false,
    })),
  };
}

function tagJson(tag: HubTagFixture): unknown {
  const images = tag.images.map((image) => {
    const [os, architecture, variant] = image.platform.split('/');
    return {
      architecture, features: '', variant: variant ?? null, digest: image.digest, os, os_features: '', os_version: null,
      size: image.size, status: 'active', last_pulled: tag.lastUpdated, last_pushed: tag.lastUpdated,
    };
  });
  return {
    creator: 7, id: 1, images, last_updated: tag.lastUpdated, last_updater: 7, last_updater_username: 'doijanky', name: tag.name,
    repository: 1, full_size: Math.max(0, ...tag.images.map((i) => i.size)), v2: true, tag_status: 'active',
    tag_last_pulled: tag.lastUpdated, tag_last_pushed: tag.lastUpdated, media_type: 'application/vnd.oci.image.index.v1+json',
    content_type: 'image', digest: tag.digest,
  };
}

function tagsAnswer(base: string, repository: HubRepositoryFixture, url: URL): unknown {
  const size = Math.min(100, Math.max(1, whole(url.searchParams.get('page_size'), 10)));
  const page = Math.max(1, whole(url.searchParams.get('page'), 1));
  // The Hub's default order: most recently pushed first.
  const tags = [...(repository.tags ?? [])].sort((a, b) => Date.parse(b.lastUpdated) - Date.parse(a.lastUpdated));
  const link = (p: number) => `${base}${url.pathname}?page=${p}&page_size=${size}`;
  return {
    count: tags.length,
    next: page * size < tags.length ? link(page + 1) : null,
    previous: page > 1 ? link(page - 1) : null,
    results: tags.slice((page - 1) * size, page * size).map(tagJson),
  };
}

export async function startHubServer(repositories: HubRepositoryFixture[] = []): Promise<HubServer> {
  const requests: HubRequestRecord[] = [];
  const failures: Failure[] = [];
  const delays = new Map<string, number>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const record: HubRequestRecord = { method: req.method ?? '', url: req.url ?? '' };
    requests.push(record);
    const url = new URL(req.url ?? '/', 'http://hub.invalid');
    const wait = delays.get(url.searchParams.get('q') ?? '') ?? delays.get('') ?? 0;
    setTimeout(() => {
      answer(url, res);
      record.answeredAt = Date.now();
    }, wait);
  });
  const answer = (url: URL, res: ServerResponse): void => {
    const failure = failures.find((f) => f.times > 0 && url.pathname.startsWith(f.path));
    if (failure) {
      failure.times--;
      send(res, failure.status, failure.body, failure.headers);
      return;
    }
    if (url.pathname === '/v1/_ping') return send(res, 200, 'true', { 'x-docker-registry-version': '0.6.0' });
    if (url.pathname === '/v1/search') return send(res, 200, searchAnswer(hub.repositories, url));
    const tags = /^\/v2\/(?:namespaces\/([^/]+)\/repositories|repositories\/([^/]+))\/([^/]+)\/tags\/?$/.exec(url.pathname);
    if (tags) {
      const namespace = decodeURIComponent(tags[1] ?? tags[2]!);
      const name = `${namespace === 'library' ? '' : `${namespace}/`}${decodeURIComponent(tags[3]!)}`;
      const repository = hub.repositories.find((r) => r.name === name);
      if (!repository) return send(res, 404, { message: 'httperror 404: object not found', errinfo: { namespace, repository: tags[3] } });
      return send(res, 200, tagsAnswer(hub.url, repository, url));
    }
    send(res, 404, { message: 'page not found' });
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const hub: HubServer = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    repositories,
    requests,
    fail(answer, options = {}) {
      failures.push({ status: answer.status, headers: answer.headers ?? {}, body: answer.body ?? { message: 'error' }, times: options.times ?? 1, path: options.path ?? '/' });
    },
    delay(ms, term = '') {
      delays.set(term, ms);
    },
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
  return hub;
}
