// `berth history IMAGE`: docker's columns (IMAGE CREATED CREATED BY SIZE COMMENT), newest entry first, from the
// same layer model as the app's Layers tab (image/layer-history.ts, through imageDetail). As docker prints an
// image it has no parent images for (pulled or loaded), only the top row has an ID; the others are <missing>.
// SIZE is the layer as stored (docker prints the size of the unpacked files), 0B for entries that made no layer.
import type { LayerInfo } from '../../../shared/api.js';
import { GO_ZERO_TIME_MS, goRfc3339, humanDuration, humanSize, shortId } from '../../../shared/format.js';
import { flagBool, flagString } from '../args.js';
import type { Command } from '../command.js';
import { FORMAT_HELP, renderRows } from '../list-format.js';
import { displayWidth } from '../tabwriter.js';

const DEFAULT_TABLE = 'table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}';
const NON_HUMAN_TABLE = 'table {{.ID}}\t{{.CreatedAt}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}';
const QUIET = '{{.ID}}';
const MAX_CREATED_BY_WIDTH = 45;
/**
 * The docker CLI (since 23) prints no age for entries created at or before 2000-01-01 UTC, which includes those
 * without a `created` (Go's zero time): "N/A". The 20.10 CLI printed "292 years ago" for those.
 */
const EPOCH_MS = Date.UTC(2000, 0, 1);

export const HISTORY_HEADERS: Record<string, string> = {
  ID: 'IMAGE',
  CreatedSince: 'CREATED',
  CreatedAt: 'CREATED AT',
  CreatedBy: 'CREATED BY',
  Size: 'SIZE',
  Comment: 'COMMENT',
};

/** The fields `--format` templates see (docker's historyContext), with docker's string forms. */
export interface HistoryRow {
  readonly Comment: string;
  readonly CreatedAt: string;
  readonly CreatedBy: string;
  readonly CreatedSince: string;
  readonly ID: string;
  readonly Size: string;
}

export interface HistoryOptions {
  trunc: boolean;
  human: boolean;
  now: number;
  /** For tests: the zone `.CreatedAt` is printed in (the local one by default, as docker does). */
  timeZone?: string;
}

/** docker's rows for an image: newest history entry first; `layers` is the model's order (oldest first). */
export function historyRows(id: string, layers: readonly LayerInfo[], options: HistoryOptions): HistoryRow[] {
  return layers.toReversed().map((layer, i) => historyRow(i === 0 ? id : '<missing>', layer, options));
}

function historyRow(id: string, layer: LayerInfo, options: HistoryOptions): HistoryRow {
  const parsed = layer.created ? Date.parse(layer.created) : NaN;
  const created = Number.isNaN(parsed) ? GO_ZERO_TIME_MS : Math.floor(parsed / 1000) * 1000;
  const createdAt = (): string => goRfc3339(created, options.timeZone);
  const createdBy = layer.createdBy.replaceAll('\t', ' ');
  // Keys in sorted order: docker's row marshals as a map, so `{{json .}}` lists them so.
  return {
    Comment: layer.comment,
    get CreatedAt() {
      return createdAt();
    },
    CreatedBy: options.trunc ? ellipsis(createdBy, MAX_CREATED_BY_WIDTH) : createdBy,
    get CreatedSince() {
      if (!options.human) return createdAt();
      return created <= EPOCH_MS ? 'N/A' : humanDuration(options.now - created) + ' ago';
    },
    ID: options.trunc ? shortId(id) : id,
    Size: options.human ? humanSize(layer.size) : String(layer.size),
  };
}

/** docker's formatter.Ellipsis: cut to fit `width` terminal columns with the `…` included (wide characters count 2). */
export function ellipsis(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const char of text) {
    const w = displayWidth(char);
    if (used + w > width - 1) break;
    out += char;
    used += w;
  }
  return out + '…';
}

/** docker's formatter.NewHistoryFormat. */
export function historyFormat(source: string, quiet: boolean, human: boolean): string {
  if (source !== 'table') return source;
  return quiet ? QUIET : human ? DEFAULT_TABLE : NON_HUMAN_TABLE;
}

export const historyCommand: Command = {
  name: 'history',
  usage: '[OPTIONS] IMAGE',
  summary: 'Show the history of an image',
  flags: [
    { name: 'format', type: 'string', help: FORMAT_HELP },
    { name: 'human', short: 'H', type: 'bool', help: 'Print sizes and dates in human readable format\n(default true)' },
    { name: 'no-trunc', type: 'bool', help: "Don't truncate output" },
    { name: 'quiet', short: 'q', type: 'bool', help: 'Only show image IDs' },
  ],
  args: { min: 1, max: 1 },
  async run(ctx, args) {
    const human = args.flags.get('human') !== false;
    const source = historyFormat(flagString(args, 'format') || 'table', flagBool(args, 'quiet'), human);
    const detail = await (await ctx.service()).imageDetail(args.positionals[0]!);
    const rows = historyRows(detail.inspect.Id, detail.layers, { trunc: !flagBool(args, 'no-trunc'), human, now: ctx.io.now() });
    ctx.io.stdout.write(await renderRows(source, rows, HISTORY_HEADERS));
  },
};
