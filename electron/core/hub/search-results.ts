// The index's search answer, taken as hostile input: every field's type checked, numbers bounded, text capped, and
// entries whose name is no repository name dropped (a "name" with a newline or a path could pose as other rows, and
// no pull could use it). Mirrors the shape moby decodes into registry.SearchResults (num_pages, num_results,
// page_size, page, query, results[name, description, star_count, pull_count, is_official, is_automated, is_trusted]).
import type { HubSearchPage, HubSearchResult } from '../../../shared/api.js';
import { BerthError } from '../../../shared/errors.js';

/** Docker Hub's short descriptions are at most 100 characters; far more than that is cut, not trusted. */
export const MAX_DESCRIPTION = 1024;
const MAX_RESULTS = 100;
/** `[namespace/]name`: docker's path components, lower case, as Hub repositories are named. */
const REPOSITORY_NAME = /^(?:[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;

function count(value: unknown): number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : 0;
}

function text(value: unknown, max: number): string {
  return typeof value === 'string' ? value.slice(0, max) : '';
}

export function searchResult(value: unknown): HubSearchResult | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const entry = value as Record<string, unknown>;
  const name = entry.name;
  if (typeof name !== 'string' || name.length > 255 || !REPOSITORY_NAME.test(name)) return null;
  return {
    name,
    description: text(entry.description, MAX_DESCRIPTION),
    starCount: count(entry.star_count),
    pullCount: count(entry.pull_count),
    isOfficial: entry.is_official === true,
    // is_trusted is the older spelling of is_automated; moby reads only is_automated.
    isAutomated: entry.is_automated === true,
  };
}

/** The page the index sent, checked; `requested` fills in what it leaves out. */
export function searchPage(body: unknown, requested: { query: string; page: number; pageSize: number }): HubSearchPage {
  if (!body || typeof body !== 'object' || Array.isArray(body) || !Array.isArray((body as { results?: unknown }).results)) {
    throw new BerthError('NETWORK', 'the search answer is not Docker Hub\'s: it has no list of results');
  }
  const doc = body as Record<string, unknown>;
  const results = (doc.results as unknown[]).slice(0, MAX_RESULTS).flatMap((r) => searchResult(r) ?? []);
  const numResults = Math.max(count(doc.num_results), results.length);
  const pageSize = count(doc.page_size) || requested.pageSize;
  return {
    query: requested.query,
    numResults,
    numPages: count(doc.num_pages) || Math.ceil(numResults / pageSize) || 1,
    page: count(doc.page) || requested.page,
    pageSize,
    results,
  };
}
