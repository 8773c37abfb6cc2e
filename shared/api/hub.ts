// The contract's Docker Hub search and tag browsing.
// Plain data (structured clone and JSON); re-exported by shared/api.ts, which holds the API itself.

/** `searchHub`'s options: docker search's `--limit` (1–100, default 25) and `--filter`s, plus the index's page. */
export interface HubSearchOptions {
  limit?: number;
  /** docker's `name=value` filters: `stars=N`, `is-official=true|false`, `is-automated=true|false`. */
  filters?: string[];
  /** The index's page (1-based) of `limit` results each; filters apply within the page, as the daemon's do. */
  page?: number;
}

/** One repository found on Docker Hub's index, checked (a hostile or broken index cannot smuggle other types in). */
export interface HubSearchResult {
  /** `nginx` for official images, `namespace/name` otherwise. */
  name: string;
  description: string;
  starCount: number;
  pullCount: number;
  isOfficial: boolean;
  isAutomated: boolean;
}

export interface HubSearchPage {
  /** The term as sent (a `library/` prefix stripped, as docker strips it). */
  query: string;
  /** What the index says it found in all, before the filters. */
  numResults: number;
  numPages: number;
  page: number;
  pageSize: number;
  results: HubSearchResult[];
}

export interface HubTagsOptions {
  /** 1-based. */
  page?: number;
  /** 1–100 (Docker Hub's maximum), default 25. */
  pageSize?: number;
}

/** One platform's image of a Hub tag. */
export interface HubTagImage {
  architecture: string;
  os: string;
  variant: string;
  digest: string;
  /** Compressed bytes (what a pull downloads). */
  size: number;
  lastPushed: string | null;
}

export interface HubTag {
  name: string;
  /** The tag's digest (an index's for multi-platform tags); empty when the Hub gives none. */
  digest: string;
  /** Compressed bytes of the largest platform, as the Hub reports it. */
  fullSize: number;
  lastUpdated: string | null;
  images: HubTagImage[];
}

export interface HubTagsPage {
  /** `library/nginx` for official images. */
  repository: string;
  /** Tags in all, across pages. */
  count: number;
  page: number;
  pageSize: number;
  hasNext: boolean;
  tags: HubTag[];
}
