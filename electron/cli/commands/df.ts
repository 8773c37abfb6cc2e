// `berth df`: docker system df's Images row, then what a daemonless store can say besides: the size of every
// image counted whole, the unique size with shared layers counted once, and the bytes on disk.
import { humanSize } from '../../../shared/format.js';
import { flagBool } from '../args.js';
import type { Command } from '../command.js';
import { renderRows } from '../list-format.js';
import { alignColumns } from '../tabwriter.js';
import { IMAGE_HEADERS, imageRow } from './images.js';

const VERBOSE_TABLE = 'table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}\t{{.SharedSize}}\t{{.UniqueSize}}';

export const dfCommand: Command = {
  name: 'df',
  usage: '[OPTIONS]',
  summary: 'Show disk usage of the image store',
  flags: [{ name: 'verbose', short: 'v', type: 'bool', help: 'List every image with its shared and unique size' }],
  args: { min: 0, max: 0 },
  async run(ctx, args) {
    const service = await ctx.service();
    const usage = await service.diskUsage();
    const images = await service.listImages({ all: true });
    const active = new Set(images.filter((i) => !i.dangling).map((i) => i.id)).size;
    // Reclaimable counts unreferenced blobs too, so its share is of what is on disk.
    const onDisk = Math.max(usage.storeSize, usage.uniqueSize);
    const percent = onDisk > 0 ? ` (${Math.min(100, Math.trunc((usage.reclaimable * 100) / onDisk))}%)` : '';
    let out = alignColumns(
      'TYPE\tTOTAL\tACTIVE\tSIZE\tRECLAIMABLE\n' +
        `Images\t${usage.uniqueImages}\t${active}\t${humanSize(usage.uniqueSize, 4)}\t${humanSize(usage.reclaimable, 4)}${percent}\n`,
    );
    out += '\n' + alignColumns(
      `Tags:\t${images.filter((i) => !i.dangling).length}\n` +
        `Total size:\t${humanSize(usage.totalSize, 4)}\t(every image counted whole)\n` +
        `Unique size:\t${humanSize(usage.uniqueSize, 4)}\t(layers shared by images counted once)\n` +
        `Layers on disk:\t${humanSize(usage.uniqueDiskSize, 4)}\t(the same layers as stored, compressed where they came so)\n` +
        `On disk:\t${humanSize(usage.storeSize, 4)}\t(${service.storePath})\n`,
      { minWidth: 0, padding: 2 },
    );
    if (flagBool(args, 'verbose')) {
      const now = ctx.io.now();
      const rows = images.map((image) => imageRow(image, { trunc: true, digest: false, now }));
      out += '\nImages space usage:\n\n' + (await renderRows(VERBOSE_TABLE, rows, IMAGE_HEADERS));
    }
    ctx.io.stdout.write(out);
  },
};
