// `berth images`: docker's image list, columns, widths, sizes, ages and `--format` fields.
import type { ImageSummary } from '../../../shared/api.js';
import { createdSince, goTimeString, humanSize, shortId } from '../../../shared/format.js';
import { flagBool, flagList, flagString } from '../args.js';
import type { Command } from '../command.js';
import { imageIds, imagesTable } from '../images-table.js';
import { FORMAT_HELP, renderRows } from '../list-format.js';

const DEFAULT_TABLE = 'table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}';
const DEFAULT_TABLE_WITH_DIGEST =
  'table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}';
const QUIET = '{{.ID}}';

export const IMAGE_HEADERS: Record<string, string> = {
  ID: 'IMAGE ID',
  Repository: 'REPOSITORY',
  Tag: 'TAG',
  Digest: 'DIGEST',
  CreatedSince: 'CREATED',
  CreatedAt: 'CREATED AT',
  Size: 'SIZE',
  Containers: 'CONTAINERS',
  VirtualSize: 'SIZE',
  SharedSize: 'SHARED SIZE',
  UniqueSize: 'UNIQUE SIZE',
};

/** The fields `--format` templates see, with docker's string forms; computed only when a template reads them. */
export interface ImageRow {
  readonly ID: string;
  readonly Repository: string;
  readonly Tag: string;
  readonly Digest: string;
  readonly CreatedSince: string;
  readonly CreatedAt: string;
  readonly Size: string;
  readonly VirtualSize: string;
  readonly SharedSize: string;
  readonly UniqueSize: string;
  readonly Containers: string;
}

export function imageRow(image: ImageSummary, options: { trunc: boolean; digest: boolean; now: number }): ImageRow {
  const digest = options.digest && image.repoDigest ? image.repoDigest.slice(image.repoDigest.indexOf('@') + 1) : '<none>';
  return {
    ID: options.trunc ? shortId(image.id) : image.id,
    Repository: image.repository,
    Tag: image.tag,
    Digest: digest,
    get CreatedSince() {
      return createdSince(image.created, options.now);
    },
    get CreatedAt() {
      return goTimeString(image.created);
    },
    get Size() {
      return humanSize(image.size);
    },
    get VirtualSize() {
      return humanSize(image.size, 4);
    },
    get SharedSize() {
      return humanSize(image.sharedSize, 4);
    },
    get UniqueSize() {
      return humanSize(image.size - image.sharedSize, 4);
    },
    Containers: 'N/A',
  };
}

/** docker's formatter.NewImageFormat. */
export function imageFormat(source: string, quiet: boolean, digest: boolean): string {
  if (source === 'table') return quiet ? QUIET : digest ? DEFAULT_TABLE_WITH_DIGEST : DEFAULT_TABLE;
  if (source.startsWith('table') && digest && !source.includes('{{.Digest}}')) return source + '\t{{.Digest}}';
  return source;
}

export const imagesCommand: Command = {
  name: 'images',
  usage: '[OPTIONS] [REPOSITORY[:TAG]]',
  summary: 'List images',
  flags: [
    { name: 'all', short: 'a', type: 'bool', help: 'Show all images (default hides intermediate images)' },
    { name: 'digests', type: 'bool', help: 'Show digests' },
    { name: 'filter', short: 'f', type: 'list', valueName: 'filter', help: 'Filter output based on conditions provided' },
    { name: 'format', type: 'string', help: FORMAT_HELP },
    { name: 'no-trunc', type: 'bool', help: "Don't truncate output" },
    { name: 'quiet', short: 'q', type: 'bool', help: 'Only show image IDs' },
  ],
  args: { min: 0, max: 1 },
  async run(ctx, args) {
    const service = await ctx.service();
    const reference = args.positionals[0];
    const images = await service.listImages({
      all: flagBool(args, 'all'),
      filters: flagList(args, 'filter'),
      ...(reference ? { reference } : {}),
    });
    const quiet = flagBool(args, 'quiet');
    const showDigests = flagBool(args, 'digests');
    const source = imageFormat(flagString(args, 'format') || 'table', quiet, showDigests);
    const digest = showDigests || source.includes('{{.Digest}}');
    const now = ctx.io.now();
    const trunc = !flagBool(args, 'no-trunc');
    ctx.io.stdout.write(await formatImages(images, source, { trunc, digest, now }));
  },
};

/**
 * The output for an expanded format. The default tables and `-q` are written directly (images-table.ts), with the
 * same bytes as the template path, which every other format takes.
 */
export async function formatImages(images: ImageSummary[], source: string, options: { trunc: boolean; digest: boolean; now: number }): Promise<string> {
  if (source === DEFAULT_TABLE || source === DEFAULT_TABLE_WITH_DIGEST) {
    return imagesTable(images, { trunc: options.trunc, digests: source === DEFAULT_TABLE_WITH_DIGEST, now: options.now });
  }
  if (source === QUIET) return imageIds(images, options.trunc);
  return renderRows(source, images.map((image) => imageRow(image, options)), IMAGE_HEADERS);
}
