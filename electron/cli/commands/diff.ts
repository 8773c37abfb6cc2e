// `berth diff IMAGE1 IMAGE2`: what changed from the first image's files to the second's, as `docker diff` prints a
// container's changes against its image — one `A`/`C`/`D` line per path, sorted by path, folders with changes
// inside them listed as C (moby's rules: core/files/image-diff.ts). `--format` takes docker/cli's forms (`table`,
// `table TEMPLATE`, `json`, `TEMPLATE`) over rows with .Kind (also .Type, docker's diff field name), .Path, .Size,
// .SizeBefore and .Delta (bytes). Like docker, finding differences is not a failure: the status is 0, and 1 for an
// error (an image that is not there).
import type { ImageDiffChange } from '../../../shared/api.js';
import { goQuote } from '../../../shared/template/quote.js';
import { flagString } from '../args.js';
import type { Command } from '../command.js';
import { isTableFormat, renderRows } from '../list-format.js';

const FORMAT_HELP = [
  'Format output using a custom template:',
  "'table':            Print output in table format",
  'with column headers',
  "'table TEMPLATE':   Print output in table format",
  'using the given Go template',
  "'json':             Print in JSON format",
  "'TEMPLATE':         Print output using the given",
  'Go template (fields: .Kind .Path .Size',
  '.SizeBefore .Delta)',
].join('\n');

const DEFAULT_TABLE = 'table {{.Kind}}\t{{.Path}}\t{{.SizeBefore}}\t{{.Size}}\t{{.Delta}}';

export const DIFF_HEADERS: Record<string, string> = {
  Kind: 'CHANGE TYPE',
  Type: 'CHANGE TYPE',
  Path: 'PATH',
  Size: 'SIZE',
  SizeBefore: 'SIZE BEFORE',
  Delta: 'DELTA',
};

/** The fields templates see; keys sorted, as `{{json .}}` and `--format json` list them. */
export interface DiffRow {
  readonly Delta: number;
  readonly Kind: string;
  readonly Path: string;
  readonly Size: number;
  readonly SizeBefore: number;
}

export function diffRow(change: ImageDiffChange): DiffRow {
  const row = { Delta: change.delta, Kind: change.kind, Path: change.path, Size: change.size, SizeBefore: change.sizeBefore };
  // docker/cli's diff context calls the letter .Type; kept out of JSON so each row names it once.
  Object.defineProperty(row, 'Type', { value: change.kind, enumerable: false });
  return row;
}

/** docker's line; a path with a line break in it is quoted so it cannot pass for another line. */
export function diffLine(change: ImageDiffChange): string {
  return `${change.kind} ${/[\n\r]/.test(change.path) ? goQuote(change.path) : change.path}\n`;
}

export const diffCommand: Command = {
  name: 'diff',
  usage: '[OPTIONS] IMAGE1 IMAGE2',
  summary: 'Show the files added, changed and deleted from one image to another',
  flags: [{ name: 'format', type: 'string', help: FORMAT_HELP }],
  args: { min: 2, max: 2 },
  async run(ctx, args) {
    const source = flagString(args, 'format') ?? '';
    const format = source === 'table' ? DEFAULT_TABLE : source;
    // A bad template fails before any image is read (or indexed, which can take a while).
    if (format !== '') await renderRows(format, [], DIFF_HEADERS);
    const [a, b] = args.positionals as [string, string];
    const diff = await (await ctx.service()).diffImages(a, b);
    if (format === '') ctx.io.stdout.write(diff.changes.map(diffLine).join(''));
    else {
      // A table's rows are lines and columns: a path with a tab or line break is quoted there, as on docker's lines.
      const rows = diff.changes.map((change) => diffRow(isTableFormat(format) && /[\t\n\r]/.test(change.path) ? { ...change, path: goQuote(change.path) } : change));
      ctx.io.stdout.write(await renderRows(format, rows, DIFF_HEADERS));
    }
  },
};
