// `docker search --filter`: the three filters dockerd accepts and how it applies them after the index answers.
// Mirrors moby 20.10's daemon/search.go (SearchRegistryForImages: filters.Validate against is-automated, is-official
// and stars; UniqueExactMatch for the booleans; strconv.Atoi for stars, the largest value winning) and its words:
// "Invalid filter 'x'" for an unknown name, "Invalid filter 'stars=abc'" and "Invalid filter 'is-official=[yes]'"
// for values, and the docker CLI's "bad format of filter (expected name=value)".
import type { HubSearchResult } from '../../../shared/api.js';
import { BerthError } from '../../../shared/errors.js';

const ACCEPTED = new Set(['is-automated', 'is-official', 'stars']);

export interface SearchFilters {
  isOfficial?: boolean;
  isAutomated?: boolean;
  /** Results need at least this many stars. */
  stars?: number;
}

/** Parses `name=value` filters; throws INVALID_ARGUMENT in docker's words. */
export function parseSearchFilters(filters: readonly string[]): SearchFilters {
  const values = new Map<string, string[]>();
  for (const filter of filters) {
    const eq = filter.indexOf('=');
    if (eq < 0) throw new BerthError('INVALID_ARGUMENT', `bad format of filter (expected name=value): ${filter}`);
    // docker/cli lower-cases the name and trims both sides (opts.ParseFlagFilter… via filters.ParseFlag).
    const name = filter.slice(0, eq).trim().toLowerCase();
    const value = filter.slice(eq + 1).trim();
    values.set(name, [...(values.get(name) ?? []), value]);
  }
  for (const name of values.keys()) {
    if (!ACCEPTED.has(name)) throw new BerthError('INVALID_ARGUMENT', `Invalid filter '${name}'`);
  }
  const out: SearchFilters = {};
  for (const name of ['is-automated', 'is-official'] as const) {
    const given = values.get(name);
    if (!given) continue;
    // UniqueExactMatch: exactly one distinct value, and it is the one asked about.
    const distinct = [...new Set(given)];
    const only = distinct.length === 1 ? distinct[0] : undefined;
    if (only !== 'true' && only !== 'false') throw new BerthError('INVALID_ARGUMENT', `Invalid filter '${name}=[${distinct.join(' ')}]'`);
    out[name === 'is-official' ? 'isOfficial' : 'isAutomated'] = only === 'true';
  }
  const stars = values.get('stars');
  if (stars) {
    let most = 0;
    for (const text of stars) {
      // Go's Atoi: an optional sign and decimal digits, nothing else.
      if (!/^[+-]?\d+$/.test(text) || !Number.isSafeInteger(Number(text))) throw new BerthError('INVALID_ARGUMENT', `Invalid filter 'stars=${text}'`);
      most = Math.max(most, Number(text));
    }
    out.stars = most;
  }
  return out;
}

/** The results the filters keep, in the index's order (dockerd filters after fetching, so fewer than the limit may stay). */
export function applySearchFilters(results: readonly HubSearchResult[], filters: SearchFilters): HubSearchResult[] {
  return results.filter(
    (r) =>
      (filters.isAutomated === undefined || r.isAutomated === filters.isAutomated) &&
      (filters.isOfficial === undefined || r.isOfficial === filters.isOfficial) &&
      (filters.stars === undefined || r.starCount >= filters.stars),
  );
}
