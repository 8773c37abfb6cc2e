// `docker search TERM`: GET {indexUrl}/v1/search?q=TERM&n=LIMIT, then dockerd's filters. Mirrors moby 20.10's
// registry.Service.Search (a scheme in the term refused, `library/` stripped for the official index, the term split
// at its first component when that names an index) and Session.SearchRepositories (limit 1–100: "Limit %d is
// outside the range of [1, 100]"), and daemon/search.go's filtering (search-filters.ts). The Hub's `page` parameter
// is added only past the first page, so page 1 is docker's request exactly.
import type { HubSearchOptions, HubSearchPage } from '../../../shared/api.js';
import { BerthError } from '../../../shared/errors.js';
import type { OperationContext } from '../operations/context.js';
import { endpointUrl, getHubJson, hubTransport } from './hub-http.js';
import { applySearchFilters, parseSearchFilters } from './search-filters.js';
import { searchPage } from './search-results.js';

export const DEFAULT_SEARCH_LIMIT = 25;
const HUB_INDEX_NAMES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/** The term as the index is asked for it; throws for a term docker would send to another index. */
export function searchTerm(term: string): string {
  if (/^https?:\/\//i.test(term)) throw new BerthError('INVALID_ARGUMENT', `invalid repository name: repository name (${term}) should not have a scheme`);
  let remote = term;
  const slash = term.indexOf('/');
  if (slash >= 0) {
    const first = term.slice(0, slash);
    // docker's splitReposSearchTerm: a first component with a dot or colon (or localhost) names an index.
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      if (!HUB_INDEX_NAMES.has(first.toLowerCase())) {
        throw new BerthError('INVALID_ARGUMENT', `berth search looks only on Docker Hub's index; "${first}" names another registry (list its tags with \`berth tags\`)`);
      }
      remote = term.slice(slash + 1);
    }
  }
  // If pull "library/foo", it's stored locally under "foo" (moby's own comment on the same strip).
  return remote.startsWith('library/') ? remote.slice('library/'.length) : remote;
}

export function checkLimit(limit: number): void {
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > 100) throw new BerthError('INVALID_ARGUMENT', `Limit ${limit} is outside the range of [1, 100]`);
}

export async function searchHub(ctx: Pick<OperationContext, 'settings'>, term: string, options: HubSearchOptions = {}, signal?: AbortSignal): Promise<HubSearchPage> {
  const limit = options.limit ?? DEFAULT_SEARCH_LIMIT;
  checkLimit(limit);
  const page = options.page ?? 1;
  if (!Number.isSafeInteger(page) || page < 1) throw new BerthError('INVALID_ARGUMENT', `page ${page} must be 1 or more`);
  // Filters are checked before any request, as dockerd checks them before asking the index.
  const filters = parseSearchFilters(options.filters ?? []);
  const query = searchTerm(term);
  const settings = await ctx.settings();
  const url = endpointUrl(settings.indexUrl, 'indexUrl', '/v1/search');
  url.searchParams.set('q', query);
  url.searchParams.set('n', String(limit));
  if (page > 1) url.searchParams.set('page', String(page));
  const transport = hubTransport(settings.insecureRegistries);
  try {
    const body = await getHubJson(transport, url, `search for "${query}"`, signal);
    const found = searchPage(body, { query, page, pageSize: limit });
    return { ...found, results: applySearchFilters(found.results.slice(0, limit), filters) };
  } finally {
    await transport.close();
  }
}
