// The tags of a repository, every page. Mirrors go-containerregistry's remote.List / remote.ListWithContext:
// GET /v2/<name>/tags/list?n=<page size>, then the `Link: <…>; rel="next"` header (resolved against the request
// URL) until there is none.
import { BerthError } from '../../../shared/errors.js';
import { readJson } from './body.js';
import type { RegistryClient } from './client.js';
import { responseError } from './response-error.js';
import { header } from './transport.js';

export interface TagsOptions {
  /** Tags asked for per page (`n`); the registry may send fewer. Default 1000. */
  pageSize?: number;
  signal?: AbortSignal;
}

const MAX_TAGS_PAGE_BYTES = 8 * 1024 * 1024;
/** A registry that links page to page without end is cut off here. */
const MAX_PAGES = 10_000;

/** The `rel="next"` target of a Link header (RFC 8288), or null. */
export function nextLink(value: string | undefined): string | null {
  if (!value) return null;
  for (const part of value.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>\s*((?:;[^;]*)*)$/.exec(part);
    if (!match) continue;
    const params = match[2]!.split(';').map((p) => p.trim());
    if (params.some((p) => /^rel\s*=\s*"?([^"]*)"?$/i.exec(p)?.[1]?.split(/\s+/).includes('next'))) return match[1]!;
  }
  return null;
}

/** Every tag of `repository`, in the registry's order. NOT_FOUND when the repository does not exist. */
export async function listTags(client: RegistryClient, repository: string, options: TagsOptions = {}): Promise<string[]> {
  const pageSize = options.pageSize ?? 1000;
  const { baseUrl } = await client.ping(options.signal);
  let url: URL | null = new URL(`${baseUrl}/v2/${repository}/tags/list?n=${pageSize}`);
  const seen = new Set<string>();
  const tags: string[] = [];
  while (url) {
    if (seen.has(url.href) || seen.size >= MAX_PAGES) {
      throw new BerthError('NETWORK', `registry ${client.registry} keeps linking to more tag pages of ${repository}: stopped after ${seen.size}`);
    }
    seen.add(url.href);
    const response = await client.request(repository, { method: 'GET', path: url.href, headers: { accept: 'application/json' }, signal: options.signal });
    if (response.status !== 200) {
      throw await responseError(response, { registry: client.registry, repository, what: 'tags', credentials: client.hasCredentials });
    }
    const link = nextLink(header(response, 'link'));
    const page = await readJson(response.body, MAX_TAGS_PAGE_BYTES, `the tag list of ${client.registry}/${repository}`, client.endpoint);
    const list = page && typeof page === 'object' ? (page as { tags?: unknown }).tags : undefined;
    // distribution sends `"tags": null` for a repository whose tags were all deleted.
    if (list !== null && list !== undefined && !(Array.isArray(list) && list.every((t) => typeof t === 'string'))) {
      throw new BerthError('INVALID_ARGUMENT', `registry ${client.registry} sent a tag list for ${repository} that Berth cannot read`);
    }
    tags.push(...((list as string[] | null | undefined) ?? []));
    url = link ? new URL(link, url) : null;
  }
  return tags;
}
