// `berth search TERM`: docker search as the docker 20.10 CLI prints it — columns NAME DESCRIPTION STARS OFFICIAL
// AUTOMATED (docker 25+ dropped AUTOMATED from the default table; `--format` still reaches .IsAutomated here), rows
// sorted by stars, most first (20.10's runSearch; newer CLIs keep the index's order), descriptions with \n and \r
// as spaces cut to 45 columns with `…` unless --no-trunc, `[OK]` for true. Mirrors docker/cli
// cli/command/registry/search.go and formatter_search.go; the filters are dockerd's (core/hub/search-filters.ts),
// docker's older -s/--stars and --automated (deprecated in 1.12, gone from the 20.10 CLI) are accepted and applied
// here, after them, as the 19.03 CLI's SearchWrite applied them.
import type { HubSearchResult } from '../../../shared/api.js';
import { flagBool, flagList, flagString, UsageError } from '../args.js';
import type { Command } from '../command.js';
import { FORMAT_HELP, renderRows } from '../list-format.js';
import { ellipsis } from './history.js';

const DEFAULT_TABLE = 'table {{.Name}}\t{{.Description}}\t{{.StarCount}}\t{{.IsOfficial}}\t{{.IsAutomated}}';
const MAX_DESCRIPTION_WIDTH = 45;

export const SEARCH_HEADERS: Record<string, string> = {
  Name: 'NAME',
  Description: 'DESCRIPTION',
  StarCount: 'STARS',
  IsOfficial: 'OFFICIAL',
  IsAutomated: 'AUTOMATED',
};

/** The fields `--format` sees (docker's searchContext), in sorted key order so `{{json .}}` matches docker's. */
export interface SearchRow {
  readonly Description: string;
  readonly IsAutomated: string;
  readonly IsOfficial: string;
  readonly Name: string;
  readonly StarCount: string;
}

export function searchRows(results: readonly HubSearchResult[], options: { trunc: boolean; json?: boolean }): SearchRow[] {
  const flag = (value: boolean): string => (options.json ? String(value) : value ? '[OK]' : '');
  // A stable sort: equal stars keep the index's order (Go's sort.Slice may not; docker's order among ties is arbitrary).
  return results.toSorted((a, b) => b.starCount - a.starCount).map((r) => {
    const description = r.description.replaceAll('\n', ' ').replaceAll('\r', ' ');
    return {
      Description: options.trunc ? ellipsis(description, MAX_DESCRIPTION_WIDTH) : description,
      IsAutomated: flag(r.isAutomated),
      IsOfficial: flag(r.isOfficial),
      Name: r.name,
      StarCount: String(r.starCount),
    };
  });
}

/** pflag's parse of an int/uint flag, with its words for a bad one. */
function numberFlag(value: string, shown: string, unsigned: boolean): number {
  const parser = unsigned ? 'strconv.ParseUint' : 'strconv.ParseInt';
  if (!(unsigned ? /^\+?\d+$/ : /^[+-]?\d+$/).test(value) || !Number.isSafeInteger(Number(value))) {
    throw new UsageError(`invalid argument "${value}" for "${shown}" flag: ${parser}: parsing "${value}": invalid syntax`);
  }
  return Number(value);
}

export const searchCommand: Command = {
  name: 'search',
  usage: '[OPTIONS] TERM',
  summary: 'Search the Docker Hub for images',
  flags: [
    { name: 'filter', short: 'f', type: 'list', valueName: 'filter', help: 'Filter output based on conditions provided' },
    { name: 'format', type: 'string', help: FORMAT_HELP },
    { name: 'limit', type: 'string', valueName: 'int', help: 'Max number of search results (default 25)' },
    { name: 'no-trunc', type: 'bool', help: "Don't truncate output" },
    // Deprecated in docker: accepted, hidden from help, a warning on use (pflag's MarkDeprecated).
    { name: 'automated', type: 'bool', help: 'Only show automated builds', hidden: true },
    { name: 'stars', short: 's', type: 'string', valueName: 'uint', help: 'Only displays with at least x stars', hidden: true },
  ],
  args: { min: 1, max: 1 },
  async run(ctx, args) {
    const limitText = flagString(args, 'limit');
    const limit = limitText === undefined ? 25 : numberFlag(limitText, '--limit', false);
    const starsText = flagString(args, 'stars');
    const stars = starsText === undefined ? 0 : numberFlag(starsText, '-s, --stars', true);
    const automated = flagBool(args, 'automated');
    if (automated) ctx.io.stderr.write('Flag --automated has been deprecated, use --filter=is-automated=true instead\n');
    if (starsText !== undefined) ctx.io.stderr.write('Flag --stars has been deprecated, use --filter=stars=3 instead\n');
    const format = flagString(args, 'format') || 'table';
    const service = await ctx.service();
    const found = await service.searchHub(args.positionals[0]!, { limit, filters: flagList(args, 'filter') });
    const kept = found.results.filter((r) => (!automated || r.isAutomated) && r.starCount >= stars);
    const rows = searchRows(kept, { trunc: !flagBool(args, 'no-trunc'), json: format === 'json' });
    ctx.io.stdout.write(await renderRows(format === 'table' ? DEFAULT_TABLE : format, rows, SEARCH_HEADERS));
  },
};
